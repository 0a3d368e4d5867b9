package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.pakn.local.aws.FunctionSpec;

/** The gateway without sockets or AWS services: routing, API Gateway's own answers, CORS, the authorizer hook. */
class HttpApiGatewayTest {

    private final TestHandlers.Http citizen = new TestHandlers.Http();
    private final List<String> console = new ArrayList<>();
    private final CorsConfiguration cors = new CorsConfiguration(List.of("https://pakn.example.vn"),
            List.of("GET", "POST", "OPTIONS"), List.of("content-type", "idempotency-key"), List.of("location"), 600,
            false);

    private HttpApiGateway gateway(Map<String, LocalFunction> functions) {
        List<HttpApiRoute> routes = List.of(
                new HttpApiRoute("GET", "/v1/categories", "CitizenApiFunction", "ListCategories", "HttpApi", null,
                        List.of()),
                new HttpApiRoute("GET", "/v1/complaints/{trackingCode}", "CitizenApiFunction", "Track", "HttpApi", null,
                        List.of()),
                new HttpApiRoute("POST", "/v1/agency/complaints/{id}/resolve", "AgencyApiFunction", "Resolve",
                        "HttpApi", "AgencyJwt", List.of("complaints/write")));
        return new HttpApiGateway(routes, functions, Map.of("HttpApi", cors),
                Map.of("HttpApi/AgencyJwt", Map.of("IdentitySource", "$request.header.Authorization")),
                new HttpApiEvents.ApiContext("000000000000", "abcdefghij"), console::add);
    }

    private HttpApiGateway gateway() {
        return gateway(Map.of("CitizenApiFunction", function("CitizenApiFunction", citizen),
                "AgencyApiFunction", function("AgencyApiFunction", new TestHandlers.Http().doing((e, i) ->
                        new APIGatewayV2HTTPResponse(200, Map.of(), null, null,
                                e.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"), false)))));
    }

    static LocalFunction function(String name, TestHandlers.Recording<?, ?> handler) {
        return new LocalFunction(new FunctionSpec(name, "test.Handler", null, "java21", 512, 3, Map.of(), List.of()),
                handler, "us-east-1", "000000000000");
    }

    @Test
    void unknownRoute_is404WithApiGatewaysJsonMessage() {
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/nothing"));
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.bodyText());
        assertEquals("application/json", response.header("content-type"));
        assertTrue(citizen.events.isEmpty());
    }

    @Test
    void matchingRoute_invokesTheFunctionWithPathParameters_andReturnsItsResponse() {
        citizen.doing((event, i) -> new APIGatewayV2HTTPResponse(200, Map.of("content-type", "application/json"), null,
                null, "{\"code\":\"" + event.getPathParameters().get("trackingCode") + "\"}", false));
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/complaints/PA-7K2?lang=en"));
        assertEquals(200, response.statusCode());
        assertEquals("{\"code\":\"PA-7K2\"}", response.bodyText());
        APIGatewayV2HTTPEvent event = citizen.events.get(0);
        assertEquals("GET /v1/complaints/{trackingCode}", event.getRouteKey());
        assertEquals(Map.of("lang", "en"), event.getQueryStringParameters());
        assertEquals(event.getRequestContext().getRequestId(), response.header("apigw-requestid"));
        assertEquals("abcdefghij", event.getRequestContext().getApiId());
        assertTrue(console.get(0).startsWith("GET /v1/complaints/PA-7K2?lang=en -> 200 CitizenApiFunction"), console.get(0));
    }

    @Test
    void functionThrows_is500InternalServerError() {
        citizen.doing((event, i) -> {
            throw new IllegalStateException("boom");
        });
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/categories"));
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.bodyText());
        assertTrue(console.get(0).contains("boom"), console.toString());
    }

    @Test
    void functionReturnsNull_is500() {
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/categories"));
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.bodyText());
    }

    @Test
    void functionThatDidNotStart_is500() {
        HttpApiResponse response = gateway(Map.of()).handle(HttpApiRequest.of("GET", "/v1/categories"));
        assertEquals(500, response.statusCode());
        assertTrue(console.get(0).contains("CitizenApiFunction is not running"), console.toString());
    }

    @Test
    void bodyOverTenMegabytes_is413_withoutInvokingTheFunction() {
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/categories")
                .withBody("application/octet-stream", new byte[HttpApiGateway.MAX_BODY_BYTES + 1]));
        assertEquals(413, response.statusCode());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", response.bodyText());
        assertTrue(citizen.events.isEmpty());
    }

    @Test
    void preflight_isAnsweredByTheGateway() {
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("OPTIONS", "/v1/complaints")
                .withHeader("Origin", "https://pakn.example.vn")
                .withHeader("Access-Control-Request-Method", "POST")
                .withHeader("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, response.statusCode());
        assertEquals("https://pakn.example.vn", response.header("access-control-allow-origin"));
        assertEquals("GET,POST,OPTIONS", response.header("access-control-allow-methods"));
        assertEquals("content-type,idempotency-key", response.header("access-control-allow-headers"));
        assertEquals("600", response.header("access-control-max-age"));
        assertTrue(citizen.events.isEmpty());
    }

    @Test
    void responses_carryTheConfiguredCorsHeaders_notTheFunctions() {
        citizen.doing((event, i) -> new APIGatewayV2HTTPResponse(200, Map.of("Access-Control-Allow-Origin", "*"), null,
                null, "[]", false));
        HttpApiResponse allowed = gateway().handle(HttpApiRequest.of("GET", "/v1/categories")
                .withHeader("Origin", "https://pakn.example.vn"));
        assertEquals("https://pakn.example.vn", allowed.header("access-control-allow-origin"));
        assertEquals("location", allowed.header("access-control-expose-headers"));
        HttpApiResponse other = gateway().handle(HttpApiRequest.of("GET", "/v1/categories")
                .withHeader("Origin", "https://evil.example.com"));
        assertNull(other.header("access-control-allow-origin"));
    }

    @Test
    void routeWithAuthorizer_isRefusedUntilAnAuthorizerIsInstalled() {
        HttpApiGateway gateway = gateway();
        HttpApiResponse refused = gateway.handle(HttpApiRequest.of("POST", "/v1/agency/complaints/c-1/resolve")
                .withHeader("Authorization", "Bearer x"));
        assertEquals(401, refused.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", refused.bodyText());

        List<Object> seen = new ArrayList<>();
        gateway.withAuthorizer((route, configuration, event) -> {
            seen.add(route.authorizer());
            seen.add(configuration.get("IdentitySource"));
            seen.add(route.authorizationScopes());
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer
                    .JWT(Map.of("sub", "officer-7"), List.of("complaints/write"));
            APIGatewayV2HTTPEvent.RequestContext.Authorizer context = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            context.setJwt(jwt);
            return HttpApiAuthorizer.Decision.allow(context);
        });
        HttpApiResponse allowed = gateway.handle(HttpApiRequest.of("POST", "/v1/agency/complaints/c-1/resolve")
                .withHeader("Authorization", "Bearer x"));
        assertEquals(200, allowed.statusCode());
        assertEquals("officer-7", allowed.bodyText());
        assertEquals(List.of("AgencyJwt", "$request.header.Authorization", List.of("complaints/write")), seen);
    }
}
