package vn.pakn.local.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as it reaches API Gateway: the raw path and query string as sent, headers in
 * arrival order with repeats kept, and the body bytes. Built by {@link HttpApiServer} from a
 * socket, or directly by tests.
 *
 * @param rawQueryString without the leading {@code ?}; empty when there is none
 * @param headers names as sent; each header line is one value
 */
public record HttpApiRequest(String method, String rawPath, String rawQueryString, Map<String, List<String>> headers,
        byte[] body, String sourceIp, String protocol) {

    public HttpApiRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQueryString = rawQueryString == null ? "" : rawQueryString;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
        sourceIp = sourceIp == null ? "127.0.0.1" : sourceIp;
        protocol = protocol == null ? "HTTP/1.1" : protocol;
    }

    /** A request without headers or body; {@code target} may carry a query string ({@code /v1/areas?parent=27}). */
    public static HttpApiRequest of(String method, String target) {
        int q = target.indexOf('?');
        return new HttpApiRequest(method, q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
                Map.of(), null, null, null);
    }

    /** The same request with one more header line. */
    public HttpApiRequest withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(more.getOrDefault(name, List.of()));
        values.add(value);
        more.put(name, values);
        return new HttpApiRequest(method, rawPath, rawQueryString, more, body, sourceIp, protocol);
    }

    /** The same request with a body and its content type. */
    public HttpApiRequest withBody(String contentType, byte[] bytes) {
        return new HttpApiRequest(method, rawPath, rawQueryString, headers, bytes, sourceIp, protocol)
                .withHeader("Content-Type", contentType);
    }

    public HttpApiRequest withBody(String contentType, String text) {
        return withBody(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** All values of a header, names compared without case. */
    public List<String> header(String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((n, v) -> {
            if (n.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values;
    }

    /** The header's values comma-joined, or null when absent. */
    public String firstHeader(String name) {
        List<String> values = header(name);
        return values.isEmpty() ? null : String.join(",", values);
    }
}
