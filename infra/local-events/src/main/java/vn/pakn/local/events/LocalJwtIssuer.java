package vn.pakn.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The identity provider of the local runtime: one RSA key pair, an issuer URL on the local API's
 * port, the JWKS a JWT authorizer verifies against, and token minting. In AWS the issuer is the
 * real identity provider (template parameter {@code JwtIssuer}); locally the runtime overrides that
 * parameter with {@link #issuerUrl(int)} so that the template's own {@code JwtConfiguration}
 * points here.
 *
 * <p>The key pair lives in a PEM file ({@link #defaultKeyFile}) created on first use and reused
 * afterwards, so a token minted yesterday still verifies today, until it expires.
 */
public final class LocalJwtIssuer implements JwtAuthorizer.KeySource {

    /** Path prefix of the issuer on the API's port. */
    public static final String ISSUER_PATH = "/.local-auth";
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final String OPENID_CONFIGURATION_PATH = "/.well-known/openid-configuration";
    /** Overrides where the signing key is kept. */
    public static final String KEY_FILE_VARIABLE = "PAKN_LOCAL_JWT_KEY";
    public static final String ALGORITHM = "RS256";
    private static final int KEY_BITS = 2048;
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final KeyPair keys;
    private final String keyId;
    private final Path keyFile;

    private LocalJwtIssuer(String issuer, KeyPair keys, Path keyFile) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = keys;
        this.keyId = thumbprint((RSAPublicKey) keys.getPublic());
        this.keyFile = keyFile;
    }

    /** {@code http://127.0.0.1:<port>/.local-auth}: the issuer of tokens for the local API on {@code port}. */
    public static String issuerUrl(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("The issuer needs the API's actual port, got " + port);
        }
        return "http://" + HttpApiServer.LOOPBACK + ":" + port + ISSUER_PATH;
    }

    /**
     * {@value #KEY_FILE_VARIABLE} if set, else {@code ~/.pakn/local-jwt-key.pem}: outside the
     * checkout, so {@code mvn clean} keeps it, no commit can carry it, and every checkout and
     * worktree of the same developer signs with the same key.
     */
    public static Path defaultKeyFile(Map<String, String> environment) {
        String configured = environment.get(KEY_FILE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("user.home"), ".pakn", "local-jwt-key.pem");
    }

    /**
     * The issuer signing with the key in {@code keyFile}, which is created (readable by the owner
     * only) when missing. Two processes creating it at once end up with the same key.
     *
     * @throws IllegalStateException when the file exists but holds no unencrypted PKCS#8 RSA key
     */
    public static LocalJwtIssuer loadOrCreate(Path keyFile, String issuer) {
        Path file = keyFile.toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return new LocalJwtIssuer(issuer, read(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local JWT signing key " + file, e);
        }
    }

    /** An issuer with a fresh key held in memory only (tests; tokens die with it). */
    public static LocalJwtIssuer ephemeral(String issuer) {
        return new LocalJwtIssuer(issuer, generate(), null);
    }

    /** An issuer signing with the given RSA key pair. */
    public static LocalJwtIssuer of(String issuer, KeyPair keys) {
        if (!(keys.getPublic() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("The local issuer signs with RSA (" + ALGORITHM + ")");
        }
        return new LocalJwtIssuer(issuer, keys, null);
    }

    /** The same key under another issuer name: in tests, a token right in everything but {@code iss}. */
    public LocalJwtIssuer withIssuer(String otherIssuer) {
        return new LocalJwtIssuer(otherIssuer, keys, keyFile);
    }

    public String issuer() {
        return issuer;
    }

    /** The {@code kid}: the key's RFC 7638 thumbprint, so the same key always has the same id. */
    public String keyId() {
        return keyId;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** Where the key is kept; null for an in-memory key. */
    public Path keyFile() {
        return keyFile;
    }

    public String jwksUri() {
        return issuer + JWKS_PATH;
    }

    @Override
    public Optional<PublicKey> key(String forIssuer, String forKeyId) {
        return issuer.equals(forIssuer) && keyId.equals(forKeyId) ? Optional.of(keys.getPublic()) : Optional.empty();
    }

    /** The issuer's JSON Web Key Set, as served at {@link #jwksUri()}. */
    public String jwks() {
        RSAPublicKey key = publicKey();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", ALGORITHM);
        jwk.put("kid", keyId);
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        return json(Map.of("keys", List.of(jwk)));
    }

    /** The OpenID discovery document API Gateway reads to find the JWKS. */
    public String openIdConfiguration() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", jwksUri());
        document.put("id_token_signing_alg_values_supported", List.of(ALGORITHM));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        return json(document);
    }

    /**
     * A token for {@code audience}, valid from now for {@code lifetime}: {@code iss}, {@code aud},
     * {@code iat}, {@code nbf}, {@code exp} and a random {@code jti} are added to {@code claims}
     * (which should carry {@code sub} and whatever the application reads).
     */
    public String mint(String audience, Map<String, ?> claims, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A token's lifetime must be positive, got " + lifetime);
        }
        long now = Instant.now().getEpochSecond();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer);
        all.put("aud", audience);
        all.putAll(claims);
        all.put("iat", now);
        all.put("nbf", now);
        all.put("exp", now + lifetime.toSeconds());
        all.put("jti", UUID.randomUUID().toString());
        return sign(all);
    }

    /** Signs exactly {@code claims} (nothing added) with this issuer's key, {@value #ALGORITHM} and its {@code kid}. */
    public String sign(Map<String, ?> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", ALGORITHM);
        header.put("typ", "JWT");
        header.put("kid", keyId);
        return Jwt.sign(header, claims, keys.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate RSA keys", e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        String pem = PEM_BEGIN + "\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generate().getPrivate().getEncoded())
                + "\n" + PEM_END + "\n";
        Path temp = posix
                ? Files.createTempFile(dir, ".local-jwt-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".local-jwt-key", ".tmp");
        try {
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            // No REPLACE_EXISTING: whoever created it first wins and everyone signs with that key.
            Files.move(temp, file);
        } catch (FileAlreadyExistsException e) {
            // another process was quicker; use its key
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static KeyPair read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf(PEM_BEGIN);
        int end = text.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " holds no unencrypted PKCS#8 private key (" + PEM_BEGIN + "); delete"
                    + " it to have a new one generated, or convert yours with: openssl pkcs8 -topk8 -nocrypt");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey privateKey)) {
                throw new IllegalStateException(file + " holds an RSA key without its CRT parameters; delete it to have"
                        + " a new one generated");
            }
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(),
                    privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a usable RSA private key (" + e.getMessage()
                    + "); delete it to have a new one generated", e);
        }
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace. */
    private static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + unsigned(key.getModulus()) + "\"}";
        try {
            return Jwt.base64Url(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK integer: big-endian, unsigned, no leading zero byte, base64url. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Jwt.base64Url(bytes);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "LocalJwtIssuer[" + issuer + ", kid " + keyId + (keyFile == null ? ", in memory" : ", " + keyFile) + "]";
    }
}
