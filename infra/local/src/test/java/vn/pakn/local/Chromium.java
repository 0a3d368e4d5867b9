package vn.pakn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: no
 * driver download, no dependency. Debian's {@code chromium} package (or {@code PAKN_CHROMIUM});
 * the flags are those that work on machines with a closed network (no background connections).
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The browser to use: {@code PAKN_CHROMIUM}, else Debian's (or another distribution's) Chromium. */
    static Optional<Path> executable() {
        String configured = System.getenv("PAKN_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static Chromium launch(Path executable) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("pakn-chromium-");
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--disable-dev-shm-usage", "--lang=vi", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                String log = Files.isRegularFile(profile.resolve("chromium.log"))
                        ? Files.readString(profile.resolve("chromium.log")) : "";
                throw new IllegalStateException("Chromium did not start (" + executable + "): " + log);
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        Chromium[] self = new Chromium[1];
        StringBuilder partial = new StringBuilder();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String message = partial.toString();
                    partial.setLength(0);
                    self[0].receive(message);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        self[0] = new Chromium(process, profile, socket);
        return self[0];
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> waiting = pending.remove(message.get("id").asLong());
            if (waiting != null) {
                if (message.has("error")) {
                    waiting.completeExceptionally(new IllegalStateException("CDP error: " + message.get("error")));
                } else {
                    waiting.complete(message.path("result"));
                }
            }
        } else {
            listeners.forEach(listener -> listener.accept(message));
        }
    }

    /** Sends one command (to a page when {@code session} is set) and waits for its result. */
    JsonNode send(String session, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        synchronized (socket) {
            socket.sendText(message.toString(), true).join();
        }
        try {
            return result.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer in " + COMMAND_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** A new tab, attached: every later command for it carries its session. */
    Page newPage() {
        String target = send(null, "Target.createTarget", params().put("url", "about:blank")).get("targetId").asText();
        String session = send(null, "Target.attachToTarget", params().put("targetId", target).put("flatten", true))
                .get("sessionId").asText();
        Page page = new Page(this, target, session);
        listeners.add(page::event);
        page.send("Page.enable", null);
        page.send("Runtime.enable", null);
        page.send("Log.enable", null);
        return page;
    }

    void grantGeolocation(String origin) {
        ArrayNode permissions = JSON.createArrayNode().add("geolocation");
        ObjectNode p = params().put("origin", origin);
        p.set("permissions", permissions);
        send(null, "Browser.grantPermissions", p);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    /** One tab. */
    static final class Page {
        private final Chromium browser;
        private final String target;
        private final String session;
        /** Uncaught exceptions, console errors and browser log errors (CSP violations among them). */
        final List<String> problems = new CopyOnWriteArrayList<>();
        private volatile String stubBody;

        private Page(Chromium browser, String target, String session) {
            this.browser = browser;
            this.target = target;
            this.session = session;
        }

        JsonNode send(String method, ObjectNode params) {
            return browser.send(session, method, params);
        }

        private void event(JsonNode message) {
            if (!session.equals(message.path("sessionId").asText())) {
                return;
            }
            JsonNode params = message.path("params");
            switch (message.path("method").asText()) {
                case "Runtime.exceptionThrown" -> problems.add("exception: "
                        + params.at("/exceptionDetails/exception/description").asText(
                                params.at("/exceptionDetails/text").asText()));
                case "Runtime.consoleAPICalled" -> {
                    if (params.path("type").asText().equals("error")) {
                        problems.add("console.error: " + params.path("args").toString());
                    }
                }
                case "Fetch.requestPaused" -> {
                    String request = params.path("requestId").asText();
                    String body = stubBody;
                    // Not on the socket's own thread, which must stay free to deliver the answer.
                    CompletableFuture.runAsync(() -> {
                        ObjectNode p = params().put("requestId", request).put("responseCode", 200)
                                .put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
                        p.set("responseHeaders", JSON.createArrayNode().add(params().put("name", "content-type")
                                .put("value", "application/json")));
                        send("Fetch.fulfillRequest", p);
                    });
                }
                case "Log.entryAdded" -> {
                    if (params.at("/entry/level").asText().equals("error")) {
                        problems.add("log: " + params.at("/entry/text").asText() + " " + params.at("/entry/url").asText());
                    }
                }
                default -> { }
            }
        }

        void navigate(String url) {
            send("Page.navigate", params().put("url", url));
            waitFor("document.readyState === 'complete' && location.href === " + quote(url), "load of " + url);
        }

        /** The value of a JavaScript expression (promises awaited). */
        JsonNode evaluate(String expression) {
            JsonNode result = send("Runtime.evaluate", params().put("expression", expression)
                    .put("awaitPromise", true).put("returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("JavaScript failed: " + expression + "\n" + result.get("exceptionDetails"));
            }
            return result.at("/result/value");
        }

        String text(String expression) {
            return evaluate(expression).asText();
        }

        /** Polls a condition (no fixed sleeps) until it holds; the page's text is in the failure. */
        void waitFor(String condition, String what) {
            waitFor(condition, what, Duration.ofSeconds(30));
        }

        void waitFor(String condition, String what, Duration timeout) {
            if (!poll(condition, timeout)) {
                String page;
                try {
                    page = text("document.querySelector('main') ? document.querySelector('main').innerText : document.body.innerText");
                } catch (RuntimeException e) {
                    page = "(unreadable: " + e.getMessage() + ")";
                }
                throw new AssertionError("Timed out waiting for " + what + " (" + condition + ").\nPage:\n" + page
                        + "\nProblems: " + problems);
            }
        }

        /** Whether the condition holds within the timeout, checked every 100 ms. */
        boolean poll(String condition, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    if (evaluate("Boolean(" + condition + ")").asBoolean()) {
                        return true;
                    }
                } catch (IllegalStateException e) {
                    // the page is navigating: try again
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                sleep(100);
            }
        }

        /** Clicks the element's centre with the mouse, as a user does (it must be visible and on top). */
        void click(String selector) {
            waitFor(visible(selector), selector + " visible");
            JsonNode box = evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
                    + " e.scrollIntoView({block: 'center'}); const r = e.getClientRects()[0];"
                    // The first box: a link wrapped over two lines has nothing at the centre of the union.
                    + " return {x: r.left + Math.min(r.width / 2, 8), y: r.top + r.height / 2}; })()");
            for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
                send("Input.dispatchMouseEvent", params().put("type", type).put("x", box.get("x").asDouble())
                        .put("y", box.get("y").asDouble()).put("button", "left").put("clickCount", 1));
            }
        }

        /** Focuses the field and types into it (after emptying it). */
        void type(String selector, String text) {
            waitFor(visible(selector), selector + " visible");
            evaluate("(() => { const e = document.querySelector(" + quote(selector) + "); e.focus(); e.value = '';"
                    + " e.dispatchEvent(new Event('input', {bubbles: true})); })()");
            send("Input.insertText", params().put("text", text));
        }

        /** Chooses an option of a select by value, as picking it does (input and change events). */
        void select(String selector, String value) {
            waitFor("document.querySelector(" + quote(selector + " option[value=\"" + value + "\"]") + ")",
                    "option " + value + " in " + selector);
            evaluate("(() => { const e = document.querySelector(" + quote(selector) + "); e.value = " + quote(value)
                    + "; e.dispatchEvent(new Event('input', {bubbles: true}));"
                    + " e.dispatchEvent(new Event('change', {bubbles: true})); })()");
        }

        /**
         * Puts a file into an {@code <input type=file>} and fires {@code change}, as choosing it in the
         * dialog does. The bytes travel with the command: {@code DOM.setFileInputFiles} makes the
         * browser read the path itself, and a page that reads the file at once in its change handler
         * can be refused (ERR_ACCESS_DENIED) before the browser has granted it the file.
         */
        void chooseFile(String selector, Path file, String contentType) {
            String base64;
            try {
                base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            evaluate("(() => { const bytes = Uint8Array.from(atob(" + quote(base64) + "), c => c.charCodeAt(0));"
                    + " const chosen = new DataTransfer(); chosen.items.add(new File([bytes], "
                    + quote(file.getFileName().toString()) + ", {type: " + quote(contentType) + "}));"
                    + " const input = document.querySelector(" + quote(selector) + "); input.files = chosen.files;"
                    + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                    + " input.dispatchEvent(new Event('change', {bubbles: true})); })()");
        }

        /** A key press: "Tab", "Enter", "ArrowDown", " " ... ; shift for Shift+Tab. */
        void press(String key, boolean shift) {
            int code = switch (key) {
                case "Tab" -> 9;
                case "Enter" -> 13;
                case " " -> 32;
                case "ArrowDown" -> 40;
                case "ArrowUp" -> 38;
                default -> throw new IllegalArgumentException(key);
            };
            String keyCode = key.equals(" ") ? "Space" : key;
            for (String type : List.of("rawKeyDown", "keyUp")) {
                ObjectNode p = params().put("type", type).put("key", key).put("code", keyCode)
                        .put("windowsVirtualKeyCode", code).put("nativeVirtualKeyCode", code)
                        .put("modifiers", shift ? 8 : 0);
                send("Input.dispatchKeyEvent", p);
                if (type.equals("rawKeyDown") && (key.equals("Enter") || key.equals(" "))) {
                    send("Input.dispatchKeyEvent", params().put("type", "char").put("text", key.equals("Enter") ? "\r" : " ")
                            .put("key", key).put("windowsVirtualKeyCode", code));
                }
            }
        }

        /** Answers the page's requests whose URL matches {@code pattern} (* wildcards) with {@code json}; null stops. */
        void stub(String pattern, String json) {
            if (json == null) {
                send("Fetch.disable", null);
                stubBody = null;
                return;
            }
            stubBody = json;
            ObjectNode p = params();
            p.set("patterns", JSON.createArrayNode().add(params().put("urlPattern", pattern).put("requestStage", "Request")));
            send("Fetch.enable", p);
        }

        void viewport(int width, int height, boolean mobile) {
            send("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                    .put("deviceScaleFactor", 1).put("mobile", mobile));
        }

        void geolocation(double lat, double lon, double accuracy) {
            send("Emulation.setGeolocationOverride", params().put("latitude", lat).put("longitude", lon)
                    .put("accuracy", accuracy));
        }

        /** The whole page as a PNG. */
        void screenshot(Path file) {
            JsonNode size = send("Page.getLayoutMetrics", null).path("cssContentSize");
            ObjectNode clip = params().put("x", 0).put("y", 0).put("width", Math.ceil(size.path("width").asDouble()))
                    .put("height", Math.min(8000, Math.ceil(size.path("height").asDouble()))).put("scale", 1);
            ObjectNode p = params().put("format", "png").put("captureBeyondViewport", true);
            p.set("clip", clip);
            byte[] png = Base64.getDecoder().decode(send("Page.captureScreenshot", p).get("data").asText());
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The accessibility tree as the browser computes it: role and accessible name of each node. */
        List<JsonNode> accessibilityTree() {
            List<JsonNode> nodes = new ArrayList<>();
            send("Accessibility.enable", null);
            send("Accessibility.getFullAXTree", null).path("nodes").forEach(nodes::add);
            return nodes;
        }

        void close() {
            browser.send(null, "Target.closeTarget", params().put("targetId", target));
        }

        static String visible(String selector) {
            return "(() => { const e = document.querySelector(" + quote(selector) + "); if (!e) return false;"
                    + " const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0"
                    + " && getComputedStyle(e).visibility !== 'hidden'; })()";
        }
    }

    /** A JavaScript string literal. */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
