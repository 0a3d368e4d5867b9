package vn.pakn.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintStore;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;

/** Complaints in the in-memory store, received and routed as the citizen API and the router do. */
final class Complaints {
    static final Actor ROUTER = Actor.system("router");
    static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "can-bo-01");
    /** Monday 23 November 2026, 09:00 in Hà Nội: a working day. */
    static final Instant MONDAY = ZonedDateTime.of(LocalDateTime.parse("2026-11-23T09:00"),
            java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();

    final InMemoryComplaintStore store = new InMemoryComplaintStore();
    private final Lifecycle lifecycle = new Lifecycle(new FixedReferenceData());

    /** Received in {@code area} and routed to {@code agencyId}. */
    String routed(String category, String area, String agencyId) {
        String id = Ids.newId(MONDAY);
        Complaint c = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area, null,
                "Đèn đường hỏng", List.of(), new Reporter(null, null, null), false, Channel.WEB, MONDAY, MONDAY,
                CitizenSecret.hash("secret"));
        store.put(c, List.of(new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), MONDAY, null)));
        act(id, new Command.Route(agencyId, "rule"), ROUTER);
        return id;
    }

    void act(String id, Command command, Actor actor) {
        store.append(lifecycle.apply(complaint(id), command, actor, MONDAY.plusSeconds(60)));
    }

    Complaint complaint(String id) {
        return history(id).complaint();
    }

    ComplaintHistory history(String id) {
        return store.findById(id).orElseThrow();
    }

    List<ComplaintEvent> transfers(String id) {
        return history(id).events().stream().filter(e -> e.type().equals("TRANSFERRED")).toList();
    }
}
