package vn.pakn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.ReferenceAdminStore;
import vn.pakn.domain.reference.RoutingRule;

/**
 * Re-routing decisions on the small province of {@link FixedReferenceData}: communes 24-kinh-bac
 * and 24-tu-son, each with its People's Committee taking noise; roads go to the province's
 * construction department; anything else to triage.
 */
class BoundaryReroutingTest {
    private static final String MERGE = "area 24-kinh-bac merged into 24-tu-son";
    private final Complaints complaints = new Complaints();
    private final InMemoryReferenceAdmin reference = InMemoryReferenceAdmin.of(new FixedReferenceData());
    private final InMemoryOpenComplaints index = new InMemoryOpenComplaints(complaints.store);
    private final BoundaryRerouting rerouting = new BoundaryRerouting(complaints.store, index,
            Clock.fixed(Complaints.MONDAY.plusSeconds(3600), ZoneOffset.UTC), Duration.ofSeconds(20));

    /** What merging 24-kinh-bac into 24-tu-son writes: its noise rule goes, it moves under 24-tu-son. */
    private ReferenceAdminStore.Snapshot mergeKinhBacIntoTuSon() {
        reference.rules.remove("noise#24-kinh-bac");
        reference.areas.put("24-kinh-bac", new ReferenceAdminStore.AreaEntry(new Area("24-kinh-bac",
                "Phường Kinh Bắc", "commune", "24-tu-son", null, null), "24-tu-son"));
        return reference.load();
    }

    private BoundaryRerouting.Summary rerouteMerge(ReferenceAdminStore.Snapshot after) {
        return rerouting.reroute(new BoundaryRerouting.Change(MERGE, after.subtree("24-tu-son"), Set.of("24-kinh-bac")),
                after);
    }

    @Test
    void merge_movesEachOpenComplaintOfTheMergedArea_toTheTargetsAgency_withOneSystemTransfer() {
        String assigned = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        String acknowledged = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        complaints.act(acknowledged, new Command.Acknowledge(null), Complaints.OFFICER);
        String waiting = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        complaints.act(waiting, new Command.Acknowledge(null), Complaints.OFFICER);
        complaints.act(waiting, new Command.RequestInfo("Số nhà cụ thể?"), Complaints.OFFICER);

        BoundaryRerouting.Summary summary = rerouteMerge(mergeKinhBacIntoTuSon());

        assertEquals(3, summary.rerouted());
        assertEquals(0, summary.unchanged());
        assertTrue(summary.failed().isEmpty());
        assertTrue(summary.complete());
        for (String id : List.of(assigned, acknowledged, waiting)) {
            List<ComplaintEvent> transfers = complaints.transfers(id);
            assertEquals(1, transfers.size());
            ComplaintEvent t = transfers.get(0);
            assertEquals("boundary-change: " + MERGE, t.note());
            assertEquals(Actor.system("boundary-change"), t.actor());
            assertEquals("ubnd-tu-son", t.agencyId());
            assertEquals(Status.ASSIGNED, complaints.complaint(id).status());
            assertEquals("ubnd-tu-son", complaints.complaint(id).handling().agencyId());
            assertEquals(1, complaints.complaint(id).handling().transfers());
            assertEquals("24-kinh-bac", complaints.complaint(id).areaCode(), "the citizen's area is history, kept");
        }
        assertEquals(3, complaints.store.assignments.stream().filter(a -> a.getKey().equals("ubnd-tu-son")).count(),
                "each new agency hears of each complaint once");
    }

    @Test
    void repeatedChange_movesNothing() {
        String id = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        ReferenceAdminStore.Snapshot after = mergeKinhBacIntoTuSon();
        assertEquals(1, rerouteMerge(after).rerouted());
        int events = complaints.history(id).events().size();

        BoundaryRerouting.Summary again = rerouteMerge(after);

        assertEquals(0, again.rerouted());
        assertEquals(1, again.unchanged());
        assertEquals(events, complaints.history(id).events().size());
        assertEquals(1, complaints.transfers(id).size());
    }

    @Test
    void complaintsAlreadyWithTheAgencyTheRulesPick_areUnchanged() {
        String roads = complaints.routed("roads", "24-kinh-bac", "so-xay-dung");
        String neighbour = complaints.routed("noise", "24-tu-son", "ubnd-tu-son");

        BoundaryRerouting.Summary summary = rerouteMerge(mergeKinhBacIntoTuSon());

        assertEquals(0, summary.rerouted());
        assertEquals(2, summary.unchanged());
        assertEquals(0, complaints.transfers(roads).size());
        assertEquals(0, complaints.transfers(neighbour).size());
    }

    @Test
    void finishedComplaints_andComplaintsOutsideTheChangedAreas_areNotTouched() {
        String resolved = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        complaints.act(resolved, new Command.Acknowledge(null), Complaints.OFFICER);
        complaints.act(resolved, new Command.Resolve("Đã xử lý"), Complaints.OFFICER);
        String elsewhere = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        ReferenceAdminStore.Snapshot after = mergeKinhBacIntoTuSon();

        // A change that concerns 24-tu-son alone (say, it moved): 24-kinh-bac is not part of it.
        BoundaryRerouting.Summary summary = rerouting.reroute(new BoundaryRerouting.Change("area 24-tu-son moved",
                Set.of("24-tu-son"), Set.of()), after);

        assertEquals(0, summary.rerouted() + summary.unchanged() + summary.failed().size());
        assertEquals(0, complaints.transfers(resolved).size());
        assertEquals(0, complaints.transfers(elsewhere).size());
        assertEquals(Status.RESOLVED, complaints.complaint(resolved).status());
    }

    @Test
    void anOfficersTransfer_andAnEscalation_stand() {
        // The committee passed it to the construction department: a judgement about the complaint.
        String transferred = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        complaints.act(transferred, new Command.Transfer("so-xay-dung", "Công trình xây dựng gây ồn"),
                Complaints.OFFICER);
        String escalated = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        complaints.act(escalated, new Command.Escalate("overdue"), Actor.system("deadline-watch"));

        BoundaryRerouting.Summary summary = rerouteMerge(mergeKinhBacIntoTuSon());

        assertEquals(0, summary.rerouted());
        assertEquals(2, summary.unchanged());
        assertEquals(2, summary.keptByDecision());
        assertEquals("so-xay-dung", complaints.complaint(transferred).handling().agencyId());
        assertEquals("triage", complaints.complaint(escalated).handling().agencyId());
    }

    @Test
    void anOfficersTransferToTheMergedAreasCommittee_isRedone_byTheRules() {
        // Chosen for the place, and the place now belongs to another commune.
        String id = complaints.routed("roads", "24-kinh-bac", "so-xay-dung");
        complaints.act(id, new Command.Transfer("ubnd-kinh-bac", "Việc của phường"), Complaints.OFFICER);

        BoundaryRerouting.Summary summary = rerouteMerge(mergeKinhBacIntoTuSon());

        assertEquals(1, summary.rerouted());
        assertEquals("so-xay-dung", complaints.complaint(id).handling().agencyId());
        assertEquals(2, complaints.complaint(id).handling().transfers());
    }

    @Test
    void reparenting_movesComplaintsTheNewAncestorsRulesNowTake() {
        // 24-tu-son gains a sub-area, which then moves under 24-kinh-bac.
        reference.addArea(new Area("24-tu-son-1", "Khu phố 1", "quarter", "24-tu-son", null, null));
        String id = complaints.routed("noise", "24-tu-son-1", "ubnd-tu-son");
        reference.areas.put("24-tu-son-1", new ReferenceAdminStore.AreaEntry(new Area("24-tu-son-1", "Khu phố 1",
                "quarter", "24-kinh-bac", null, null), null));
        ReferenceAdminStore.Snapshot after = reference.load();

        BoundaryRerouting.Summary summary = rerouting.reroute(new BoundaryRerouting.Change(
                "area 24-tu-son-1 moved from 24-tu-son to 24-kinh-bac", after.subtree("24-tu-son-1"), Set.of()), after);

        assertEquals(1, summary.rerouted());
        assertEquals("ubnd-kinh-bac", complaints.complaint(id).handling().agencyId());
        assertEquals("boundary-change: area 24-tu-son-1 moved from 24-tu-son to 24-kinh-bac",
                complaints.transfers(id).get(0).note());
    }

    @Test
    void aComplaintNoRuleRoutes_isReportedAsFailed_andLeftAlone() {
        String id = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        reference.rules.remove("*#24");
        reference.rules.remove("noise#24-tu-son");

        BoundaryRerouting.Summary summary = rerouteMerge(mergeKinhBacIntoTuSon());

        assertEquals(0, summary.rerouted());
        assertEquals(1, summary.failed().size());
        BoundaryRerouting.Failure failure = summary.failed().get(0);
        assertEquals(id, failure.complaintId());
        assertEquals(complaints.complaint(id).trackingCode(), failure.trackingCode());
        assertEquals("no_route", failure.code());
        assertEquals("ubnd-kinh-bac", complaints.complaint(id).handling().agencyId());
    }

    @Test
    void aLostRace_reReadsTheComplaint_andDecidesAgain() {
        String id = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        // An officer acknowledges between our read and our write.
        ComplaintStore racing = new ComplaintStore() {
            boolean raced;

            @Override
            public Optional<ComplaintHistory> findById(String complaintId) {
                return complaints.store.findById(complaintId);
            }

            @Override
            public void append(Transition t) {
                if (!raced) {
                    raced = true;
                    complaints.act(id, new Command.Acknowledge(null), Complaints.OFFICER);
                }
                complaints.store.append(t);
            }
        };
        BoundaryRerouting raced = new BoundaryRerouting(racing, index,
                Clock.fixed(Complaints.MONDAY.plusSeconds(3600), ZoneOffset.UTC), Duration.ofSeconds(20));
        ReferenceAdminStore.Snapshot after = mergeKinhBacIntoTuSon();

        BoundaryRerouting.Summary summary = raced.reroute(new BoundaryRerouting.Change(MERGE,
                after.subtree("24-tu-son"), Set.of("24-kinh-bac")), after);

        assertEquals(1, summary.rerouted());
        List<ComplaintEvent> events = complaints.history(id).events();
        assertEquals("ACKNOWLEDGED", events.get(events.size() - 2).type(), "the officer's action stands");
        assertEquals("TRANSFERRED", events.get(events.size() - 1).type());
        assertEquals(1, complaints.transfers(id).size());
    }

    @Test
    void outOfTime_stopsAndReportsWhatRemains_andARepeatFinishes() {
        for (int i = 0; i < 4; i++) {
            complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        }
        // Every reading of the clock takes five seconds: a budget of twelve runs out part-way.
        Clock slow = new Clock() {
            private Instant now = Complaints.MONDAY.plusSeconds(3600);

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant t = now;
                now = now.plusSeconds(5);
                return t;
            }
        };
        BoundaryRerouting hurried = new BoundaryRerouting(complaints.store, index, slow, Duration.ofSeconds(12));
        ReferenceAdminStore.Snapshot after = mergeKinhBacIntoTuSon();
        BoundaryRerouting.Change change = new BoundaryRerouting.Change(MERGE, after.subtree("24-tu-son"),
                Set.of("24-kinh-bac"));

        BoundaryRerouting.Summary first = hurried.reroute(change, after);
        assertFalse(first.complete());
        assertTrue(first.rerouted() >= 1 && first.remaining() >= 1, first.toString());
        assertEquals(4, first.rerouted() + first.remaining());

        BoundaryRerouting.Summary rest = rerouting.reroute(change, after);
        assertTrue(rest.complete());
        assertEquals(first.remaining(), rest.rerouted());
    }

    @Test
    void openComplaints_areFoundThroughEachAgencysInbox_perOpenStatus() {
        complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        ReferenceAdminStore.Snapshot after = mergeKinhBacIntoTuSon();
        rerouteMerge(after);
        assertEquals(after.agencies().size() * 5, index.queries,
                "ASSIGNED, ACKNOWLEDGED, IN_PROGRESS, NEEDS_INFO and REOPENED of every agency, nothing else");
        assertEquals(List.of(Status.ASSIGNED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.NEEDS_INFO,
                Status.REOPENED), BoundaryRerouting.OPEN);
    }

    @Test
    void aDisabledAgencysRules_arePassedOver() {
        String id = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        mergeKinhBacIntoTuSon();
        reference.disable("ubnd-tu-son");
        ReferenceAdminStore.Snapshot after = reference.load();
        assertEquals("ubnd-tu-son", after.rule("noise", "24-tu-son").map(RoutingRule::agencyId).orElseThrow());

        BoundaryRerouting.Summary summary = rerouteMerge(after);

        assertEquals(1, summary.rerouted());
        assertEquals("triage", complaints.complaint(id).handling().agencyId(), "the province default takes it");
    }
}
