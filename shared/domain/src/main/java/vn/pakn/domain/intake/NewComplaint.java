package vn.pakn.domain.intake;

import java.util.List;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;

/**
 * Everything a submission writes, which the repository must write all-or-nothing: the
 * complaint, its first event, its tracking code, the message to the intake queue, the claim on
 * each upload (only if the upload is still as observed), and the idempotency record.
 *
 * @param idempotency null when the client sent no Idempotency-Key
 */
public record NewComplaint(Complaint complaint, ComplaintEvent firstEvent, List<Upload> claimedUploads,
                           IdempotencyRecord idempotency) {
    public NewComplaint {
        claimedUploads = List.copyOf(claimedUploads);
    }
}
