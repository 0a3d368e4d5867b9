package vn.pakn.local.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON Web Token in JWS compact form ({@code header.payload.signature}, RFC 7515/7519), with
 * just what a JWT authorizer needs: the RSA PKCS#1 v1.5 algorithms API Gateway accepts, parsed
 * strictly (three unpadded base64url segments, JSON objects without duplicate names). Parsing
 * checks the shape only; {@link #verifiedBy(PublicKey)} checks the signature.
 */
public final class Jwt {

    /** JWS algorithm to JCA signature: API Gateway's JWT authorizers accept RSA signatures only. */
    static final Map<String, String> RSA_ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA",
            "RS384", "SHA384withRSA",
            "RS512", "SHA512withRSA");

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]*");
    /** Far beyond any real token; keeps a hostile header from costing more than a glance. */
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode header;
    private final ObjectNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private Jwt(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** A token that is not a well-formed JWS; the message says why, for a developer's eyes. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * Reads a compact JWS without checking its signature or claims.
     *
     * @throws MalformedException when it is not three base64url segments of a JSON header, a JSON
     *     object payload and a signature
     */
    public static Jwt parse(String token) throws MalformedException {
        if (token == null || token.isEmpty()) {
            throw new MalformedException("no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new MalformedException("token longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new MalformedException("a JWT has three dot-separated parts, this has " + parts.length);
        }
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches()) {
                throw new MalformedException("a JWT part is not unpadded base64url");
            }
        }
        ObjectNode header = object(parts[0], "header");
        ObjectNode claims = object(parts[1], "payload");
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new MalformedException("the signature is not base64url");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new Jwt(header, claims, signingInput, signature);
    }

    private static ObjectNode object(String segment, String what) throws MalformedException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new MalformedException("the " + what + " is not base64url");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw new MalformedException("the " + what + " is not a JSON object");
    }

    /** The {@code alg} header, or null. */
    public String algorithm() {
        JsonNode alg = header.get("alg");
        return alg != null && alg.isTextual() ? alg.asText() : null;
    }

    /** The {@code kid} header, or null. */
    public String keyId() {
        JsonNode kid = header.get("kid");
        return kid != null && kid.isTextual() ? kid.asText() : null;
    }

    public ObjectNode header() {
        return header.deepCopy();
    }

    /** The payload, unverified until {@link #verifiedBy} says otherwise. */
    public ObjectNode claims() {
        return claims.deepCopy();
    }

    /**
     * Whether {@code key} made the signature with the token's own {@code alg}, which must be one of
     * the RSA algorithms: {@code none}, HMAC and anything else are never verified, so a public key
     * can never be (mis)used as an HMAC secret.
     */
    public boolean verifiedBy(PublicKey key) {
        String alg = algorithm();
        String jca = alg == null ? null : RSA_ALGORITHMS.get(alg);
        if (jca == null || !(key instanceof RSAKey)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Signs {@code claims} with an RSA private key.
     *
     * @param header must name one of the RSA algorithms in {@code alg}; {@code kid} as the JWKS has it
     */
    public static String sign(Map<String, ?> header, Map<String, ?> claims, PrivateKey key) {
        String jca = RSA_ALGORITHMS.get(String.valueOf(header.get("alg")));
        if (jca == null) {
            throw new IllegalArgumentException("alg must be one of " + RSA_ALGORITHMS.keySet() + ", got " + header.get("alg"));
        }
        String signingInput = segment(header) + "." + segment(claims);
        try {
            Signature signer = Signature.getInstance(jca);
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with " + jca, e);
        }
    }

    /** The base64url JSON of a header or payload, as it appears in a token. */
    static String segment(Map<String, ?> json) {
        try {
            return base64Url(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JWT JSON", e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
