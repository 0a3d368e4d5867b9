package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.pakn.aws.http.Caller;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.Jwt;
import vn.pakn.local.events.LocalJwtIssuer;

/** The dev-token command: the right claims for the right role, and clear refusals otherwise. */
class DevTokenTest {

    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        return DevToken.run(args, Map.of());
    }

    private String[] withKey(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--key";
        all[args.length + 1] = dir.resolve("key.pem").toString();
        return all;
    }

    private static JsonNode claims(String token) throws Exception {
        return Jwt.parse(token).claims();
    }

    private String refusal(String... args) {
        return assertThrows(DevToken.UsageException.class, () -> DevToken.run(withKey(args), Map.of())).getMessage();
    }

    @Test
    void agencyToken_carriesTheContractsClaims_forTheLocalIssuerAndTemplateAudience() throws Exception {
        String token = run(withKey("--agency", "bn-ubnd-kinh-bac", "--officer", "can-bo-07", "--hours", "2"));
        JsonNode claims = claims(token);
        assertEquals("can-bo-07", claims.path(Caller.CLAIM_OFFICER).asText());
        assertEquals("bn-ubnd-kinh-bac", claims.path(Caller.CLAIM_AGENCY).asText());
        assertEquals("agency", claims.path(Caller.CLAIM_ROLE).asText());
        assertEquals("http://127.0.0.1:8080/.local-auth", claims.path("iss").asText());
        assertEquals(LocalAuth.defaultAudiences(SamTemplate.load()).get(0), claims.path("aud").asText());
        assertEquals(7200, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertEquals(3, token.split("\\.").length, "just the token, nothing around it");
    }

    @Test
    void templateAudience_isTheDeployedDefault() {
        assertEquals(List.of("pakn-agency"), LocalAuth.defaultAudiences(SamTemplate.load()));
        assertEquals(List.of("JwtIssuer"), List.copyOf(LocalAuth.issuerParameters(SamTemplate.load())));
    }

    @Test
    void adminToken_hasNoAgency_andDefaultsItsOfficer() throws Exception {
        JsonNode claims = claims(run(withKey("--admin")));
        assertEquals("admin", claims.path(Caller.CLAIM_ROLE).asText());
        assertEquals(DevToken.DEFAULT_ADMIN, claims.path(Caller.CLAIM_OFFICER).asText());
        assertFalse(claims.has(Caller.CLAIM_AGENCY));
        assertEquals(DevToken.DEFAULT_LIFETIME.toSeconds(), claims.path("exp").asLong() - claims.path("iat").asLong());
        assertEquals("admin", claims(run(withKey("--role", "admin"))).path(Caller.CLAIM_ROLE).asText());
    }

    @Test
    void issuer_followsThePortOptionOrVariable() throws Exception {
        assertEquals("http://127.0.0.1:9090/.local-auth",
                claims(run(withKey("--admin", "--port", "9090"))).path("iss").asText());
        assertEquals("http://127.0.0.1:8081/.local-auth", claims(DevToken.run(withKey("--admin"),
                Map.of(LocalRuntime.API_PORT_VARIABLE, "8081"))).path("iss").asText());
        assertEquals("https://idp.example/x", claims(run(withKey("--admin", "--issuer", "https://idp.example/x",
                "--audience", "other"))).path("iss").asText());
    }

    @Test
    void tokens_areSignedWithTheKeyFile_theRuntimeUses() throws Exception {
        String token = run(withKey("--agency", "bn-cong-an"));
        LocalJwtIssuer sameKey = LocalJwtIssuer.loadOrCreate(dir.resolve("key.pem"), LocalJwtIssuer.issuerUrl(8080));
        assertTrue(Jwt.parse(token).verifiedBy(sameKey.publicKey()));
        assertEquals(sameKey.keyId(), Jwt.parse(token).keyId());
    }

    @Test
    void unknownRole_isRefusedWithTheKnownOnes() {
        String message = refusal("--role", "superuser");
        assertTrue(message.contains("Unknown role \"superuser\""), message);
        assertTrue(message.contains("--agency") && message.contains("--admin"), message);
        assertTrue(refusal("--role", "officer", "--agency", "bn-cong-an").contains("Unknown role"));
    }

    @Test
    void contradictoryOrIncompleteRequests_areRefused() {
        assertTrue(refusal("--admin", "--agency", "bn-cong-an").contains("not both"));
        assertTrue(refusal().contains("--agency <agency id> or --admin"));
        assertTrue(refusal("--role", "agency").contains("--agency <agency id>"));
        assertTrue(refusal("--agency").contains("needs a value"));
        assertTrue(refusal("--agency", "bn cong an").contains("without spaces"));
        assertTrue(refusal("--admin", "--hours", "0").contains("--hours"));
        assertTrue(refusal("--admin", "--hours", "many").contains("--hours"));
        assertTrue(refusal("--admin", "--port", "99999").contains("port"));
        assertTrue(refusal("--admin", "--colour", "red").contains("Unknown option --colour"));
        assertTrue(refusal("--admin", "--port", "8080", "--issuer", "https://x").contains("not both"));
    }
}
