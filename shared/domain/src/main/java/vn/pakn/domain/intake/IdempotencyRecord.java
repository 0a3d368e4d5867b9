package vn.pakn.domain.intake;

/**
 * A submission already accepted under a client's {@code Idempotency-Key}.
 *
 * @param fingerprint hash of the request body, so a key reused for another body is refused
 */
public record IdempotencyRecord(String key, String fingerprint, SubmitReceipt receipt) {
}
