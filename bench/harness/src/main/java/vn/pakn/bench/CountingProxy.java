package vn.pakn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A reverse proxy in front of one service that counts what a bill counts: requests per operation,
 * and for DynamoDB the capacity units each request consumed. DynamoDB requests are asked for
 * {@code ReturnConsumedCapacity: INDEXES}, so DynamoDB itself computes the units (item sizes,
 * transactions at twice the price, index writes); the callers' code is unchanged. Only for the cost
 * run: the proxy's own time would distort the timed figures, which never go through it.
 *
 * <p>The Host header travels unchanged, because S3 checks it in the request's signature; that
 * needs {@code jdk.httpclient.allowRestrictedHeaders=host}, set before any {@link HttpClient}
 * exists ({@link #allowHostHeader()}).
 */
final class CountingProxy implements AutoCloseable {
    enum Service { DYNAMODB, SQS, S3 }

    /** DynamoDB operations that accept ReturnConsumedCapacity. */
    private static final Set<String> ITEM_OPERATIONS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems");
    private static final Set<String> READ_OPERATIONS = Set.of("GetItem", "Query", "Scan", "BatchGetItem",
            "TransactGetItems");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "expect",
            "upgrade", "keep-alive", "te", "trailer", "proxy-connection");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Service service;
    private final URI target;
    private final HttpServer server;
    private final ExecutorService pool;
    private final HttpClient client;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    /** Write units by table and by index ({@code table/index}), as DynamoDB broke them down. */
    private final Map<String, DoubleAdder> writeUnitsBy = new ConcurrentHashMap<>();
    private final LongAdder receivedMessages = new LongAdder();

    static void allowHostHeader() {
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!allowed.toLowerCase(Locale.ROOT).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "host" : allowed + ",host");
        }
    }

    CountingProxy(Service service, URI target) {
        allowHostHeader();
        this.service = service;
        this.target = target;
        this.pool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "bench-proxy-" + service.name().toLowerCase(Locale.ROOT));
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the counting proxy", e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(pool);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests per operation since the last reset, e.g. {@code TransactWriteItems -> 12}. */
    Map<String, Long> requests() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((op, n) -> out.put(op, n.sum()));
        return out;
    }

    double readUnits() {
        return readUnits.sum();
    }

    double writeUnits() {
        return writeUnits.sum();
    }

    Map<String, Double> writeUnitsByTable() {
        Map<String, Double> out = new TreeMap<>();
        writeUnitsBy.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long receivedMessages() {
        return receivedMessages.sum();
    }

    void reset() {
        requests.clear();
        readUnits.reset();
        writeUnits.reset();
        writeUnitsBy.clear();
        receivedMessages.reset();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String operation = operation(exchange, body);
            boolean askCapacity = service == Service.DYNAMODB && ITEM_OPERATIONS.contains(operation);
            if (askCapacity) {
                ObjectNode request = (ObjectNode) JSON.readTree(body);
                request.put("ReturnConsumedCapacity", "INDEXES");
                body = JSON.writeValueAsBytes(request);
            }
            URI uri = URI.create(target.toString().replaceAll("/$", "") + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 && !hasBody(exchange)
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    for (String value : values) {
                        out.header(name, value);
                    }
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            count(operation, response);
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(lower) && !lower.equals(":status")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] responseBody = response.body();
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            if (head) {
                // A HEAD answer's Content-Length is the object's size, which callers read.
                response.headers().firstValue("content-length")
                        .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
            }
            int status = response.statusCode();
            if (head || status == 204 || status == 304 || responseBody.length == 0) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, responseBody.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(responseBody);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bench proxy (" + service + "): " + e);
            throw e;
        }
    }

    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return length != null && !length.equals("0");
    }

    private String operation(HttpExchange exchange, byte[] body) {
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        switch (service) {
            case DYNAMODB:
                if (amzTarget == null) {
                    return "?";
                }
                // DynamoDB_20120810.Query, DynamoDBStreams_20120810.GetRecords
                String op = amzTarget.substring(amzTarget.indexOf('.') + 1);
                return amzTarget.startsWith("DynamoDBStreams") ? "streams:" + op : op;
            case SQS:
                // FIFO queues cost more per request, so the queue's kind is part of the operation.
                String text = new String(body, StandardCharsets.UTF_8);
                String fifo = text.contains(".fifo") ? " (FIFO)" : "";
                if (amzTarget != null) {
                    return amzTarget.substring(amzTarget.indexOf('.') + 1) + fifo;
                }
                for (String pair : text.split("&")) {
                    if (pair.startsWith("Action=")) {
                        return pair.substring("Action=".length()) + fifo;
                    }
                }
                return "?";
            default:
                return s3Operation(exchange);
        }
    }

    /** The S3 price class a request falls in, by what the REST API makes of method and path. */
    private static String s3Operation(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        // Path style: /bucket or /bucket/key
        boolean objectLevel = path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
        if (!objectLevel) {
            return method.equals("GET") ? "ListObjects" : method + " bucket";
        }
        switch (method) {
            case "PUT":
                return exchange.getRequestHeaders().containsKey("x-amz-copy-source") ? "CopyObject" : "PutObject";
            case "GET":
                return "GetObject";
            case "HEAD":
                return "HeadObject";
            case "DELETE":
                return "DeleteObject";
            case "POST":
                return "PostObject";
            default:
                return method + " object";
        }
    }

    /** Receives that returned nothing count as {@code <operation> empty}: idle pollers, a fixed cost per queue. */
    static final String EMPTY = " empty";

    private void count(String operation, HttpResponse<byte[]> response) {
        String key = operation;
        try {
            if (response.statusCode() < 300 && service == Service.DYNAMODB && ITEM_OPERATIONS.contains(operation)) {
                JsonNode consumed = JSON.readTree(response.body()).path("ConsumedCapacity");
                double units = 0;
                boolean write = !READ_OPERATIONS.contains(operation);
                for (JsonNode c : consumed.isArray() ? consumed : List.of(consumed)) {
                    units += c.path("CapacityUnits").asDouble(0);
                    if (write) {
                        String table = c.path("TableName").asText("?");
                        addTo(table, c.path("Table").path("CapacityUnits").asDouble(0));
                        c.path("GlobalSecondaryIndexes").fields().forEachRemaining(index ->
                                addTo(table + "/" + index.getKey(), index.getValue().path("CapacityUnits").asDouble(0)));
                    }
                }
                (READ_OPERATIONS.contains(operation) ? readUnits : writeUnits).add(units);
            } else if (response.statusCode() < 300 && service == Service.SQS && operation.startsWith("ReceiveMessage")) {
                int messages = JSON.readTree(response.body()).path("Messages").size();
                if (messages == 0) {
                    key = operation + EMPTY;
                }
                receivedMessages.add(messages);
            }
        } catch (IOException | RuntimeException e) {
            // A body we cannot read is still one request; it simply adds no units.
        }
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private void addTo(String key, double units) {
        if (units > 0) {
            writeUnitsBy.computeIfAbsent(key, k -> new DoubleAdder()).add(units);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
