package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local issuer's key survives restarts, and what it publishes verifies what it signs. */
class LocalJwtIssuerTest {

    private static final String ISSUER = LocalJwtIssuer.issuerUrl(8080);

    @TempDir
    Path dir;

    @Test
    void issuerUrl_isOnTheApisLoopbackPort() {
        assertEquals("http://127.0.0.1:8080/.local-auth", ISSUER);
        assertThrows(IllegalArgumentException.class, () -> LocalJwtIssuer.issuerUrl(0));
    }

    @Test
    void defaultKeyFile_isInTheHomeDirectory_unlessTheVariableSaysOtherwise() {
        assertEquals(Path.of(System.getProperty("user.home"), ".pakn", "local-jwt-key.pem"),
                LocalJwtIssuer.defaultKeyFile(Map.of()));
        assertEquals(Path.of("/tmp/k.pem"), LocalJwtIssuer.defaultKeyFile(Map.of(LocalJwtIssuer.KEY_FILE_VARIABLE, "/tmp/k.pem")));
    }

    @Test
    void keyFile_isCreatedOnce_privateToTheOwner_andReusedAfterARestart() throws Exception {
        Path file = dir.resolve("nested/.pakn/local-jwt-key.pem");
        LocalJwtIssuer yesterday = LocalJwtIssuer.loadOrCreate(file, ISSUER);
        String token = yesterday.mint("pakn-agency", Map.of("sub", "can-bo-01"), Duration.ofHours(12));
        String pem = Files.readString(file);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }

        LocalJwtIssuer today = LocalJwtIssuer.loadOrCreate(file, ISSUER);
        assertEquals(pem, Files.readString(file), "the key is never regenerated");
        assertEquals(yesterday.keyId(), today.keyId());
        assertEquals("can-bo-01", new JwtAuthorizer(today, Clock.systemUTC(), null)
                .verify(token, ISSUER, List.of("pakn-agency")).claims().get("sub"));
        try (var leftovers = Files.list(file.getParent())) {
            assertEquals(List.of(file), leftovers.toList(), "no temporary files left behind");
        }
    }

    @Test
    void otherKeyFile_isAnotherKey() {
        LocalJwtIssuer a = LocalJwtIssuer.loadOrCreate(dir.resolve("a.pem"), ISSUER);
        LocalJwtIssuer b = LocalJwtIssuer.loadOrCreate(dir.resolve("b.pem"), ISSUER);
        assertNotEquals(a.keyId(), b.keyId());
        assertEquals(Optional.empty(), a.key(ISSUER, b.keyId()));
    }

    @Test
    void unusableKeyFile_failsWithWhatToDo() throws Exception {
        Path file = dir.resolve("broken.pem");
        Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalJwtIssuer.loadOrCreate(file, ISSUER));
        assertTrue(e.getMessage().contains("delete"), e.getMessage());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        e = assertThrows(IllegalStateException.class, () -> LocalJwtIssuer.loadOrCreate(file, ISSUER));
        assertTrue(e.getMessage().contains("delete"), e.getMessage());
    }

    @Test
    void jwks_publishesTheKeyThatVerifiesTheTokens() throws Exception {
        LocalJwtIssuer issuer = LocalJwtIssuer.ephemeral(ISSUER);
        JsonNode jwks = new ObjectMapper().readTree(issuer.jwks());
        JsonNode key = jwks.path("keys").get(0);
        assertEquals(1, jwks.path("keys").size());
        assertEquals("RSA", key.path("kty").asText());
        assertEquals("RS256", key.path("alg").asText());
        assertEquals("sig", key.path("use").asText());
        assertEquals(issuer.keyId(), key.path("kid").asText());
        PublicKey published = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
        assertEquals("AQAB", key.path("e").asText());
        String token = issuer.mint("pakn-agency", Map.of("sub", "x"), Duration.ofMinutes(5));
        assertTrue(Jwt.parse(token).verifiedBy(published));
        assertEquals(issuer.keyId(), Jwt.parse(token).keyId());

        JsonNode discovery = new ObjectMapper().readTree(issuer.openIdConfiguration());
        assertEquals(ISSUER, discovery.path("issuer").asText());
        assertEquals(ISSUER + "/.well-known/jwks.json", discovery.path("jwks_uri").asText());
    }

    @Test
    void mint_addsTheRegisteredClaims_andRefusesANonPositiveLifetime() throws Exception {
        LocalJwtIssuer issuer = LocalJwtIssuer.ephemeral(ISSUER);
        JsonNode claims = Jwt.parse(issuer.mint("pakn-agency", Map.of("sub", "x"), Duration.ofHours(2))).claims();
        assertEquals(ISSUER, claims.path("iss").asText());
        assertEquals("pakn-agency", claims.path("aud").asText());
        assertEquals(7200, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertEquals(claims.path("iat").asLong(), claims.path("nbf").asLong());
        assertTrue(claims.path("jti").isTextual());
        assertThrows(IllegalArgumentException.class, () -> issuer.mint("a", Map.of(), Duration.ZERO));
    }
}
