package vn.pakn.aws.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import vn.pakn.aws.json.Json;

/**
 * Structured JSON logs, one object a line, each carrying the Lambda request id. Callers pass
 * only identifiers and counts: never a reporter's name, phone, e-mail or the description, which
 * may itself contain personal data.
 */
public final class Log {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();
    // Looked up on every line, not bound once, so whoever redirects System.out (a test, a runtime) sees it.
    private static volatile Consumer<String> sink = line -> System.out.println(line);
    private static volatile Level threshold = Level.valueOf(
            System.getenv().getOrDefault("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT));

    private Log() {
    }

    /** Binds the current thread to one invocation; the next invocation on the thread rebinds it. */
    public static void bind(String requestId, String functionName) {
        REQUEST_ID.set(requestId);
        FUNCTION.set(functionName);
    }

    public static String requestId() {
        return REQUEST_ID.get();
    }

    /** Where lines go; tests capture them to prove what is and is not logged. */
    public static Consumer<String> redirect(Consumer<String> newSink) {
        Consumer<String> previous = sink;
        sink = newSink;
        return previous;
    }

    public static void debug(String event, Object... keyValues) {
        write(Level.DEBUG, event, null, keyValues);
    }

    public static void info(String event, Object... keyValues) {
        write(Level.INFO, event, null, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        write(Level.WARN, event, null, keyValues);
    }

    /** The error's class and message are logged, never its causes' payloads. */
    public static void error(String event, Throwable error, Object... keyValues) {
        write(Level.ERROR, event, error, keyValues);
    }

    private static void write(Level level, String event, Throwable error, Object... keyValues) {
        if (level.ordinal() < threshold.ordinal()) {
            return;
        }
        ObjectNode line = Json.object();
        line.put("ts", Instant.now().toString());
        line.put("level", level.name());
        line.put("event", event);
        if (REQUEST_ID.get() != null) {
            line.put("requestId", REQUEST_ID.get());
        }
        if (FUNCTION.get() != null) {
            line.put("function", FUNCTION.get());
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            String key = String.valueOf(keyValues[i]);
            if (value instanceof Integer || value instanceof Long) {
                line.put(key, ((Number) value).longValue());
            } else if (value instanceof Number n) {
                line.put(key, n.doubleValue());
            } else if (value instanceof Boolean b) {
                line.put(key, b);
            } else {
                line.put(key, value == null ? null : value.toString());
            }
        }
        if (error != null) {
            line.put("error", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
            StackTraceElement[] stack = error.getStackTrace();
            if (stack.length > 0) {
                line.put("at", stack[0].toString());
            }
        }
        sink.accept(Json.write(line));
    }
}
