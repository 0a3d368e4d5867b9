package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.http.Caller;
import vn.pakn.local.events.EventSettings;
import vn.pakn.local.events.Jwt;
import vn.pakn.local.events.LocalJwtIssuer;

/**
 * The local runtime as the agency routes' identity provider: it points the template's
 * {@code JwtIssuer} at itself, publishes its key, and its JWT authorizer lets through exactly the
 * tokens API Gateway would, over real HTTP.
 */
class AgencySignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String WHOAMI = "/v1/agency/whoami";
    private static final List<String> CONSOLE = new CopyOnWriteArrayList<>();
    private static Path keyDir;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        keyDir = Files.createTempDirectory("pakn-jwt-key-");
        runtime = LocalRuntime.start(new LocalRuntime.Options()
                .template(template())
                .apiPort(0)
                .environment(Map.of())
                .seedDemoData(false)
                .requireAllFunctions(true)
                .eventSettings(EventSettings.fast())
                .jwtKeyFile(keyDir.resolve("local-jwt-key.pem"))
                .progress(line -> {
                    CONSOLE.add(line);
                    System.out.println(line);
                }));
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (keyDir != null) {
            try (var files = Files.list(keyDir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(keyDir);
        }
    }

    private static Path template() throws URISyntaxException {
        return Path.of(AgencySignInIT.class.getResource("/agency-auth-template.yaml").toURI());
    }

    private static String issuer() {
        return runtime.jwtIssuer().issuer();
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.apiBaseUri() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The protected route's answer to a token; asserts a refusal never reached the function. */
    private static HttpResponse<String> whoami(String token) throws Exception {
        int before = ClaimsEchoHandler.INVOCATIONS.get();
        HttpResponse<String> response = get(WHOAMI, token == null ? null : "Bearer " + token);
        if (response.statusCode() == 401) {
            assertEquals(before, ClaimsEchoHandler.INVOCATIONS.get(), "a refused request reached the function");
        }
        return response;
    }

    private static void assertUnauthorized(String token, String what) throws Exception {
        HttpResponse<String> response = whoami(token);
        assertEquals(401, response.statusCode(), what + ": " + response.body());
        assertEquals("{\"message\":\"Unauthorized\"}", response.body(), what);
    }

    private static Map<String, Object> validClaims() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>(DevToken.claims(
                new Caller("can-bo-01", "bn-ubnd-kinh-bac", Caller.Role.AGENCY)));
        claims.put("iss", issuer());
        claims.put("aud", "pakn-agency");
        claims.put("iat", now - 60);
        claims.put("exp", now + 600);
        return claims;
    }

    @Test
    void templatesJwtIssuer_pointsAtTheLocalRuntime() {
        assertEquals("http://127.0.0.1:" + runtime.apiBaseUri().getPort() + "/.local-auth", issuer());
        assertEquals(issuer(), runtime.deployment().parameter("JwtIssuer"));
        assertEquals(List.of("pakn-agency"), runtime.jwtAudiences());
    }

    @Test
    void protectedRoute_withoutToken_answers401() throws Exception {
        assertUnauthorized(null, "no Authorization header");
        HttpResponse<String> empty = get(WHOAMI, "Bearer ");
        assertEquals(401, empty.statusCode());
    }

    @Test
    void protectedRoute_withBadTokens_answers401_andTheFunctionNeverRuns() throws Exception {
        LocalJwtIssuer local = runtime.jwtIssuer();
        Caller officer = new Caller("can-bo-01", "bn-ubnd-kinh-bac", Caller.Role.AGENCY);
        Map<String, Object> expired = validClaims();
        expired.put("exp", Instant.now().getEpochSecond() - 3600);
        assertUnauthorized(local.sign(expired), "expired");
        assertUnauthorized(DevToken.mint(local, "pakn-citizen", officer, Duration.ofHours(1)), "wrong audience");
        assertUnauthorized(DevToken.mint(local.withIssuer("https://auth.example.gov.vn/"), "pakn-agency", officer,
                Duration.ofHours(1)), "wrong issuer, right key");
        assertUnauthorized(DevToken.mint(LocalJwtIssuer.ephemeral(issuer()), "pakn-agency", officer,
                Duration.ofHours(1)), "another key claiming the issuer");

        String[] good = DevToken.agency(runtime, "bn-ubnd-kinh-bac", "can-bo-01").split("\\.");
        Map<String, Object> promoted = validClaims();
        promoted.put(Caller.CLAIM_AGENCY, "bn-cong-an");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(promoted));
        assertUnauthorized(good[0] + "." + payload + "." + good[2], "tampered payload");

        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"kid\":\"" + local.keyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(none + "." + good[1] + ".", "alg none");
        assertUnauthorized("not-a-jwt", "garbage");
        assertTrue(CONSOLE.stream().anyMatch(l -> l.contains("AgencyJwt refused") && l.contains("expired")),
                "the console says why");
    }

    @Test
    void protectedRoute_withAnAgencyToken_passesTheValidatedClaimsToTheFunction() throws Exception {
        HttpResponse<String> response = whoami(DevToken.agency(runtime, "bn-ubnd-kinh-bac", "can-bo-01"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("can-bo-01", body.path("officer").asText());
        assertEquals("bn-ubnd-kinh-bac", body.path("agency").asText());
        assertEquals("AGENCY", body.path("role").asText());
        JsonNode claims = body.path("claims");
        assertEquals(issuer(), claims.path("iss").asText());
        assertEquals("pakn-agency", claims.path("aud").asText());
        assertTrue(claims.path("exp").isTextual(), "API Gateway passes claims as strings");
        assertTrue(claims.path("exp").asLong() > Instant.now().getEpochSecond());
    }

    @Test
    void protectedRoute_withAnAdminToken_seesAnAdministrator() throws Exception {
        HttpResponse<String> response = whoami(DevToken.admin(runtime, "quan-tri-01"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("ADMIN", body.path("role").asText());
        assertTrue(body.path("agency").isNull());
        assertTrue(body.path("claims").path(Caller.CLAIM_AGENCY).isMissingNode());
    }

    @Test
    void validTokenWithoutAPaknRole_reachesTheFunction_whichAnswers403() throws Exception {
        Map<String, Object> claims = validClaims();
        claims.put(Caller.CLAIM_ROLE, "superuser");
        HttpResponse<String> response = whoami(runtime.jwtIssuer().sign(claims));
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("role_unknown", JSON.readTree(response.body()).path("error").path("code").asText());
    }

    @Test
    void openRoute_needsNoToken() throws Exception {
        HttpResponse<String> response = get("/v1/open", null);
        assertEquals(200, response.statusCode());
        assertEquals("{\"open\":true}", response.body());
    }

    @Test
    void issuer_publishesItsKeys_atTheWellKnownAddresses() throws Exception {
        HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(
                URI.create(issuer() + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, discovery.statusCode());
        String jwksUri = JSON.readTree(discovery.body()).path("jwks_uri").asText();
        assertEquals(issuer() + "/.well-known/jwks.json", jwksUri);
        HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create(jwksUri)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, jwks.statusCode());
        assertEquals("application/json", jwks.headers().firstValue("content-type").orElse(""));
        JsonNode key = JSON.readTree(jwks.body()).path("keys").get(0);
        var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
        Jwt token = Jwt.parse(DevToken.admin(runtime, "quan-tri-01"));
        assertEquals(key.path("kid").asText(), token.keyId());
        assertTrue(token.verifiedBy(publicKey), "the published key verifies the runtime's tokens");
    }

    @Test
    void startupSummary_printsADevTokenCommand_whoseTokenIsAccepted() throws Exception {
        String summary = StartupSummary.render(runtime, Map.of());
        Matcher command = Pattern.compile("TOKEN=\\$\\(java -cp \\S+ vn\\.pakn\\.local\\.DevToken ([^)]*)\\)")
                .matcher(summary);
        assertTrue(command.find(), summary);
        assertTrue(summary.contains("curl -H \"Authorization: Bearer $TOKEN\" " + runtime.apiBaseUri() + WHOAMI),
                summary);
        List<String> args = new ArrayList<>(List.of(command.group(1).trim().split(" ")));
        assertEquals(List.of("--agency", "bn-ubnd-kinh-bac", "--port", String.valueOf(runtime.apiBaseUri().getPort()),
                "--key", keyDir.resolve("local-jwt-key.pem").toString()), args);

        String printed = DevToken.run(args.toArray(String[]::new), Map.of());
        HttpResponse<String> response = whoami(printed);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("bn-ubnd-kinh-bac", JSON.readTree(response.body()).path("agency").asText());
    }
}
