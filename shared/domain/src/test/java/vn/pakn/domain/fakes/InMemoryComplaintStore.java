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
    public synchronized void append(Transition t) {
        ComplaintHistory current = byId.get(t.before().id());
        if (current == null || current.complaint().version() != t.before().version()) {
            throw new ConcurrentUpdateException(t.before().id());
        }
        List<ComplaintEvent> events = new ArrayList<>(current.events());
        events.add(t.event());
        byId.put(t.after().id(), new ComplaintHistory(t.after(), events));
        if (t.notifyAgencyId() != null) {
            assignments.add(Map.entry(t.notifyAgencyId(), t.event()));
        }
    }
}
