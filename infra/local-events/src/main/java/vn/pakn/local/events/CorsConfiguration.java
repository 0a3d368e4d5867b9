package vn.pakn.local.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API's {@code CorsConfiguration}, applied as API Gateway applies it: it answers
 * preflight {@code OPTIONS} requests itself, adds {@code Access-Control-Allow-Origin} (and the
 * expose and credentials headers) to responses for allowed origins, and ignores CORS headers the
 * function returns.
 */
public record CorsConfiguration(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
        List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {

    public CorsConfiguration {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /**
     * The resolved {@code CorsConfiguration} property of an {@code AWS::Serverless::HttpApi}: a
     * mapping, or {@code true} for SAM's allow-everything shorthand; null when CORS is off.
     */
    static CorsConfiguration fromTemplate(Object value) {
        if (value == null || Boolean.FALSE.equals(value) || "false".equals(value)) {
            return null;
        }
        if (Boolean.TRUE.equals(value) || "true".equals(value)) {
            return new CorsConfiguration(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("CorsConfiguration must be true or a mapping, got " + value);
        }
        Object maxAge = map.get("MaxAge");
        return new CorsConfiguration(list(map.get("AllowOrigins")), list(map.get("AllowMethods")),
                list(map.get("AllowHeaders")), list(map.get("ExposeHeaders")),
                maxAge == null ? null : Integer.valueOf(maxAge.toString()),
                Boolean.parseBoolean(String.valueOf(map.get("AllowCredentials"))));
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    /** A preflight: OPTIONS with an Origin and an Access-Control-Request-Method. */
    static boolean isPreflight(HttpApiRequest request) {
        return request.method().equals("OPTIONS") && request.firstHeader("origin") != null
                && request.firstHeader("access-control-request-method") != null;
    }

    /** What goes into Access-Control-Allow-Origin for this origin; null when it is not allowed. */
    String allowedOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        for (String allowed : allowOrigins) {
            if (allowed.equals("*")) {
                return "*";
            }
            if (allowed.equalsIgnoreCase(origin)) {
                return origin;
            }
            int star = allowed.indexOf('*');
            if (star > 0) {
                // https://*.example.com
                String before = allowed.substring(0, star).toLowerCase(Locale.ROOT);
                String after = allowed.substring(star + 1).toLowerCase(Locale.ROOT);
                String o = origin.toLowerCase(Locale.ROOT);
                if (o.startsWith(before) && o.endsWith(after) && o.length() > before.length() + after.length()) {
                    return origin;
                }
            }
        }
        return null;
    }

    /** API Gateway answers a preflight with 204 and these headers (none when the origin is not allowed). */
    HttpApiResponse preflight(HttpApiRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        String origin = allowedOrigin(request.firstHeader("origin"));
        if (origin != null) {
            headers.put("access-control-allow-origin", origin);
            if (!allowMethods.isEmpty()) {
                headers.put("access-control-allow-methods", String.join(",", allowMethods));
            }
            if (!allowHeaders.isEmpty()) {
                headers.put("access-control-allow-headers", String.join(",", allowHeaders));
            }
            if (maxAge != null) {
                headers.put("access-control-max-age", maxAge.toString());
            }
            if (allowCredentials) {
                headers.put("access-control-allow-credentials", "true");
            }
        }
        return new HttpApiResponse(204, Map.of(), null).withHeaders(headers);
    }

    /** The function's own CORS headers are replaced by the configuration's. */
    HttpApiResponse apply(HttpApiRequest request, HttpApiResponse response) {
        HttpApiResponse stripped = response.withoutHeaders(name -> name.startsWith("access-control-"));
        String origin = allowedOrigin(request.firstHeader("origin"));
        if (origin == null) {
            return stripped;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("access-control-allow-origin", origin);
        if (!exposeHeaders.isEmpty()) {
            headers.put("access-control-expose-headers", String.join(",", exposeHeaders));
        }
        if (allowCredentials) {
            headers.put("access-control-allow-credentials", "true");
        }
        return stripped.withHeaders(headers);
    }
}
