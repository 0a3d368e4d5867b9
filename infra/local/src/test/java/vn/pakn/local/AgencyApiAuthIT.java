package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.pakn.aws.http.Caller;
import vn.pakn.local.events.LocalJwtIssuer;

/**
 * The agency API's routes through the running local runtime over HTTP, behind the template's
 * {@code AgencyJwt} authorizer: no token or a bad one is refused by the gateway before the
 * function runs; a development token reaches the function, which reads its claims.
 */
@ExtendWith(SharedLocalRuntime.class)
class AgencyApiAuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String NO_SUCH_COMPLAINT = "01KAAAAAAAAAAAAAAAAAAAAAAA";
    private static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/v1/agency/complaints?status=ASSIGNED"},
            new String[] {"GET", "/v1/agency/complaints/" + NO_SUCH_COMPLAINT},
            new String[] {"POST", "/v1/agency/complaints/" + NO_SUCH_COMPLAINT + "/actions/acknowledge"});
    private static LocalRuntime runtime;

    @BeforeAll
    static void start(LocalRuntime shared) {
        runtime = shared;
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.apiBaseUri() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (method.equals("POST")) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String officerToken(String issuer, LocalJwtIssuer key, long expiresIn) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>(DevToken.claims(
                new Caller("can-bo-01", "bn-ubnd-kinh-bac", Caller.Role.AGENCY)));
        claims.put("iss", issuer);
        claims.put("aud", runtime.jwtAudiences().get(0));
        claims.put("iat", now - 120);
        claims.put("exp", now + expiresIn);
        return key.sign(claims);
    }

    @Test
    void everyAgencyRoute_withoutTokenOrWithABadOne_is401FromTheGateway() throws Exception {
        String issuer = runtime.jwtIssuer().issuer();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("garbage", "not-a-jwt");
        bad.put("expired", officerToken(issuer, runtime.jwtIssuer(), -3600));
        bad.put("forged: another key claiming the issuer", officerToken(issuer, LocalJwtIssuer.ephemeral(issuer), 600));
        for (String[] route : ROUTES) {
            for (Map.Entry<String, String> token : bad.entrySet()) {
                HttpResponse<String> response = send(route[0], route[1], token.getValue());
                String what = route[0] + " " + route[1] + " with " + token.getKey();
                assertEquals(401, response.statusCode(), what + ": " + response.body());
                assertEquals("{\"message\":\"Unauthorized\"}", response.body(), what);
            }
        }
    }

    @Test
    void developmentToken_reachesTheFunction_asTheOfficerOfItsAgency() throws Exception {
        String token = DevToken.agency(runtime, "bn-ubnd-kinh-bac", "can-bo-01");
        HttpResponse<String> list = send(ROUTES.get(0)[0], ROUTES.get(0)[1], token);
        assertEquals(200, list.statusCode(), list.body());
        JsonNode page = JSON.readTree(list.body());
        assertTrue(page.path("items").isArray(), list.body());
        assertTrue(page.has("nextCursor"), list.body());
        for (String[] route : ROUTES.subList(1, ROUTES.size())) {
            HttpResponse<String> response = send(route[0], route[1], token);
            assertEquals(404, response.statusCode(), route[1] + ": " + response.body());
            assertEquals("not_found", JSON.readTree(response.body()).path("error").path("code").asText(),
                    "the function answered, not the gateway");
        }
        String admin = DevToken.admin(runtime, "quan-tri-01");
        assertEquals(200, send("GET", "/v1/agency/complaints?agencyId=bn-ubnd-kinh-bac", admin).statusCode());
        HttpResponse<String> adminActs = send(ROUTES.get(2)[0], ROUTES.get(2)[1], admin);
        assertEquals(403, adminActs.statusCode(), adminActs.body());
    }
}
