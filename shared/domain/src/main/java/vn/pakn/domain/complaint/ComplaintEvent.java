package vn.pakn.domain.complaint;

import java.time.Instant;

/**
 * One change in a complaint's life. Events are append-only and numbered from 1 per complaint;
 * the number is what makes every consumer idempotent.
 *
 * @param from        null for the first event
 * @param note        shown in the public history (an agency's response, a transfer reason)
 * @param privateNote seen by agencies only: a citizen's answer may contain personal data
 * @param agencyId    the agency in charge after this event, null before routing
 * @param dueAt       the resolve deadline in force after this event, null before routing: recorded so
 *                    that whether a resolution was on time is a fact of the event log, not of
 *                    reference data (SLAs, holidays) that may have changed since
 */
public record ComplaintEvent(String complaintId, int seq, String type, Status from, Status to,
                             Actor actor, Instant at, String note, String privateNote, String agencyId,
                             Instant dueAt) {
    public static final String RECEIVED = "RECEIVED";

    public ComplaintEvent(String complaintId, int seq, String type, Status from, Status to, Actor actor, Instant at,
                          String note, String privateNote, String agencyId) {
        this(complaintId, seq, type, from, to, actor, at, note, privateNote, agencyId, null);
    }

    public ComplaintEvent(String complaintId, int seq, String type, Status from, Status to, Actor actor, Instant at,
                          String note) {
        this(complaintId, seq, type, from, to, actor, at, note, null, null);
    }
}
