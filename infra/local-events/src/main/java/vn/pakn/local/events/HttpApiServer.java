package vn.pakn.local.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link HttpApiGateway} on a loopback port, served by the JDK's HTTP server. */
public final class HttpApiServer implements AutoCloseable {

    public static final String LOOPBACK = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpApiGateway gateway;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile java.util.function.Function<String, HttpApiResponse> rootFiles;

    private HttpApiServer(HttpServer server, ExecutorService executor, HttpApiGateway gateway) {
        this.server = server;
        this.executor = executor;
        this.gateway = gateway;
    }

    /**
     * Listens on 127.0.0.1:{@code port} ({@code 0}: any free port).
     *
     * @throws PortInUseException when the port is taken
     */
    public static HttpApiServer start(HttpApiGateway gateway, int port, int threads) {
        answerWithoutDelay();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 64);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + port, e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "pakn-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpApiServer api = new HttpApiServer(server, executor, gateway);
        server.createContext("/", api::exchange);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /**
     * Turns Nagle's algorithm off for the JDK's HTTP servers in this JVM, which leave it on: a
     * response goes out as headers, then body, and the body's segment waits for the client's
     * delayed acknowledgement of the headers (up to 40 ms on Linux), a wait API Gateway does not
     * add. Measured on the intake benchmark: submissions through the local API from 0.70x to 0.85x
     * of the handler invoked directly. The server reads the setting when the JVM's first one is
     * created, so anything else here that creates one calls this first.
     */
    public static void answerWithoutDelay() {
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash (the stage is {@code $default}). */
    public URI baseUri() {
        return URI.create("http://" + LOOPBACK + ":" + port());
    }

    public HttpApiGateway gateway() {
        return gateway;
    }

    /**
     * Serves a JSON document for GET at exactly {@code path}, beside the API (the local JWT
     * issuer's JWKS and discovery document live on the API's port, where its issuer URL points).
     */
    public HttpApiServer serveJson(String path, java.util.function.Supplier<String> json) {
        server.createContext(path, exchange -> serveGet(exchange, rawPath -> rawPath.equals(path)
                ? new HttpApiResponse(200, Map.of("content-type", List.of("application/json")),
                        json.get().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : HttpApiResponse.gatewayError(404, "Not Found")));
        return this;
    }

    /**
     * Serves GET and HEAD for every path under {@code prefix} (ending in {@code /}) beside the API,
     * as a bucket's website would: {@code files} gets the raw request path and answers (the
     * open-data files, which S3 serves in AWS). The API's own routes never start with the prefix.
     * The prefix {@code /} serves the GET and HEAD requests no API route takes (the web client,
     * which a CDN serves in AWS); every other request still reaches the API.
     */
    public HttpApiServer serveFiles(String prefix, java.util.function.Function<String, HttpApiResponse> files) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A prefix starts and ends with /: " + prefix);
        }
        if (prefix.equals("/")) {
            rootFiles = java.util.Objects.requireNonNull(files, "files");
        } else {
            server.createContext(prefix, exchange -> serveGet(exchange, files));
        }
        return this;
    }

    /**
     * Answers every request for exactly {@code path} with {@code handler}, beside the API: local
     * tooling that has no place in the template (the local sign-in of docs/auth.md).
     */
    public HttpApiServer serve(String path, java.util.function.Function<HttpApiRequest, HttpApiResponse> handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                HttpApiResponse response;
                if (!exchange.getRequestURI().getRawPath().equals(path)) {
                    response = HttpApiResponse.gatewayError(404, "Not Found");
                } else {
                    try {
                        response = handler.apply(request(exchange, readAtMost(exchange.getRequestBody(), 64 * 1024)));
                    } catch (RuntimeException e) {
                        System.err.println("pakn local HTTP server: " + path + ": " + e);
                        response = HttpApiResponse.gatewayError(500, "Internal Server Error");
                    }
                }
                send(exchange, response);
            }
        });
        return this;
    }

    private static void serveGet(HttpExchange exchange, java.util.function.Function<String, HttpApiResponse> answer)
            throws IOException {
        try (exchange) {
            HttpApiResponse response;
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                response = HttpApiResponse.gatewayError(405, "Method Not Allowed");
            } else {
                response = file(answer, exchange.getRequestURI().getRawPath());
            }
            send(exchange, response);
        }
    }

    private static HttpApiResponse file(java.util.function.Function<String, HttpApiResponse> files, String rawPath) {
        try {
            return files.apply(rawPath);
        } catch (RuntimeException e) {
            // E.g. the bucket behind the files is unreachable: say so, as S3 would with a 500.
            System.err.println("pakn local HTTP server: " + rawPath + ": " + e);
            return HttpApiResponse.gatewayError(500, "Internal Server Error");
        }
    }

    private static void send(HttpExchange exchange, HttpApiResponse response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static HttpApiRequest request(HttpExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        return new HttpApiRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    }

    private void exchange(HttpExchange exchange) throws IOException {
        java.util.function.Function<String, HttpApiResponse> files = rootFiles;
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        if (files != null && (method.equals("GET") || method.equals("HEAD")) && gateway.route(method, rawPath).isEmpty()) {
            HttpApiResponse file = file(files, rawPath);
            if (file.statusCode() != 404) {
                try (exchange) {
                    send(exchange, file);
                }
                return;
            }
            // Not a file either: the API's own 404, with its CORS headers and console line.
        }
        try (exchange) {
            HttpApiResponse response;
            String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declaredLength != null && parseLong(declaredLength) > HttpApiGateway.MAX_BODY_BYTES) {
                response = HttpApiResponse.gatewayError(413, "Request Entity Too Large");
            } else {
                response = gateway.handle(request(exchange,
                        readAtMost(exchange.getRequestBody(), HttpApiGateway.MAX_BODY_BYTES + 1)));
            }
            response.headers().forEach((name, values) -> {
                if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] bytes = response.body();
            boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                    || response.statusCode() == 204 || response.statusCode() == 304;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            // The gateway answers function failures itself; this is a bug here, so say it loudly.
            System.err.println("pakn local HTTP server: " + e);
            throw e;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    /** Stops listening at once (in-flight exchanges are cut); later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port is taken by another program. */
    public static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int port;

        PortInUseException(int port, BindException cause) {
            super("port " + port + " on " + LOOPBACK + " is in use", cause);
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
