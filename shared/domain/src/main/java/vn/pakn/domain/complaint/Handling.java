package vn.pakn.domain.complaint;

import java.time.Instant;

/**
 * Where a routed complaint is being handled, and against which deadlines. Absent until routing.
 *
 * @param acknowledgeBy  clock hours after assignment, from the category
 * @param resolveBy      working days after assignment, from the category and holiday calendar
 * @param pausedAt       set while waiting for the citizen (NEEDS_INFO): the clock stands still
 * @param resumeTo       the status to return to when the citizen answers
 * @param overdue        once past a deadline, stays true: it is what the statistics count
 * @param overdueDeadline the deadline already reported missed; a new assignment's deadlines differ
 *                       from it, so they are watched again
 * @param rejectReason   duplicate-of, invalid or not-actionable
 * @param rating         the citizen's 1-5 once closed by them
 */
public record Handling(String agencyId, Instant assignedAt, Instant acknowledgeBy, Instant resolveBy,
                       Instant acknowledgedAt, Instant resolvedAt, Instant closedAt,
                       Instant pausedAt, Status resumeTo,
                       int transfers, int reopens, int escalations, boolean overdue, Instant overdueDeadline,
                       String response, String rejectReason, String duplicateOf, Integer rating) {

    public static Handling assigned(String agencyId, Instant at, Instant acknowledgeBy, Instant resolveBy) {
        return new Handling(agencyId, at, acknowledgeBy, resolveBy, null, null, null, null, null,
                0, 0, 0, false, null, null, null, null, null);
    }

    /** A new agency takes over with fresh deadlines; counters and the overdue mark carry over. */
    public Handling reassigned(String newAgencyId, Instant at, Instant newAcknowledgeBy, Instant newResolveBy,
                               int extraTransfers, int extraEscalations) {
        return new Handling(newAgencyId, at, newAcknowledgeBy, newResolveBy, null, null, null, null, null,
                transfers + extraTransfers, reopens, escalations + extraEscalations, overdue, overdueDeadline,
                null, null, null, null);
    }

    public Handling acknowledged(Instant at) {
        return new Handling(agencyId, assignedAt, acknowledgeBy, resolveBy, acknowledgedAt == null ? at : acknowledgedAt,
                resolvedAt, closedAt, pausedAt, resumeTo, transfers, reopens, escalations, overdue, overdueDeadline,
                response, rejectReason, duplicateOf, rating);
    }

    public Handling paused(Instant at, Status returnTo) {
        return new Handling(agencyId, assignedAt, acknowledgeBy, resolveBy, acknowledgedAt, resolvedAt, closedAt,
                at, returnTo, transfers, reopens, escalations, overdue, overdueDeadline, response, rejectReason, duplicateOf,
                rating);
    }

    public Handling resumed(Instant newResolveBy) {
        return new Handling(agencyId, assignedAt, acknowledgeBy, newResolveBy, acknowledgedAt, resolvedAt, closedAt,
                null, null, transfers, reopens, escalations, overdue, overdueDeadline, response, rejectReason, duplicateOf,
                rating);
    }

    public Handling resolved(Instant at, String responseText) {
        return new Handling(agencyId, assignedAt, acknowledgeBy, resolveBy, acknowledgedAt, at, closedAt,
                null, null, transfers, reopens, escalations, overdue, overdueDeadline, responseText, rejectReason, duplicateOf,
                rating);
    }

    public Handling rejected(Instant at, String reason, String duplicateOfId) {
        return new Handling(agencyId, assignedAt, acknowledgeBy, resolveBy, acknowledgedAt, resolvedAt, at,
                null, null, transfers, reopens, escalations, overdue, overdueDeadline, response, reason, duplicateOfId, rating);
    }

    public Handling closed(Instant at, Integer citizenRating) {
        return new Handling(agencyId, assignedAt, acknowledgeBy, resolveBy, acknowledgedAt, resolvedAt, at,
                null, null, transfers, reopens, escalations, overdue, overdueDeadline, response, rejectReason, duplicateOf,
                citizenRating);
    }

    /**
     * Back to the same agency, with fresh deadlines: the citizen says it is not fixed. The old
     * response is history (it stays in the events), not the answer to the reopened complaint.
     */
    public Handling reopened(Instant at, Instant newAcknowledgeBy, Instant newResolveBy) {
        return new Handling(agencyId, at, newAcknowledgeBy, newResolveBy, null, null, null, null, null,
                transfers, reopens + 1, escalations, overdue, overdueDeadline, null, null, null, null);
    }

    /** The deadline the agency is measured against now: acknowledgement first, then resolution. */
    public Instant currentDeadline() {
        return acknowledgedAt == null ? acknowledgeBy : resolveBy;
    }

    /** True when the current deadline's miss was already recorded. */
    public boolean currentDeadlineReported() {
        return overdueDeadline != null && overdueDeadline.equals(currentDeadline());
    }

    public Handling markedOverdue() {
        return new Handling(agencyId, assignedAt, acknowledgeBy, resolveBy, acknowledgedAt, resolvedAt, closedAt,
                pausedAt, resumeTo, transfers, reopens, escalations, true, currentDeadline(), response, rejectReason,
                duplicateOf, rating);
    }
}
