package vn.pakn.domain.complaint;

import java.time.Instant;

/**
 * One change in a complaint's life. Events are append-only and numbered from 1 per complaint;
 * the number is what makes every consumer idempotent.
 *
 * @param from null for the first event
 * @param note free text shown in the public history; never personal data
 */
public record ComplaintEvent(String complaintId, int seq, String type, Status from, Status to,
                             Actor actor, Instant at, String note) {
    public static final String RECEIVED = "RECEIVED";
}
