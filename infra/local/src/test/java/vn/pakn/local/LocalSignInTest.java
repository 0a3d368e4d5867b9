package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.reference.Agency;
import vn.pakn.local.events.HttpApiRequest;
import vn.pakn.local.events.HttpApiResponse;
import vn.pakn.local.events.Jwt;
import vn.pakn.local.events.LocalJwtIssuer;

/** The web console's local sign-in: tokens for this runtime's own pages, and for nobody else. */
class LocalSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = 18080;

    private final LocalJwtIssuer issuer = LocalJwtIssuer.ephemeral(LocalJwtIssuer.issuerUrl(PORT));
    private final List<String> console = new ArrayList<>();
    private final LocalSignIn signIn = new LocalSignIn(issuer, "pakn-agency", PORT,
            id -> id.equals("bn-ubnd-kinh-bac")
                    ? Optional.of(new Agency(id, "UBND phường Kinh Bắc", "commune", "bn-triage", "24-kinh-bac", true))
                    : Optional.empty(), console::add);

    private HttpApiRequest request(String host, String origin, String contentType, String body) {
        HttpApiRequest request = new HttpApiRequest("POST", LocalSignIn.PATH, null, Map.of(), null, null, null)
                .withHeader("Host", host);
        if (origin != null) {
            request = request.withHeader("Origin", origin);
        }
        return contentType == null ? request : request.withBody(contentType, body);
    }

    private static JsonNode body(HttpApiResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void ownPage_getsAnOfficerTokenOfThisIssuer_forTheAgency() throws Exception {
        HttpApiResponse response = signIn.apply(request("127.0.0.1:" + PORT, "http://127.0.0.1:" + PORT,
                "application/json", "{\"agency\": \"bn-ubnd-kinh-bac\", \"officer\": \"can-bo-web\"}"));
        assertEquals(200, response.statusCode(), response.bodyText());
        JsonNode answer = body(response);
        assertEquals("UBND phường Kinh Bắc", answer.at("/agency/name").asText());
        Jwt token = Jwt.parse(answer.get("token").asText());
        assertTrue(token.verifiedBy(issuer.publicKey()), "signed by the runtime's issuer");
        JsonNode claims = token.claims();
        assertEquals("bn-ubnd-kinh-bac", claims.get("pakn:agency").asText());
        assertEquals("agency", claims.get("pakn:role").asText());
        assertEquals("can-bo-web", claims.get("sub").asText());
        assertEquals(issuer.issuer(), claims.get("iss").asText());
        assertEquals("no-store", response.header("cache-control"));
        assertEquals(null, response.header("access-control-allow-origin"));
        assertTrue(console.stream().noneMatch(line -> line.contains(answer.get("token").asText())), "no token in the console");
    }

    @Test
    void anotherSite_aRebindingName_orAFormPost_getsNoToken() throws Exception {
        String json = "{\"agency\": \"bn-ubnd-kinh-bac\"}";
        HttpApiResponse foreignOrigin = signIn.apply(request("127.0.0.1:" + PORT, "https://evil.example", "application/json", json));
        HttpApiResponse rebound = signIn.apply(request("evil.example:" + PORT, null, "application/json", json));
        HttpApiResponse otherPort = signIn.apply(request("127.0.0.1:" + PORT, "http://127.0.0.1:9999", "application/json", json));
        HttpApiResponse form = signIn.apply(request("localhost:" + PORT, "http://localhost:" + PORT,
                "application/x-www-form-urlencoded", "agency=bn-ubnd-kinh-bac"));
        assertEquals(403, foreignOrigin.statusCode());
        assertEquals(403, rebound.statusCode());
        assertEquals(403, otherPort.statusCode());
        assertEquals(415, form.statusCode());
        for (HttpApiResponse refused : List.of(foreignOrigin, rebound, otherPort, form)) {
            assertTrue(!refused.bodyText().contains("token"), refused.bodyText());
        }
    }

    @Test
    void badInput_namesTheField_inBothLanguages() throws Exception {
        String host = "127.0.0.1:" + PORT;
        JsonNode unknown = body(signIn.apply(request(host, null, "application/json", "{\"agency\": \"bn-nobody\"}")));
        assertEquals("unknown_agency", unknown.at("/error/code").asText());
        assertEquals("agency", unknown.at("/error/field").asText());
        assertTrue(!unknown.at("/error/message/vi").asText().isBlank() && !unknown.at("/error/message/en").asText().isBlank());
        assertEquals("agency", body(signIn.apply(request(host, null, "application/json", "{}"))).at("/error/field").asText());
        assertEquals("role", body(signIn.apply(request(host, null, "application/json",
                "{\"agency\": \"bn-ubnd-kinh-bac\", \"role\": \"admin\"}"))).at("/error/field").asText(),
                "officers only: no way to ask for another role");
        assertEquals("officer", body(signIn.apply(request(host, null, "application/json",
                "{\"agency\": \"bn-ubnd-kinh-bac\", \"officer\": \"two words\"}"))).at("/error/field").asText());
        assertEquals(405, signIn.apply(new HttpApiRequest("GET", LocalSignIn.PATH, null, Map.of("Host", List.of(host)),
                null, null, null)).statusCode());
    }
}
