package vn.pakn.domain.intake;

import java.util.Optional;

/** Port: complaints and their events. */
public interface ComplaintRepository {
    /** Writes everything in {@code complaint} atomically, or nothing. */
    CreateOutcome create(NewComplaint complaint);

    Optional<IdempotencyRecord> findIdempotency(String key);

    /** @param trackingCode canonical form, see {@link vn.pakn.domain.complaint.TrackingCode#normalize} */
    Optional<ComplaintHistory> findByTrackingCode(String trackingCode);
}
