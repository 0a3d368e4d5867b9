package vn.pakn.domain.intake;

import java.util.List;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;

/**
 * Everything a submission writes: the complaint (whose insert carries the message to the intake
 * queue), its first event, its tracking code, the claim on each upload (only if the upload is
 * still as observed) and, under an idempotency key, the key's binding on the tracking code.
 * How the repository keeps them together: {@link ComplaintRepository#create}.
 *
 * @param idempotency null when the client sent no Idempotency-Key
 */
public record NewComplaint(Complaint complaint, ComplaintEvent firstEvent, List<Upload> claimedUploads,
                           IdempotencyRecord idempotency) {
    public NewComplaint {
        claimedUploads = List.copyOf(claimedUploads);
    }
}
