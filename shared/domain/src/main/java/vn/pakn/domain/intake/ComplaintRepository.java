package vn.pakn.domain.intake;

import java.util.Optional;

/** Port: complaints and their events. */
public interface ComplaintRepository {
    /**
     * Writes a new complaint. Without an idempotency record, all of it or nothing. With one, the
     * tracking code is reserved for the key first (that write finds a retry, see
     * {@link IdempotencyRecord}), then the rest is written; whatever a failure between the two
     * leaves, the client's retry under the key finishes ({@link #completeReserved}). Nothing is
     * ever answered as accepted before all of it is written.
     */
    CreateOutcome create(NewComplaint complaint);

    /** The idempotency key bound to a tracking code, if a submission under a key reserved it. */
    Optional<IdempotencyRecord> findReservation(String trackingCode);

    /** Whether a reserved complaint was written in full: its state and its first event. */
    boolean isWritten(String complaintId);

    /**
     * Writes whatever of a reserved complaint is missing, each item only if it is absent, so two
     * retries finishing at once write it once.
     */
    CreateOutcome completeReserved(NewComplaint complaint);

    /** Frees the tracking code a submission reserved and was then refused, so the key can be used again. */
    void release(IdempotencyRecord reservation);

    /**
     * The deployment's secret for what is derived from idempotency keys ({@link IdempotencyKeys}):
     * made on first use, the same for every function of the deployment, never changed (a change
     * would break the replays of the last day's submissions).
     */
    byte[] idempotencySecret();

    /** @param trackingCode canonical form, see {@link vn.pakn.domain.complaint.TrackingCode#normalize} */
    Optional<ComplaintHistory> findByTrackingCode(String trackingCode);
}
