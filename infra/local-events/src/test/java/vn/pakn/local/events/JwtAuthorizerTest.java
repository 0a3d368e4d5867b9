package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The local JWT authorizer accepts exactly what API Gateway's would, and nothing else. */
class JwtAuthorizerTest {

    private static final String ISSUER = "http://127.0.0.1:8080/.local-auth";
    private static final String AUDIENCE = "pakn-agency";
    private static final Instant NOW = Instant.parse("2025-07-01T08:00:00Z");
    private static final KeyPair KEYS = rsaKeys();
    private static final LocalJwtIssuer LOCAL = LocalJwtIssuer.of(ISSUER, KEYS);

    private final List<String> console = new ArrayList<>();
    private final JwtAuthorizer authorizer = new JwtAuthorizer(LOCAL, Clock.fixed(NOW, ZoneOffset.UTC), console::add);

    /** A valid agency token's claims, issued a minute ago for an hour. */
    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "can-bo-01");
        claims.put("pakn:agency", "bn-ubnd-kinh-bac");
        claims.put("pakn:role", "agency");
        claims.put("iat", NOW.getEpochSecond() - 60);
        claims.put("nbf", NOW.getEpochSecond() - 60);
        claims.put("exp", NOW.getEpochSecond() + 3600);
        return claims;
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> claims = claims();
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return claims;
    }

    private JwtAuthorizer.Verified verify(String token) throws JwtAuthorizer.Refusal {
        return authorizer.verify(token, ISSUER, List.of(AUDIENCE));
    }

    private String refusal(String token) {
        return assertThrows(JwtAuthorizer.Refusal.class, () -> verify(token)).getMessage();
    }

    /** A token with any header and payload, and a signature of the caller's choosing. */
    private static String raw(Map<String, ?> header, Map<String, ?> payload, byte[] signature) {
        return Jwt.segment(header) + "." + Jwt.segment(payload) + "." + Jwt.base64Url(signature);
    }

    private static Map<String, Object> header(String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", LOCAL.keyId());
        return header;
    }

    @Test
    void validToken_isAccepted_withClaimsAsApiGatewayPassesThem() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("scope", "complaints/read complaints/write");
        claims.put("groups", List.of("a", "b"));
        claims.put("email_verified", true);
        JwtAuthorizer.Verified verified = verify(LOCAL.sign(claims));
        assertEquals("can-bo-01", verified.claims().get("sub"));
        assertEquals("bn-ubnd-kinh-bac", verified.claims().get("pakn:agency"));
        assertEquals(String.valueOf(NOW.getEpochSecond() + 3600), verified.claims().get("exp"));
        assertEquals("[a b]", verified.claims().get("groups"));
        assertEquals("true", verified.claims().get("email_verified"));
        assertEquals("complaints/read complaints/write", verified.claims().get("scope"));
        assertEquals(List.of("complaints/read", "complaints/write"), verified.scopes());
    }

    @Test
    void tokenWithoutScopes_hasNullScopes_asOnAws() throws Exception {
        assertNull(verify(LOCAL.sign(claims())).scopes());
    }

    @Test
    void mintedToken_isAccepted_byAnAuthorizerOnTheRealClock() throws Exception {
        String token = LOCAL.mint(AUDIENCE, Map.of("sub", "quan-tri-01", "pakn:role", "admin"), Duration.ofHours(1));
        JwtAuthorizer.Verified verified = new JwtAuthorizer(LOCAL, Clock.systemUTC(), null)
                .verify(token, ISSUER, List.of(AUDIENCE));
        assertEquals("admin", verified.claims().get("pakn:role"));
        assertEquals(ISSUER, verified.claims().get("iss"));
    }

    @Test
    void expiredToken_isRefused_beyondTheClockSkew() throws Exception {
        assertTrue(refusal(LOCAL.sign(with("exp", NOW.getEpochSecond() - 3600))).contains("expired"));
        assertTrue(refusal(LOCAL.sign(with("exp", NOW.getEpochSecond() - JwtAuthorizer.CLOCK_SKEW.toSeconds())))
                .contains("expired"));
        verify(LOCAL.sign(with("exp", NOW.getEpochSecond() - JwtAuthorizer.CLOCK_SKEW.toSeconds() + 1)));
    }

    @Test
    void tokenWithoutExp_orWithATextExp_isRefused() {
        assertTrue(refusal(LOCAL.sign(with("exp", null))).contains("no exp"));
        assertTrue(refusal(LOCAL.sign(with("exp", String.valueOf(NOW.getEpochSecond() + 60)))).contains("NumericDate"));
    }

    @Test
    void notYetValidToken_isRefused() throws Exception {
        assertTrue(refusal(LOCAL.sign(with("nbf", NOW.getEpochSecond() + 600))).contains("not valid before"));
        assertTrue(refusal(LOCAL.sign(with("iat", NOW.getEpochSecond() + 600))).contains("issued in the future"));
        verify(LOCAL.sign(with("nbf", NOW.getEpochSecond() + 10)));
    }

    @Test
    void wrongAudience_isRefused_evenInAList_andClientIdCountsOnlyWithoutAud() throws Exception {
        assertTrue(refusal(LOCAL.sign(with("aud", "pakn-citizen"))).contains("audiences"));
        assertTrue(refusal(LOCAL.sign(with("aud", List.of("x", "y")))).contains("audiences"));
        verify(LOCAL.sign(with("aud", List.of("x", AUDIENCE))));
        Map<String, Object> clientOnly = with("aud", null);
        clientOnly.put("client_id", AUDIENCE);
        verify(LOCAL.sign(clientOnly));
        Map<String, Object> wrongAudRightClient = with("aud", "other");
        wrongAudRightClient.put("client_id", AUDIENCE);
        refusal(LOCAL.sign(wrongAudRightClient));
        refusal(LOCAL.sign(with("aud", null)));
    }

    @Test
    void wrongOrMissingIssuer_isRefused() {
        assertTrue(refusal(LOCAL.sign(with("iss", "https://auth.example.gov.vn/"))).contains("issuer"));
        assertTrue(refusal(LOCAL.sign(with("iss", ISSUER + "/"))).contains("issuer"));
        assertTrue(refusal(LOCAL.sign(with("iss", null))).contains("issuer"));
    }

    @Test
    void tokenFromAnotherIssuersKey_isRefused_evenUnderTheSameIssuerName() {
        LocalJwtIssuer impostor = LocalJwtIssuer.ephemeral(ISSUER);
        assertTrue(refusal(impostor.sign(claims())).contains("no key"));
    }

    @Test
    void signatureFromAnotherKey_underTheRealKid_isRefused() throws Exception {
        String forged = Jwt.sign(header("RS256"), with("pakn:role", "admin"), rsaKeys().getPrivate());
        assertTrue(refusal(forged).contains("signature"));
    }

    @Test
    void tamperedPayload_isRefused() {
        String[] parts = LOCAL.sign(claims()).split("\\.");
        String promoted = Jwt.segment(with("pakn:agency", "bn-cong-an"));
        assertTrue(refusal(parts[0] + "." + promoted + "." + parts[2]).contains("signature"));
        String[] other = LOCAL.sign(with("sub", "someone-else")).split("\\.");
        assertTrue(refusal(parts[0] + "." + parts[1] + "." + other[2]).contains("signature"));
    }

    @Test
    void algNone_isRefused_inAnySpelling() {
        for (String none : new String[] {"none", "None", "NONE"}) {
            assertTrue(refusal(raw(header(none), claims(), new byte[0])).contains("not accepted"), none);
        }
        Map<String, Object> noAlg = header("RS256");
        noAlg.remove("alg");
        refusal(raw(noAlg, claims(), new byte[0]));
    }

    @Test
    void hs256SignedWithThePublicKey_isRefused() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(LOCAL.publicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(LOCAL.publicKey().getEncoded(), pem.getBytes(StandardCharsets.US_ASCII))) {
            String signingInput = Jwt.segment(header("HS256")) + "." + Jwt.segment(claims());
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String token = signingInput + "." + Jwt.base64Url(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(refusal(token).contains("HS256"));
        }
    }

    @Test
    void missingKid_criticalHeaders_andMalformedTokens_areRefused() {
        Map<String, Object> noKid = header("RS256");
        noKid.remove("kid");
        String signedWithoutKid = Jwt.sign(noKid, claims(), KEYS.getPrivate());
        assertTrue(refusal(signedWithoutKid).contains("kid"));
        Map<String, Object> crit = header("RS256");
        crit.put("crit", List.of("exp"));
        assertTrue(refusal(Jwt.sign(crit, claims(), KEYS.getPrivate())).contains("critical"));
        String good = LOCAL.sign(claims());
        for (String bad : new String[] {"", "abc", good + ".x", good.replace('.', ','), good + "=", "a.b.c",
                Jwt.base64Url("[]".getBytes(StandardCharsets.UTF_8)) + ".e30.", good.substring(0, good.lastIndexOf('.'))}) {
            assertTrue(refusal(bad).startsWith("malformed") || refusal(bad).startsWith("no token"), bad);
        }
    }

    @Test
    void duplicateClaimNames_makeTheTokenMalformed() {
        String payload = Jwt.base64Url(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"a\","
                + "\"sub\":\"b\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}").getBytes(StandardCharsets.UTF_8));
        String token = Jwt.segment(header("RS256")) + "." + payload + ".AAAA";
        assertTrue(refusal(token).startsWith("malformed"));
    }

    @Test
    void claimValues_areRenderedAsApiGatewayRendersThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("1767225600", JwtAuthorizer.claimValue(json.readTree("1767225600")));
        assertEquals("1.5", JwtAuthorizer.claimValue(json.readTree("1.50")));
        assertEquals("[admin agency]", JwtAuthorizer.claimValue(json.readTree("[\"admin\",\"agency\"]")));
        assertEquals("map[a:1 b:[x]]", JwtAuthorizer.claimValue(json.readTree("{\"b\":[\"x\"],\"a\":1}")));
        assertEquals("false", JwtAuthorizer.claimValue(json.readTree("false")));
    }

    // ---------------------------------------------------------------- through the gateway

    private static final HttpApiRoute PROTECTED = new HttpApiRoute("GET", "/v1/agency/complaints", "AgencyFunction",
            "List", "HttpApi", "AgencyJwt", List.of());
    private static final HttpApiRoute SCOPED = new HttpApiRoute("POST", "/v1/admin/agencies", "AgencyFunction",
            "Create", "HttpApi", "AgencyJwt", List.of("pakn/admin"));
    private static final HttpApiRoute OPEN = new HttpApiRoute("GET", "/v1/categories", "AgencyFunction", "Open",
            "HttpApi", null, List.of());

    private final TestHandlers.Recording<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = new TestHandlers.Http().doing((event, i) -> new APIGatewayV2HTTPResponse(
            200, Map.of(), null, null, String.valueOf(event.getRequestContext().getAuthorizer() == null ? "open"
                    : event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub")), false));

    private HttpApiGateway gateway(Map<String, Object> jwtConfiguration) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("IdentitySource", "$request.header.Authorization");
        config.put("JwtConfiguration", jwtConfiguration);
        return new HttpApiGateway(List.of(PROTECTED, SCOPED, OPEN),
                Map.of("AgencyFunction", HttpApiGatewayTest.function("AgencyFunction", handler)), Map.of(),
                Map.of("HttpApi/AgencyJwt", config), new HttpApiEvents.ApiContext("000000000000", "abcdefghij"),
                console::add).withAuthorizer(authorizer);
    }

    private HttpApiGateway gateway() {
        return gateway(Map.of("issuer", ISSUER, "audience", List.of(AUDIENCE)));
    }

    @Test
    void gateway_withoutToken_answers401Unauthorized_andNeverInvokesTheFunction() {
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/agency/complaints"));
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", response.bodyText());
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void gateway_withBadToken_answers401_andSaysWhyInTheConsoleAndChallenge() {
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/agency/complaints")
                .withHeader("Authorization", "Bearer " + LOCAL.sign(with("exp", NOW.getEpochSecond() - 3600))));
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", response.bodyText());
        assertTrue(response.header("www-authenticate").contains("error=\"invalid_token\""), response.header("www-authenticate"));
        assertTrue(console.stream().anyMatch(l -> l.contains("AgencyJwt refused") && l.contains("expired")), console.toString());
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void gateway_withValidToken_withOrWithoutBearer_passesTheClaimsToTheFunction() {
        String token = LOCAL.sign(claims());
        for (String header : new String[] {"Bearer " + token, "bearer " + token, token}) {
            HttpApiResponse response = gateway().handle(HttpApiRequest.of("GET", "/v1/agency/complaints")
                    .withHeader("Authorization", header));
            assertEquals(200, response.statusCode(), header);
            assertEquals("can-bo-01", response.bodyText());
        }
        APIGatewayV2HTTPEvent event = handler.events.get(0);
        assertEquals("agency", event.getRequestContext().getAuthorizer().getJwt().getClaims().get("pakn:role"));
    }

    @Test
    void gateway_routeScopes_refuseATokenWithoutThemWith403() {
        HttpApiResponse response = gateway().handle(HttpApiRequest.of("POST", "/v1/admin/agencies")
                .withHeader("Authorization", "Bearer " + LOCAL.sign(claims())));
        assertEquals(403, response.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", response.bodyText());
        HttpApiResponse scoped = gateway().handle(HttpApiRequest.of("POST", "/v1/admin/agencies")
                .withHeader("Authorization", "Bearer " + LOCAL.sign(with("scope", "pakn/admin"))));
        assertEquals(200, scoped.statusCode());
    }

    @Test
    void gateway_openRoute_needsNoToken() {
        assertEquals("open", gateway().handle(HttpApiRequest.of("GET", "/v1/categories")).bodyText());
    }

    @Test
    void gateway_authorizerForAnotherIssuerOrAudience_refusesLocalTokens() {
        String token = "Bearer " + LOCAL.sign(claims());
        HttpApiResponse otherIssuer = gateway(Map.of("issuer", "https://auth.example.gov.vn/", "audience",
                List.of(AUDIENCE))).handle(HttpApiRequest.of("GET", "/v1/agency/complaints")
                .withHeader("Authorization", token));
        HttpApiResponse otherAudience = gateway(Map.of("issuer", ISSUER, "audience", List.of("other")))
                .handle(HttpApiRequest.of("GET", "/v1/agency/complaints").withHeader("Authorization", token));
        assertEquals(List.of(401, 401), List.of(otherIssuer.statusCode(), otherAudience.statusCode()));
        assertTrue(handler.events.isEmpty());
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
