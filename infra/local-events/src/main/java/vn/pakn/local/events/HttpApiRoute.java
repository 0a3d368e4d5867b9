package vn.pakn.local.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One route of an HTTP API, from a function's {@code Type: HttpApi} event: {@code Method} (or
 * {@code ANY}) and {@code Path} with {@code {name}} and a final {@code {name+}} variable, or the
 * {@code $default} route when the event names neither.
 *
 * @param apiLogicalId the {@code AWS::Serverless::HttpApi} named by {@code ApiId}, or
 *     {@code ServerlessHttpApi} (SAM's implicit API)
 * @param authorizer the authorizer this route requires ({@code Auth.Authorizer}, or the API's
 *     {@code DefaultAuthorizer}); null when the route is open
 * @param authorizationScopes {@code Auth.AuthorizationScopes}, empty when none
 */
public record HttpApiRoute(String method, String path, String functionLogicalId, String eventName, String apiLogicalId,
        String authorizer, List<String> authorizationScopes) {

    public static final String ANY = "ANY";
    public static final String DEFAULT_ROUTE = "$default";

    private enum SegmentKind { GREEDY, VARIABLE, LITERAL }

    public HttpApiRoute {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        if (!path.equals(DEFAULT_ROUTE) && !path.startsWith("/")) {
            throw new IllegalArgumentException("Route path must start with / : " + path);
        }
        List<String> segments = segments(path);
        for (int i = 0; i < segments.size(); i++) {
            if (kind(segments.get(i)) == SegmentKind.GREEDY && i != segments.size() - 1) {
                throw new IllegalArgumentException("A greedy path variable must be last: " + path);
            }
        }
        authorizationScopes = authorizationScopes == null ? List.of() : List.copyOf(authorizationScopes);
    }

    /** As in the event's {@code routeKey}: {@code "POST /v1/complaints"}, {@code "ANY /{proxy+}"} or {@code "$default"}. */
    public String routeKey() {
        return isDefault() ? DEFAULT_ROUTE : method + " " + path;
    }

    public boolean isDefault() {
        return path.equals(DEFAULT_ROUTE);
    }

    /**
     * The path parameters (decoded) if this route serves the request, else empty.
     *
     * @param rawPath as sent, percent-encoded
     */
    public Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (isDefault()) {
            return Optional.of(Map.of());
        }
        if (!method.equals(ANY) && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        List<String> pattern = segments(path);
        List<String> actual = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String segment = pattern.get(i);
            SegmentKind kind = kind(segment);
            if (kind == SegmentKind.GREEDY) {
                if (i >= actual.size()) {
                    return Optional.empty();
                }
                String rest = String.join("/", actual.subList(i, actual.size()));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 2), decode(rest));
                return Optional.of(parameters);
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            String value = decode(actual.get(i));
            if (kind == SegmentKind.VARIABLE) {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), value);
            } else if (!segment.equals(value)) {
                return Optional.empty();
            }
        }
        return pattern.size() == actual.size() ? Optional.of(parameters) : Optional.empty();
    }

    /**
     * API Gateway's precedence: a literal segment beats a variable, which beats a greedy variable,
     * compared left to right; then a route for the method beats {@code ANY}; {@code $default} is last.
     */
    static final Comparator<HttpApiRoute> MOST_SPECIFIC_FIRST = (a, b) -> {
        if (a.isDefault() != b.isDefault()) {
            return a.isDefault() ? 1 : -1;
        }
        List<String> sa = segments(a.path);
        List<String> sb = segments(b.path);
        for (int i = 0; i < Math.max(sa.size(), sb.size()); i++) {
            if (i >= sa.size() || i >= sb.size()) {
                return i >= sa.size() ? 1 : -1;
            }
            int cmp = kind(sb.get(i)).compareTo(kind(sa.get(i)));
            if (cmp != 0) {
                return cmp;
            }
        }
        boolean anyA = a.method.equals(ANY);
        boolean anyB = b.method.equals(ANY);
        return anyA == anyB ? 0 : anyA ? 1 : -1;
    };

    private static SegmentKind kind(String segment) {
        if (segment.startsWith("{") && segment.endsWith("+}")) {
            return SegmentKind.GREEDY;
        }
        if (segment.startsWith("{") && segment.endsWith("}")) {
            return SegmentKind.VARIABLE;
        }
        return SegmentKind.LITERAL;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        if (path.equals(DEFAULT_ROUTE) || path.equals("/")) {
            return segments;
        }
        String body = path.startsWith("/") ? path.substring(1) : path;
        for (String s : body.split("/", -1)) {
            segments.add(s);
        }
        return segments;
    }

    /** Percent-decoding only: in a path, {@code +} is a plus sign. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
