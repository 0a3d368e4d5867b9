package vn.pakn.domain.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.TrackingCode;

/**
 * What a submission under an {@code Idempotency-Key} derives from the key, so that a retry arrives
 * at the same tracking code and the same citizen secret without either being stored in the clear:
 * the tracking code is where the retry finds the first attempt, and the secret is replayed in its
 * receipt.
 *
 * <p>Everything is keyed with the deployment's secret ({@link ComplaintRepository#idempotencySecret}).
 * Clients choose their keys, some weakly (a timestamp; Open311's fallback is a hash of the form,
 * whose description is public): unkeyed, a tracking code, which hotline staff take as a sign of
 * being the reporter, would be computable by anyone who can guess the key.
 */
public final class IdempotencyKeys {
    private final SecretKeySpec secret;

    public IdempotencyKeys(byte[] deploymentSecret) {
        this.secret = new SecretKeySpec(deploymentSecret.clone(), "HmacSHA256");
    }

    /** What the tracking code's item keeps to recognise the key. */
    public String keyHash(String key) {
        return HexFormat.of().formatHex(mac("key", key));
    }

    /**
     * The tracking code of the key's {@code attempt}-th candidate: the next one is tried when a
     * candidate is another complaint's (codes are short, so collisions happen) or when the key's
     * earlier submission is past its replay window.
     */
    public String trackingCode(String key, int attempt) {
        return TrackingCode.fromSeed(mac("code", key + '\0' + attempt));
    }

    public String citizenSecret(String key, String complaintId) {
        return CitizenSecret.encode(Arrays.copyOf(mac("secret", key + '\0' + complaintId), CitizenSecret.BYTES));
    }

    private byte[] mac(String purpose, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
