package vn.pakn.domain.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Transition;

/** The same version check as the DynamoDB transaction; assignments are recorded as they would be queued. */
public final class InMemoryComplaintStore implements ComplaintStore {
    public final Map<String, ComplaintHistory> byId = new ConcurrentHashMap<>();
    /** (agencyId, event) for every transition that hands a complaint to an agency. */
    public final List<Map.Entry<String, ComplaintEvent>> assignments = new ArrayList<>();

    public void put(Complaint complaint, List<ComplaintEvent> events) {
        byId.put(complaint.id(), new ComplaintHistory(complaint, events));
    }

    @Override
    public Optional<ComplaintHistory> findById(String complaintId) {
        return Optional.ofNullable(byId.get(complaintId));
    }

    @Override
    public void append(Transition t) {
        appendAll(List.of(t));
    }

    @Override
    public synchronized void appendAll(List<Transition> transitions) {
        Transition first = transitions.get(0);
        ComplaintHistory current = byId.get(first.before().id());
        if (current == null || current.complaint().version() != first.before().version()) {
            throw new ConcurrentUpdateException(first.before().id());
        }
        List<ComplaintEvent> events = new ArrayList<>(current.events());
        for (Transition t : transitions) {
            events.add(t.event());
            if (t.notifyAgencyId() != null) {
                assignments.add(Map.entry(t.notifyAgencyId(), t.event()));
            }
        }
        Transition last = transitions.get(transitions.size() - 1);
        byId.put(last.after().id(), new ComplaintHistory(last.after(), events));
    }
}
