package vn.pakn.domain.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret handed to the citizen at submission; it proves later that they are the reporter
 * (answering questions, rating) without any account. Only its hash is kept with the complaint.
 */
public final class CitizenSecret {
    private CitizenSecret() {
    }

    /** Bytes in a secret: 144 bits. */
    public static final int BYTES = 18;

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        Ids.random().nextBytes(bytes);
        return encode(bytes);
    }

    /** The secret's text form, for secrets derived elsewhere (see IdempotencyKeys). */
    public static String encode(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("A citizen secret is " + BYTES + " bytes");
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Constant-time, so the time taken does not leak how much of a guess was right. */
    public static boolean matches(String secret, String expectedHash) {
        if (secret == null || expectedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
