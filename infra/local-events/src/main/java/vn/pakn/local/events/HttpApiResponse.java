package vn.pakn.local.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What API Gateway sends back to the client.
 *
 * @param headers lower-case names; several values become several header lines
 */
public record HttpApiResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

    public HttpApiResponse {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .addAll(values));
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** API Gateway's own JSON error responses, e.g. {@code {"message":"Not Found"}}. */
    static HttpApiResponse gatewayError(int status, String message) {
        return new HttpApiResponse(status, Map.of("content-type", List.of("application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The header's values comma-joined, or null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : String.join(",", values);
    }

    HttpApiResponse withHeaders(Map<String, String> extra) {
        Map<String, List<String>> merged = new LinkedHashMap<>(headers);
        extra.forEach((name, value) -> merged.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        return new HttpApiResponse(statusCode, merged, body);
    }

    HttpApiResponse withoutHeaders(java.util.function.Predicate<String> name) {
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name);
        return new HttpApiResponse(statusCode, kept, body);
    }
}
