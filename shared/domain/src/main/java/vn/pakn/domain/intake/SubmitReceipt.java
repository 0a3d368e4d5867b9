package vn.pakn.domain.intake;

import java.time.Instant;
import vn.pakn.domain.complaint.Status;

/** What the citizen is told when the complaint is accepted; replayed unchanged for a retried request. */
public record SubmitReceipt(String id, String trackingCode, Status status, Instant receivedAt, String citizenSecret) {
    @Override
    public String toString() {
        return "SubmitReceipt[id=" + id + ", trackingCode=" + trackingCode + ", status=" + status + "]";
    }
}
