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
import vn.pakn.local.events.HttpApiServer;

/**
 * A reverse proxy in front of one service that counts what a bill counts: requests per operation,
 * and for DynamoDB the capacity units. Write units follow AWS's rules from each written item's
 * image before and after the write, which the proxy reads itself, uncounted ({@link WriteUnits});
 * read units are DynamoDB Local's own ({@code ReturnConsumedCapacity} is added to every item
 * request), and so are its write units, kept as a cross-check. The callers' code is unchanged. Only
 * for the cost run: the proxy's own time would distort the timed figures, which never go through it.
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
    /** Write units by table and by index ({@code table/index}), by AWS's rules from the item images ({@link WriteUnits}). */
    private final Map<String, DoubleAdder> writeUnitsBy = new ConcurrentHashMap<>();
    private final DoubleAdder writeUnitsByRules = new DoubleAdder();
    private final Map<String, WriteUnits.Schema> schemas = new ConcurrentHashMap<>();
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
            HttpApiServer.answerWithoutDelay();
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

    /** Write units as DynamoDB Local reported them: a cross-check only, it undercounts transactions. */
    double reportedWriteUnits() {
        return writeUnits.sum();
    }

    /** Write units by AWS's rules, from the items' sizes before and after each write. */
    double writeUnits() {
        return writeUnitsByRules.sum();
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
        writeUnitsByRules.reset();
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
            List<Written> written = service == Service.DYNAMODB && WRITE_OPERATIONS.contains(operation)
                    ? written(operation, JSON.readTree(body), exchange) : List.of();
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
            if (!written.isEmpty() && response.statusCode() < 300) {
                for (Written w : written) {
                    JsonNode after = getItem(w.table(), w.key(), exchange);
                    WriteUnits.Units units = WriteUnits.of(w.before(), after, w.schema(), w.transactional());
                    writeUnitsByRules.add(units.table());
                    addTo(w.table(), units.table());
                    units.indexes().forEach((index, u) -> {
                        writeUnitsByRules.add(u);
                        addTo(w.table() + "/" + index, u);
                    });
                }
            }
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

    private static final Set<String> WRITE_OPERATIONS = Set.of("PutItem", "UpdateItem", "DeleteItem",
            "TransactWriteItems", "BatchWriteItem");

    /** One item a write request touches, with its image before the write. */
    private record Written(String table, JsonNode key, JsonNode before, WriteUnits.Schema schema, boolean transactional) {
    }

    private List<Written> written(String operation, JsonNode request, HttpExchange exchange) {
        List<Written> out = new java.util.ArrayList<>();
        switch (operation) {
            case "PutItem" -> add(out, request.path("TableName").asText(), request.path("Item"), true, false, exchange);
            case "UpdateItem", "DeleteItem" -> add(out, request.path("TableName").asText(), request.path("Key"), false,
                    false, exchange);
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    item.fields().forEachRemaining(action -> {
                        JsonNode a = action.getValue();
                        boolean put = action.getKey().equals("Put");
                        add(out, a.path("TableName").asText(), put ? a.path("Item") : a.path("Key"), put, true, exchange);
                    });
                }
            }
            case "BatchWriteItem" -> request.path("RequestItems").fields().forEachRemaining(table -> {
                for (JsonNode r : table.getValue()) {
                    if (r.has("PutRequest")) {
                        add(out, table.getKey(), r.path("PutRequest").path("Item"), true, false, exchange);
                    } else {
                        add(out, table.getKey(), r.path("DeleteRequest").path("Key"), false, false, exchange);
                    }
                }
            });
            default -> { }
        }
        return out;
    }

    private void add(List<Written> out, String table, JsonNode itemOrKey, boolean isItem, boolean transactional,
                     HttpExchange exchange) {
        WriteUnits.Schema schema = schemas.computeIfAbsent(table, t -> WriteUnits.schema(call("DescribeTable",
                JSON.createObjectNode().put("TableName", t), exchange)));
        ObjectNode key = JSON.createObjectNode();
        for (String name : schema.tableKeys()) {
            key.set(name, itemOrKey.get(name));
        }
        out.add(new Written(table, key, getItem(table, key, exchange), schema, transactional));
    }

    /** The item as stored now, straight from the service and not counted; null if there is none. */
    private JsonNode getItem(String table, JsonNode key, HttpExchange exchange) {
        ObjectNode request = JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
        request.set("Key", key);
        JsonNode item = call("GetItem", request, exchange).get("Item");
        return item == null || item.isEmpty() ? null : item;
    }

    private JsonNode call(String operation, JsonNode request, HttpExchange original) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)));
            // DynamoDB Local wants credentials in the request, not valid signatures: the caller's will do.
            for (String h : List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token")) {
                String v = original.getRequestHeaders().getFirst(h);
                if (v != null) {
                    b.header(h, v);
                }
            }
            HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(operation + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
                for (JsonNode c : consumed.isArray() ? consumed : List.of(consumed)) {
                    units += c.path("CapacityUnits").asDouble(0);
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
