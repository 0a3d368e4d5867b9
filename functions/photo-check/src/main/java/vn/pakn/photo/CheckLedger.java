package vn.pakn.photo;

import java.util.Optional;

/** Port: upload items and the complaint projection, in the complaints table. */
public interface CheckLedger {
    Optional<CheckedUpload> find(String uploadId);

    /**
     * Records the outcome unless one is recorded already (the first recorded outcome stands, so
     * concurrent checks of one upload agree), and returns what is recorded now, with the claim
     * of a submission if there is one; empty when the upload item no longer exists.
     */
    Optional<CheckedUpload> record(String uploadId, CheckOutcome outcome);

    /**
     * Copies the outcome into the claiming complaint's photo entry, leaving its version alone
     * (a photo check is not a lifecycle event). False when the complaint has no such photo.
     */
    boolean applyToComplaint(String complaintId, String uploadId, CheckOutcome outcome);
}
