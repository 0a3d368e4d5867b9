package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {

    private static final HttpApiEvents.ApiContext API = new HttpApiEvents.ApiContext("123456789012", "k3x9q2w7ab");
    private static final HttpApiRoute SUBMIT = new HttpApiRoute("POST", "/v1/complaints", "CitizenApiFunction",
            "SubmitComplaint", "HttpApi", null, List.of());
    /** Headers API Gateway sets from its own connection (TLS on 443), which a local run cannot share. */
    private static final List<String> CONNECTION_HEADERS = List.of("x-amzn-trace-id", "x-forwarded-port",
            "x-forwarded-proto");

    @Test
    void postWithJsonBody_isTheEventApiGatewaySends() {
        APIGatewayV2HTTPEvent real = Fixtures.event("/events/http-api-post-complaint.json", APIGatewayV2HTTPEvent.class);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json"));
        headers.put("Content-Length", List.of("61"));
        headers.put("Content-Type", List.of("application/json; charset=utf-8"));
        headers.put("Host", List.of("k3x9q2w7ab.execute-api.ap-southeast-1.amazonaws.com"));
        headers.put("Idempotency-Key", List.of("7d7c3b52-1f7e-4f7a-9a38-2f6f3c1d9e10"));
        headers.put("User-Agent", List.of("curl/8.5.0"));
        headers.put("Cookie", List.of("session=abc123; theme=dark"));
        headers.put("X-Pakn-Client", List.of("web", "ios"));
        HttpApiRequest request = new HttpApiRequest("POST", "/v1/complaints",
                "lang=vi&tag=road&tag=urgent&q=%E1%BB%95%20g%C3%A0", headers,
                real.getBody().getBytes(StandardCharsets.UTF_8), "203.0.113.7", "HTTP/1.1");

        APIGatewayV2HTTPEvent local = HttpApiEvents.toEvent(request, SUBMIT, Map.of(), API,
                real.getRequestContext().getRequestId(), Instant.ofEpochMilli(real.getRequestContext().getTimeEpoch()));

        assertEquals(real.getVersion(), local.getVersion());
        assertEquals(real.getRouteKey(), local.getRouteKey());
        assertEquals(real.getRawPath(), local.getRawPath());
        assertEquals(real.getRawQueryString(), local.getRawQueryString());
        assertEquals(real.getCookies(), local.getCookies());
        assertEquals(real.getQueryStringParameters(), local.getQueryStringParameters());
        assertEquals(real.getPathParameters(), local.getPathParameters());
        assertEquals(real.getBody(), local.getBody());
        assertEquals(real.getIsBase64Encoded(), local.getIsBase64Encoded());
        assertEquals(withoutConnectionHeaders(real.getHeaders()), withoutConnectionHeaders(local.getHeaders()));
        assertTrue(local.getHeaders().get("x-amzn-trace-id").matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"));

        APIGatewayV2HTTPEvent.RequestContext expected = real.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext actual = local.getRequestContext();
        assertEquals(expected.getAccountId(), actual.getAccountId());
        assertEquals(expected.getApiId(), actual.getApiId());
        assertEquals(expected.getDomainName(), actual.getDomainName());
        assertEquals(expected.getDomainPrefix(), actual.getDomainPrefix());
        assertEquals(expected.getHttp(), actual.getHttp());
        assertEquals(expected.getRequestId(), actual.getRequestId());
        assertEquals(expected.getRouteKey(), actual.getRouteKey());
        assertEquals(expected.getStage(), actual.getStage());
        assertEquals(expected.getTime(), actual.getTime());
        assertEquals(expected.getTimeEpoch(), actual.getTimeEpoch());
        assertNull(actual.getAuthorizer());
    }

    @Test
    void binaryBody_isBase64Encoded() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x10};
        APIGatewayV2HTTPEvent event = HttpApiEvents.toEvent(HttpApiRequest.of("POST", "/v1/complaints")
                .withBody("image/jpeg", jpeg), SUBMIT, Map.of(), API, "id", Instant.now());
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(jpeg, Base64.getDecoder().decode(event.getBody()));
    }

    @Test
    void formBody_isBase64Encoded_likeEveryNonTextualType() {
        APIGatewayV2HTTPEvent event = HttpApiEvents.toEvent(HttpApiRequest.of("POST", "/v1/complaints")
                .withBody("application/x-www-form-urlencoded", "a=1"), SUBMIT, Map.of(), API, "id", Instant.now());
        assertTrue(event.getIsBase64Encoded());
        assertEquals("a=1", new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8));
        assertTrue(HttpApiEvents.isText("text/plain; charset=utf-8"));
        assertTrue(HttpApiEvents.isText("application/problem+json"));
        assertFalse(HttpApiEvents.isText(null));
    }

    @Test
    void getWithoutBodyOrQuery_leavesThoseFieldsOut() {
        HttpApiRoute track = new HttpApiRoute("GET", "/v1/complaints/{trackingCode}", "CitizenApiFunction",
                "TrackComplaint", "HttpApi", null, List.of());
        HttpApiRequest request = HttpApiRequest.of("GET", "/v1/complaints/PA%2D7K2");
        Map<String, String> parameters = track.match("GET", request.rawPath()).orElseThrow();
        APIGatewayV2HTTPEvent event = HttpApiEvents.toEvent(request, track, parameters, API, "id", Instant.now());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertNull(event.getQueryStringParameters());
        assertEquals("", event.getRawQueryString());
        assertNull(event.getCookies());
        assertEquals(Map.of("trackingCode", "PA-7K2"), event.getPathParameters());
        assertEquals("GET /v1/complaints/{trackingCode}", event.getRouteKey());
        assertEquals("/v1/complaints/PA%2D7K2", event.getRawPath());
    }

    @Test
    void queryParameters_keepPlusSigns_andValuelessNames() {
        assertEquals(Map.of("q", "a+b c", "flag", ""), HttpApiEvents.queryParameters("q=a+b%20c&flag"));
    }

    @Test
    void structuredResponse_becomesStatusHeadersCookiesAndDecodedBody() {
        APIGatewayV2HTTPResponse result = new APIGatewayV2HTTPResponse(201,
                Map.of("Content-Type", "image/png", "Location", "/v1/complaints/PA-1"),
                Map.of("Vary", List.of("Origin", "Accept")), List.of("a=1; Path=/", "b=2"),
                Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), true);
        HttpApiResponse response = HttpApiEvents.toResponse(result);
        assertEquals(201, response.statusCode());
        assertEquals("image/png", response.header("content-type"));
        assertEquals("/v1/complaints/PA-1", response.header("location"));
        assertEquals(List.of("Origin", "Accept"), response.headers().get("vary"));
        assertEquals(List.of("a=1; Path=/", "b=2"), response.headers().get("set-cookie"));
        assertArrayEquals(new byte[] {1, 2, 3}, response.body());
    }

    @Test
    void plainStringResult_isA200JsonBody() {
        HttpApiResponse response = HttpApiEvents.toResponse("{\"ok\":true}");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.header("content-type"));
        assertEquals("{\"ok\":true}", response.bodyText());
    }

    @Test
    void mapWithStatusCode_isTakenAsAStructuredResponse() {
        HttpApiResponse response = HttpApiEvents.toResponse(Map.of("statusCode", 404, "body", "{}",
                "headers", Map.of("content-type", "application/json")));
        assertEquals(404, response.statusCode());
        assertEquals("{}", response.bodyText());
    }

    @Test
    void nullResultOrMissingStatusCode_isWhatApiGatewayAnswers500For() {
        assertThrows(IllegalArgumentException.class, () -> HttpApiEvents.toResponse(null));
        assertThrows(IllegalArgumentException.class, () -> HttpApiEvents.toResponse(new APIGatewayV2HTTPResponse()));
    }

    @Test
    void requestIds_lookLikeApiGatewaysAndDiffer() {
        String a = HttpApiEvents.newRequestId();
        assertTrue(a.matches("[A-Za-z0-9]{15}="), a);
        assertFalse(a.equals(HttpApiEvents.newRequestId()));
    }

    private static Map<String, String> withoutConnectionHeaders(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        CONNECTION_HEADERS.forEach(copy::remove);
        return copy;
    }
}
