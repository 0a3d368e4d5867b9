package vn.pakn.admin;

import java.util.List;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.fakes.InMemoryComplaintStore;

/** The inbox index over the in-memory store: what gsi2 holds, always current. */
final class InMemoryOpenComplaints implements OpenComplaints {
    private final InMemoryComplaintStore store;
    int queries;

    InMemoryOpenComplaints(InMemoryComplaintStore store) {
        this.store = store;
    }

    @Override
    public List<Entry> inInbox(String agencyId, Status status) {
        queries++;
        return store.byId.values().stream().map(h -> h.complaint())
                .filter(c -> c.handling() != null && agencyId.equals(c.handling().agencyId()) && c.status() == status)
                .map((Complaint c) -> new Entry(c.id(), c.areaCode())).toList();
    }
}
