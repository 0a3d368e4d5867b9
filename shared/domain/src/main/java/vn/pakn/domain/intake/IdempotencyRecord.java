package vn.pakn.domain.intake;

import java.time.Duration;
import java.time.Instant;

/**
 * A client's {@code Idempotency-Key} bound to the submission it first came with. It is kept on the
 * item of the tracking code derived from the key ({@link IdempotencyKeys}), so the write that
 * reserves the code is the one that finds a retry: no record of its own, no read up front.
 *
 * @param keyHash     the key as {@link IdempotencyKeys#keyHash} gives it; the key itself is never stored
 * @param fingerprint hash of the request body, so a key reused for another body is refused
 */
public record IdempotencyRecord(String keyHash, String fingerprint, String complaintId, String trackingCode,
                                Instant receivedAt) {
    /** A retry within this time gets the first answer; later the key is a new submission's (as it was before). */
    public static final Duration REPLAY_WINDOW = Duration.ofHours(24);

    public boolean replayableAt(Instant now) {
        return now.isBefore(receivedAt.plus(REPLAY_WINDOW));
    }
}
