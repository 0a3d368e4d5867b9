package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The translation API Gateway HTTP APIs perform between HTTP and a Lambda function with payload
 * format 2.0: requests become {@link APIGatewayV2HTTPEvent}s, function results become responses.
 */
public final class HttpApiEvents {

    public static final String STAGE = "$default";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpApiEvents() {}

    /** Where the event says the request came in; fixed for an API. */
    public record ApiContext(String accountId, String apiId) {}

    /**
     * The event API Gateway builds: header names lower-cased, repeated headers and query
     * parameters comma-joined, cookies in {@code cookies} (not in {@code headers}), query and path
     * parameters percent-decoded, the body as text for textual content types and base64 otherwise.
     */
    public static APIGatewayV2HTTPEvent toEvent(HttpApiRequest request, HttpApiRoute route,
            Map<String, String> pathParameters, ApiContext api, String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String line : values) {
                    for (String cookie : line.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
                return;
            }
            String joined = String.join(",", values);
            headers.merge(lower, joined, (a, b) -> a + "," + b);
        });
        String host = headers.getOrDefault("host", "127.0.0.1");
        // What API Gateway adds in front of the function.
        headers.merge("x-forwarded-for", request.sourceIp(), (existing, ip) -> existing + ", " + ip);
        headers.putIfAbsent("x-forwarded-proto", "http");
        int colon = host.lastIndexOf(':');
        headers.putIfAbsent("x-forwarded-port", colon > 0 ? host.substring(colon + 1) : "80");
        headers.put("x-amzn-trace-id", traceId(now));

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.routeKey());
        event.setRawPath(request.rawPath());
        event.setRawQueryString(request.rawQueryString());
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(request.rawQueryString()));
        event.setPathParameters(pathParameters.isEmpty() ? null : new LinkedHashMap<>(pathParameters));
        if (request.body().length > 0) {
            if (isText(headers.get("content-type"))) {
                event.setBody(new String(request.body(), StandardCharsets.UTF_8));
                event.setIsBase64Encoded(false);
            } else {
                event.setBody(Base64.getEncoder().encodeToString(request.body()));
                event.setIsBase64Encoded(true);
            }
        }

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(request.method());
        http.setPath(request.rawPath());
        http.setProtocol(request.protocol());
        http.setSourceIp(request.sourceIp());
        http.setUserAgent(headers.getOrDefault("user-agent", ""));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(api.accountId());
        context.setApiId(api.apiId());
        String domain = host;
        context.setDomainName(domain);
        int dot = domain.indexOf('.');
        context.setDomainPrefix(dot > 0 ? domain.substring(0, dot) : domain);
        context.setHttp(http);
        context.setRequestId(requestId);
        context.setRouteKey(route.routeKey());
        context.setStage(STAGE);
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        event.setRequestContext(context);
        return event;
    }

    /** {@code a=1&a=2&b} becomes {@code {a: "1,2", b: ""}}; null when there is no query string, as on AWS. */
    static Map<String, String> queryParameters(String rawQueryString) {
        if (rawQueryString == null || rawQueryString.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQueryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = HttpApiRoute.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : HttpApiRoute.decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    /** HTTP APIs pass textual bodies through and base64-encode everything else, going by the content type. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-javascript");
    }

    /**
     * The client's response for a function result: an {@link APIGatewayV2HTTPResponse} (or any
     * object or JSON with a {@code statusCode}) is taken apart; anything else is, as API Gateway
     * does, a 200 {@code application/json} body. A null result or an invalid status code is the
     * caller's 500.
     *
     * @throws IllegalArgumentException when API Gateway would answer 500 for this result
     */
    public static HttpApiResponse toResponse(Object result) {
        if (result == null) {
            throw new IllegalArgumentException("the function returned null");
        }
        if (result instanceof APIGatewayV2HTTPResponse r) {
            return structured(r.getStatusCode(), r.getHeaders(), r.getMultiValueHeaders(), r.getCookies(), r.getBody(),
                    r.getIsBase64Encoded());
        }
        JsonNode json;
        if (result instanceof String text) {
            try {
                json = MAPPER.readTree(text);
            } catch (Exception e) {
                json = null;
            }
            if (json == null || !json.isObject() || !json.has("statusCode")) {
                return jsonBody(text);
            }
        } else {
            json = MAPPER.valueToTree(result);
            if (!json.isObject() || !json.has("statusCode")) {
                return jsonBody(json.toString());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        json.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        Map<String, List<String>> multi = new LinkedHashMap<>();
        json.path("multiValueHeaders").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            multi.put(e.getKey(), values);
        });
        List<String> cookies = new ArrayList<>();
        json.path("cookies").forEach(c -> cookies.add(c.asText()));
        JsonNode body = json.get("body");
        return structured(json.path("statusCode").asInt(0), headers, multi, cookies,
                body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString(),
                json.path("isBase64Encoded").asBoolean(false));
    }

    private static HttpApiResponse jsonBody(String body) {
        return new HttpApiResponse(200, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpApiResponse structured(int status, Map<String, String> headers,
            Map<String, List<String>> multiValueHeaders, List<String> cookies, String body, boolean base64) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("the function returned statusCode " + status);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (multiValueHeaders != null) {
            multiValueHeaders.forEach((name, values) -> out.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                    n -> new ArrayList<>()).addAll(values));
        }
        if (headers != null) {
            headers.forEach((name, value) -> out.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value))));
        }
        if (cookies != null && !cookies.isEmpty()) {
            out.computeIfAbsent("set-cookie", n -> new ArrayList<>()).addAll(cookies);
        }
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (base64) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the function returned isBase64Encoded with a body that is not base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return new HttpApiResponse(status, out, bytes);
    }

    /** Shaped like API Gateway's request ids (e.g. {@code "Tx3QZhXYoAMEbXw="}). */
    public static String newRequestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('+', 'A').replace('/', 'B');
    }

    private static String traceId(Instant now) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }
}
