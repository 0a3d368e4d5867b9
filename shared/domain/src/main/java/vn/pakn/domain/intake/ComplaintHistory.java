package vn.pakn.domain.intake;

import java.util.List;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;

/** A complaint's current state with its events in order. */
public record ComplaintHistory(Complaint complaint, List<ComplaintEvent> events) {
    public ComplaintHistory {
        events = List.copyOf(events);
    }
}
