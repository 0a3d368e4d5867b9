package vn.pakn.agency;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.ReferenceData;

/**
 * What an agency officer can do, without HTTP: read the inbox, open a complaint, act on it.
 * A complaint exists for an agency only while that agency is in charge of it; for everyone else
 * it is "not found", so nobody learns what other agencies hold.
 */
public final class AgencyService {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** The default listing: everything the agency still has to work on. */
    public static final List<Status> OPEN = List.of(Status.ASSIGNED, Status.REOPENED, Status.ACKNOWLEDGED,
            Status.IN_PROGRESS, Status.NEEDS_INFO);

    private final ComplaintStore store;
    private final AgencyInbox inbox;
    private final Lifecycle lifecycle;
    private final Clock clock;

    public AgencyService(ComplaintStore store, AgencyInbox inbox, ReferenceData reference, Clock clock) {
        this.store = store;
        this.inbox = inbox;
        this.lifecycle = new Lifecycle(reference);
        this.clock = clock;
    }

    /** A page of the inbox and where the next one starts (null: this was the last). */
    public record Page(List<AgencyInbox.InboxEntry> entries, String nextAfter) {
    }

    /**
     * The entries of several shelves merged in deadline order. Each shelf is read from
     * {@code after} on; an entry is served only when every shelf that may hold more has been read
     * past it, so no entry is skipped however the reads were cut short.
     */
    public Page list(String agencyId, List<AgencyInbox.Shelf> shelves, String after, int limit) {
        List<AgencyInbox.InboxEntry> all = new ArrayList<>();
        String horizon = null;
        boolean more = false;
        for (AgencyInbox.Shelf shelf : shelves) {
            // One more than a page, so a shelf that fills it certainly has something left.
            AgencyInbox.Slice slice = inbox.read(agencyId, shelf, after, limit + 1);
            all.addAll(slice.entries());
            if (slice.more() && !slice.entries().isEmpty()) {
                more = true;
                String last = slice.entries().get(slice.entries().size() - 1).sortKey();
                horizon = horizon == null || last.compareTo(horizon) < 0 ? last : horizon;
            }
        }
        all.sort(Comparator.comparing(AgencyInbox.InboxEntry::sortKey));
        List<AgencyInbox.InboxEntry> known = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AgencyInbox.InboxEntry e : all) {
            // While an index catches up with a status change a complaint can sit on two shelves.
            if ((horizon == null || e.sortKey().compareTo(horizon) <= 0) && seen.add(e.id())) {
                known.add(e);
            }
        }
        List<AgencyInbox.InboxEntry> page = known.subList(0, Math.min(limit, known.size()));
        boolean hasNext = (more || known.size() > page.size()) && !page.isEmpty();
        return new Page(List.copyOf(page), hasNext ? page.get(page.size() - 1).sortKey() : null);
    }

    /** The complaint and its whole history, when {@code agencyId} is in charge of it. */
    public ComplaintHistory get(String agencyId, String complaintId) {
        return inCharge(agencyId, complaintId);
    }

    /** For administrators, who supervise every agency. */
    public ComplaintHistory getAny(String complaintId) {
        return store.findById(complaintId).orElseThrow(AgencyService::notFound);
    }

    /**
     * Applies an officer's command and records it with a write conditioned on the version read.
     *
     * @param expectedVersion the version the officer saw, or null to act on whatever is current
     * @throws InputError 404 when the agency is not in charge; 409 {@code concurrent_update} when
     *                    the version moved; 409 {@code action_not_allowed}; 400 for bad input
     */
    public Transition act(String agencyId, String officerId, String complaintId, Command command,
                          Integer expectedVersion) {
        Complaint c = inCharge(agencyId, complaintId).complaint();
        if (expectedVersion != null && expectedVersion != c.version()) {
            throw concurrentUpdate("expectedVersion");
        }
        Transition t = lifecycle.apply(c, command, new Actor(Actor.Kind.AGENCY, officerId), clock.instant());
        if (command instanceof Command.Reject r && c.trackingCode().equals(r.duplicateOf())) {
            throw InputError.invalid("duplicate_of_itself", "duplicateOf",
                    "Phản ánh không thể trùng với chính nó.", "A complaint cannot duplicate itself.");
        }
        try {
            store.append(t);
        } catch (ComplaintStore.ConcurrentUpdateException e) {
            throw concurrentUpdate(null);
        }
        return t;
    }

    private ComplaintHistory inCharge(String agencyId, String complaintId) {
        ComplaintHistory h = store.findById(complaintId).orElseThrow(AgencyService::notFound);
        if (h.complaint().handling() == null || !h.complaint().handling().agencyId().equals(agencyId)) {
            throw notFound();
        }
        return h;
    }

    static InputError notFound() {
        return InputError.notFound("not_found", "id",
                "Không tìm thấy phản ánh này trong danh sách của cơ quan.",
                "No such complaint among your agency's complaints.");
    }

    private static InputError concurrentUpdate(String field) {
        return InputError.conflict("concurrent_update", field,
                "Phản ánh vừa được người khác cập nhật. Hãy tải lại rồi thử lại.",
                "Someone else updated this complaint just now. Reload it and try again.");
    }
}
