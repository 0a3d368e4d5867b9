package vn.pakn.domain.lifecycle;

import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;

/**
 * The result of an allowed command: the next state, the event that explains it, and the agency
 * whose queue must hear of it (null when no agency gains the complaint).
 */
public record Transition(Complaint before, Complaint after, ComplaintEvent event, String notifyAgencyId) {
}
