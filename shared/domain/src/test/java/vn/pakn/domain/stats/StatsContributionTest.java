package vn.pakn.domain.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Status;

class StatsContributionTest {
    private static final Actor SYSTEM = Actor.system("test");
    /** 2026-11-22 23:30 in Hanoi is still the 22nd there, already past 16:30 UTC. */
    private static final Instant T0 = Instant.parse("2026-11-22T16:00:00Z");
    private static final ComplaintFacts FACTS = new ComplaintFacts("road", List.of("ward-1", "prov"), "web", 5);

    private static final Map<String, Status> TO = Map.ofEntries(Map.entry("RECEIVED", Status.RECEIVED),
            Map.entry("ASSIGNED", Status.ASSIGNED), Map.entry("ACKNOWLEDGED", Status.ACKNOWLEDGED),
            Map.entry("STARTED", Status.IN_PROGRESS), Map.entry("INFO_REQUESTED", Status.NEEDS_INFO),
            Map.entry("RESOLVED", Status.RESOLVED), Map.entry("REJECTED", Status.REJECTED),
            Map.entry("TRANSFERRED", Status.ASSIGNED), Map.entry("ESCALATED", Status.ASSIGNED),
            Map.entry("CLOSED", Status.CLOSED), Map.entry("AUTO_CLOSED", Status.CLOSED),
            Map.entry("REOPENED", Status.REOPENED));

    private final List<ComplaintEvent> log = new ArrayList<>();
    private Status current;

    private ComplaintEvent event(String type, Instant at, String agency, Instant dueAt) {
        Status to = TO.getOrDefault(type, current);
        ComplaintEvent e = new ComplaintEvent("c1", log.size() + 1, type, current, to, SYSTEM, at,
                null, null, agency, dueAt);
        current = to;
        log.add(e);
        return e;
    }

    private Contribution next(String type, Instant at, String agency) {
        return next(type, at, agency, null);
    }

    private Contribution next(String type, Instant at, String agency, Instant dueAt) {
        List<ComplaintEvent> earlier = List.copyOf(log);
        return StatsContribution.of(event(type, at, agency, dueAt), earlier, FACTS);
    }

    private static Map<String, Long> at(Contribution c, Grouping g, String key, String period) {
        return c.counters().get(new AggregateKey(g, key, period));
    }

    private static String bucket(String histogram, int upperBoundHours) {
        return DurationHistogram.counter(histogram, DurationHistogram.BOUNDS.indexOf(upperBoundHours));
    }

    @Test
    void received_countsOnceInEveryGroupingForDayAndMonthInHanoiTime() {
        Contribution c = next("RECEIVED", T0.plus(Duration.ofMinutes(59)), null);

        Set<String> pks = c.counters().keySet().stream().map(AggregateKey::pk).collect(Collectors.toSet());
        assertEquals(Set.of("AGG#PROVINCE#ALL", "AGG#CATEGORY#road", "AGG#AREA#ward-1", "AGG#AREA#prov",
                "AGG#CHANNEL#web", "AGG#CATEGORY_AREA#road@ward-1", "AGG#CATEGORY_AREA#road@prov"), pks,
                "no agency before routing; the area and each ancestor, alone and with the category");
        assertEquals(14, c.counters().size());
        assertEquals(Map.of("received", 1L, "openDelta", 1L), at(c, Grouping.AREA, "prov", "DAY#2026-11-22"));
        assertEquals(Map.of("received", 1L, "openDelta", 1L), at(c, Grouping.PROVINCE, "ALL", "MONTH#2026-11"));
        Contribution past = StatsContribution.of(new ComplaintEvent("c2", 1, "RECEIVED", null, Status.RECEIVED, SYSTEM,
                Instant.parse("2026-11-30T17:00:00Z"), null), List.of(), FACTS);
        assertEquals(Map.of("received", 1L, "openDelta", 1L), at(past, Grouping.PROVINCE, "ALL", "MONTH#2026-12"),
                "midnight in Hanoi starts December before UTC does");
    }

    @Test
    void routing_putsTheComplaintInTheAgencysBacklogOnly() {
        next("RECEIVED", T0, null);
        Contribution routed = next("ASSIGNED", T0, "a1");

        assertEquals(Map.of("assigned", 1L, "openDelta", 1L), at(routed, Grouping.AGENCY, "a1", "DAY#2026-11-22"));
        assertEquals(null, at(routed, Grouping.PROVINCE, "ALL", "DAY#2026-11-22"),
                "still open for the province: nothing changes there");
    }

    @Test
    void acknowledgement_measuresFromItsOwnAssignment() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0.plus(Duration.ofHours(10)), "a1");
        Contribution ack = next("ACKNOWLEDGED", T0.plus(Duration.ofHours(15)), "a1");

        assertEquals(Map.of(bucket("ack", 6), 1L), at(ack, Grouping.AGENCY, "a1", "DAY#2026-11-23"), "5 h is in (4, 6]");
    }

    @Test
    void transfer_countsAgainstTheGiverAndMovesTheBacklogWithTheHoldingTime() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1");
        Contribution transfer = next("TRANSFERRED", T0.plus(Duration.ofHours(3)), "a2");
        Contribution escalate = next("ESCALATED", T0.plus(Duration.ofHours(10)), "a3");

        String day = "DAY#2026-11-23";
        assertEquals(Map.of("transferred", 1L, bucket("held", 3), 1L, "openDelta", -1L),
                at(transfer, Grouping.AGENCY, "a1", day));
        assertEquals(Map.of("assigned", 1L, "openDelta", 1L), at(transfer, Grouping.AGENCY, "a2", day));
        assertEquals(Map.of("transferred", 1L), at(transfer, Grouping.PROVINCE, "ALL", day),
                "the province's backlog does not change");
        assertEquals(Map.of("escalated", 1L, bucket("held", 8), 1L, "openDelta", -1L),
                at(escalate, Grouping.AGENCY, "a2", day), "7 h held is in (6, 8]");
        assertEquals(Map.of("assigned", 1L, "openDelta", 1L), at(escalate, Grouping.AGENCY, "a3", day));
    }

    @Test
    void overdueComplaint_entersAndLeavesTheOpenOverdueGauge() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1");
        Contribution overdue = next("OVERDUE", T0.plus(Duration.ofHours(25)), "a1");
        Contribution transfer = next("TRANSFERRED", T0.plus(Duration.ofHours(26)), "a2");
        next("ACKNOWLEDGED", T0.plus(Duration.ofHours(27)), "a2");
        Contribution rejected = next("REJECTED", T0.plus(Duration.ofHours(28)), "a2");

        String day = "DAY#2026-11-24";
        assertEquals(Map.of("overdue", 1L, "openOverdueDelta", 1L), at(overdue, Grouping.CATEGORY, "road", day));
        assertEquals(-1L, at(transfer, Grouping.AGENCY, "a1", day).get("openOverdueDelta"));
        assertEquals(1L, at(transfer, Grouping.AGENCY, "a2", day).get("openOverdueDelta"),
                "the overdue mark travels with the complaint");
        assertEquals(Map.of("rejected", 1L, "openDelta", -1L, "openOverdueDelta", -1L),
                at(rejected, Grouping.PROVINCE, "ALL", day));
        assertEquals(Map.of("rejected", 1L, "openDelta", -1L, "openOverdueDelta", -1L, bucket("held", 2), 1L),
                at(rejected, Grouping.AGENCY, "a2", day));
    }

    @Test
    void resolution_isOnTimeByTheDeadlineTheEventRecorded_andLateCountsAsOverdueOnce() {
        Instant due = T0.plus(Duration.ofHours(48));
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1", due);
        next("ACKNOWLEDGED", T0.plus(Duration.ofHours(1)), "a1", due);
        Contribution onTime = next("RESOLVED", due, "a1", due);
        String day = "DAY#2026-11-24";
        assertEquals(Map.of("resolved", 1L, "onTime", 1L, bucket("resolve", 48), 1L, "openDelta", -1L),
                at(onTime, Grouping.PROVINCE, "ALL", day), "exactly at the deadline is on time");

        log.clear();
        current = null;
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1", due);
        next("ACKNOWLEDGED", T0.plus(Duration.ofHours(1)), "a1", due);
        Contribution late = next("RESOLVED", due.plusSeconds(1), "a1", due);
        assertEquals(Map.of("resolved", 1L, "overdue", 1L, bucket("resolve", 72), 1L, "openDelta", -1L),
                at(late, Grouping.PROVINCE, "ALL", day), "late, and the watch had not marked it yet");
    }

    @Test
    void secondResolutionAndSecondOverdue_doNotCountTheComplaintAgain() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1");
        Contribution overdue1 = next("OVERDUE", T0.plus(Duration.ofHours(25)), "a1");
        next("ACKNOWLEDGED", T0.plus(Duration.ofHours(26)), "a1");
        Contribution resolved1 = next("RESOLVED", T0.plus(Duration.ofHours(30)), "a1");
        Contribution reopened = next("REOPENED", T0.plus(Duration.ofHours(31)), "a1");
        next("ACKNOWLEDGED", T0.plus(Duration.ofHours(32)), "a1");
        Contribution overdue2 = next("OVERDUE", T0.plus(Duration.ofHours(90)), "a1");
        Contribution resolved2 = next("RESOLVED", T0.plus(Duration.ofHours(100)), "a1");

        String day = "DAY#2026-11-24";
        assertEquals(Map.of("overdue", 1L, "openOverdueDelta", 1L), at(overdue1, Grouping.PROVINCE, "ALL", day));
        assertTrue(overdue2.isEmpty());
        assertEquals(Map.of("resolved", 1L, bucket("resolve", 36), 1L, "openDelta", -1L, "openOverdueDelta", -1L),
                at(resolved1, Grouping.PROVINCE, "ALL", day), "30 h since receipt is in (24, 36]");
        assertEquals(Map.of("reopened", 1L, "openDelta", 1L, "openOverdueDelta", 1L),
                at(reopened, Grouping.PROVINCE, "ALL", day));
        assertEquals(Map.of("resolvedAgain", 1L, "openDelta", -1L, "openOverdueDelta", -1L),
                at(resolved2, Grouping.PROVINCE, "ALL", "DAY#2026-11-27"));
        assertEquals(Map.of("resolvedAgain", 1L, "openDelta", -1L, "openOverdueDelta", -1L, bucket("held", 72), 1L),
                at(resolved2, Grouping.AGENCY, "a1", "DAY#2026-11-27"), "held since the reopen: 69 h");
    }

    @Test
    void citizenClosing_countsTheRatingAndWhetherItIsFourOrFive() {
        assertEquals(Map.of("closed", 1L, "ratings", 1L, "ratings45", 1L), closing("CLOSED", FACTS));
        assertEquals(Map.of("closed", 1L, "ratings", 1L), closing("CLOSED", new ComplaintFacts("road", List.of(), "web", 3)));
        assertEquals(Map.of("closed", 1L), closing("AUTO_CLOSED", FACTS), "no rating without the citizen");
    }

    private Map<String, Long> closing(String type, ComplaintFacts facts) {
        log.clear();
        current = null;
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1");
        next("ACKNOWLEDGED", T0, "a1");
        next("RESOLVED", T0, "a1");
        List<ComplaintEvent> earlier = List.copyOf(log);
        return at(StatsContribution.of(event(type, T0, "a1", null), earlier, facts), Grouping.AGENCY, "a1", "DAY#2026-11-22");
    }

    @Test
    void eventsThatChangeNoFigure_contributeNothing() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1");
        next("ACKNOWLEDGED", T0, "a1");
        assertTrue(next("STARTED", T0, "a1").isEmpty());
        assertTrue(next("INFO_REQUESTED", T0, "a1").isEmpty());
    }

    @Test
    void histogram_bucketsAndQuantileUpperBounds() {
        assertEquals(0, DurationHistogram.bucketOf(Duration.ofMinutes(-5)));
        assertEquals(0, DurationHistogram.bucketOf(Duration.ofHours(1)));
        assertEquals(1, DurationHistogram.bucketOf(Duration.ofMinutes(61)));
        assertEquals(DurationHistogram.BOUNDS.size(), DurationHistogram.bucketOf(Duration.ofDays(31)));
        for (int i = 1; i < DurationHistogram.BOUNDS.size(); i++) {
            int lo = DurationHistogram.BOUNDS.get(i - 1);
            int hi = DurationHistogram.BOUNDS.get(i);
            assertTrue(hi - lo <= 1 || hi <= lo * 1.5, "documented error bound holds for (" + lo + ", " + hi + "]");
        }
        long[] counts = new long[DurationHistogram.BOUNDS.size() + 1];
        counts[0] = 5;
        counts[8] = 4;
        counts[DurationHistogram.BOUNDS.size()] = 1;
        assertEquals(1, DurationHistogram.quantileUpperBound(counts, 0.5));
        assertEquals(24, DurationHistogram.quantileUpperBound(counts, 0.9));
        assertEquals(Integer.MAX_VALUE, DurationHistogram.quantileUpperBound(counts, 1.0));
        assertEquals(-1, DurationHistogram.quantileUpperBound(new long[3], 0.5));
    }
}
