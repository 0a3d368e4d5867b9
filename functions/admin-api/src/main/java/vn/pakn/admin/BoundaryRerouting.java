package vn.pakn.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.Action;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.routing.Routing;

/**
 * After a boundary change (areas merged or re-parented), hands each open complaint of the affected
 * areas to the agency the rules now pick, as a TRANSFERRED event by the system, so the new agency
 * gets the assignment on its queue, the deadlines restart and the transfer is counted.
 *
 * <p>The rules decide, with one exception: an agency a person chose (an officer's transfer) or an
 * escalation put in charge keeps the complaint, because that choice was about the complaint, not
 * about the map; unless that agency serves an area that was merged away, since then the choice
 * named an office that no longer covers the place. Every decision is taken from the complaint as
 * stored, so running the same change twice moves nothing the second time, and a lost race re-reads
 * the complaint and decides again.
 */
public final class BoundaryRerouting {
    public static final Actor ACTOR = Actor.system("boundary-change");
    /** Starts the transfer reason (the event's public note), followed by what changed. */
    public static final String REASON_PREFIX = "boundary-change: ";
    /** Routed and not finished: exactly the statuses a complaint can be transferred from. */
    static final List<Status> OPEN = Arrays.stream(Status.values()).filter(Action.TRANSFER::allowedFrom).toList();
    /** Each lost race means someone else moved the complaint on; a few in a row means give up for now. */
    private static final int MAX_RACES = 5;

    /**
     * @param description  what changed, in the reason: e.g. {@code area 24-a merged into 24-b}
     * @param areas        the areas whose complaints may route differently now
     * @param retiredAreas areas merged away by this change: agencies serving them lose their complaints
     */
    public record Change(String description, Set<String> areas, Set<String> retiredAreas) {
        public Change {
            areas = Set.copyOf(areas);
            retiredAreas = Set.copyOf(retiredAreas);
        }
    }

    /** A complaint that could not be moved; the reason names ids and codes only. */
    public record Failure(String complaintId, String trackingCode, String code, String reason) {
    }

    /**
     * @param unchanged      looked at and left where it is (already right, kept by decision, or closed meanwhile)
     * @param keptByDecision of {@code unchanged}: the rules would move them, a person's choice keeps them
     * @param remaining      not looked at because time ran out; repeating the request continues
     */
    public record Summary(int rerouted, int unchanged, int keptByDecision, List<Failure> failed, int remaining) {
        public Summary {
            failed = List.copyOf(failed);
        }

        public boolean complete() {
            return remaining == 0;
        }
    }

    /** What one complaint needs. */
    sealed interface Decision {
        record Stay(boolean byDecision) implements Decision {
        }

        record Move(String agencyId) implements Decision {
        }

        record Fail(String code, String reason) implements Decision {
        }
    }

    private final ComplaintStore store;
    private final OpenComplaints index;
    private final Clock clock;
    private final Duration budget;

    /** @param budget how long one call may work; the rest is left for a repeated request */
    public BoundaryRerouting(ComplaintStore store, OpenComplaints index, Clock clock, Duration budget) {
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.budget = budget;
    }

    /** @param after the reference data with the change applied, read fresh */
    public Summary reroute(Change change, ReferenceData after) {
        Instant stopAt = clock.instant().plus(budget);
        Routing routing = new Routing(after);
        Lifecycle lifecycle = new Lifecycle(after);
        // The inbox index, agency by agency and status by status: the table is never scanned.
        Set<String> candidates = new LinkedHashSet<>();
        for (Agency agency : after.agencies()) {
            for (Status status : OPEN) {
                for (OpenComplaints.Entry e : index.inInbox(agency.id(), status)) {
                    if (e.areaCode() != null && change.areas().contains(e.areaCode())) {
                        candidates.add(e.complaintId());
                    }
                }
            }
        }
        int rerouted = 0;
        int unchanged = 0;
        int kept = 0;
        int done = 0;
        List<Failure> failed = new ArrayList<>();
        for (String id : candidates) {
            if (clock.instant().isAfter(stopAt)) {
                break;
            }
            done++;
            Outcome outcome = settle(id, change, after, routing, lifecycle);
            if (outcome.failure() != null) {
                failed.add(outcome.failure());
            } else if (outcome.moved()) {
                rerouted++;
            } else {
                unchanged++;
                kept += outcome.keptByDecision() ? 1 : 0;
            }
        }
        Summary summary = new Summary(rerouted, unchanged, kept, failed, candidates.size() - done);
        Log.info("boundary.rerouting.done", "candidates", candidates.size(), "rerouted", rerouted,
                "unchanged", unchanged, "keptByDecision", kept, "failed", failed.size(),
                "remaining", summary.remaining());
        return summary;
    }

    private record Outcome(boolean moved, boolean keptByDecision, Failure failure) {
    }

    private Outcome settle(String complaintId, Change change, ReferenceData after, Routing routing,
                           Lifecycle lifecycle) {
        String trackingCode = null;
        try {
            ComplaintHistory history = store.findById(complaintId).orElse(null);
            int races = 0;
            while (history != null) {
                Complaint c = history.complaint();
                trackingCode = c.trackingCode();
                Decision decision = decide(history, change, after, routing);
                if (decision instanceof Decision.Stay stay) {
                    return new Outcome(false, stay.byDecision(), null);
                }
                if (decision instanceof Decision.Fail fail) {
                    Log.warn("boundary.reroute.impossible", "complaintId", complaintId, "code", fail.code());
                    return new Outcome(false, false, new Failure(complaintId, trackingCode, fail.code(), fail.reason()));
                }
                String to = ((Decision.Move) decision).agencyId();
                Transition t = lifecycle.apply(c, new Command.Transfer(to, REASON_PREFIX + change.description()),
                        ACTOR, clock.instant());
                try {
                    store.append(t);
                } catch (ComplaintStore.ConcurrentUpdateException e) {
                    if (++races >= MAX_RACES) {
                        return new Outcome(false, false, new Failure(complaintId, trackingCode, "concurrent_update",
                                "The complaint kept changing; repeat the request."));
                    }
                    history = store.findById(complaintId).orElse(null);
                    continue;
                }
                Log.info("boundary.rerouted", "complaintId", complaintId, "fromAgencyId", c.handling().agencyId(),
                        "toAgencyId", to, "seq", t.event().seq());
                return new Outcome(true, false, null);
            }
            return new Outcome(false, false, null);
        } catch (InputError e) {
            // The lifecycle refused the transfer (e.g. the agency was disabled meanwhile).
            Log.warn("boundary.reroute.refused", "complaintId", complaintId, "code", e.code());
            return new Outcome(false, false, new Failure(complaintId, trackingCode, e.code(), e.text().en()));
        } catch (RuntimeException e) {
            // One complaint must not hold back the others; a repeated request tries it again.
            Log.error("boundary.reroute.failed", e, "complaintId", complaintId);
            return new Outcome(false, false, new Failure(complaintId, trackingCode, "error",
                    "Unexpected error; repeat the request."));
        }
    }

    /** Decided from the complaint as stored and the reference data after the change, nothing else. */
    static Decision decide(ComplaintHistory history, Change change, ReferenceData after, Routing routing) {
        Complaint c = history.complaint();
        Handling h = c.handling();
        if (h == null || !Action.TRANSFER.allowedFrom(c.status())) {
            return new Decision.Stay(false); // closed or finished since the index listed it
        }
        if (c.areaCode() == null || !change.areas().contains(c.areaCode())) {
            return new Decision.Stay(false);
        }
        Optional<Routing.Decision> route = routing.route(c.categoryCode(), c.areaCode());
        if (route.isEmpty()) {
            return new Decision.Fail("no_route", "No rule routes category " + c.categoryCode() + " in area "
                    + c.areaCode() + " to an enabled agency.");
        }
        String target = route.get().agency().id();
        if (target.equals(h.agencyId())) {
            return new Decision.Stay(false);
        }
        if (chosenByDecision(history) && !servesRetiredArea(h.agencyId(), change, after)) {
            return new Decision.Stay(true);
        }
        return new Decision.Move(target);
    }

    /** The agency in charge came from an officer's transfer or an escalation, not from the rules. */
    static boolean chosenByDecision(ComplaintHistory history) {
        List<ComplaintEvent> events = history.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            ComplaintEvent e = events.get(i);
            if (e.type().equals(Action.ESCALATE.eventType())) {
                return true;
            }
            if (e.type().equals(Action.TRANSFER.eventType())) {
                return e.actor().kind() != Actor.Kind.SYSTEM;
            }
            if (e.type().equals(Action.ROUTE.eventType())) {
                return false;
            }
        }
        return false;
    }

    private static boolean servesRetiredArea(String agencyId, Change change, ReferenceData after) {
        return after.agency(agencyId).map(a -> change.retiredAreas().contains(a.areaCode())).orElse(false);
    }
}
