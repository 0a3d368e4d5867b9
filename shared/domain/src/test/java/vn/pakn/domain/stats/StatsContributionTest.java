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

    private final List<ComplaintEvent> log = new ArrayList<>();

    private ComplaintEvent event(String type, Instant at, String agency) {
        ComplaintEvent e = new ComplaintEvent("c1", log.size() + 1, type, Status.RECEIVED, Status.ASSIGNED, SYSTEM, at,
                null, null, agency);
        log.add(e);
        return e;
    }

    private Contribution next(String type, Instant at, String agency) {
        List<ComplaintEvent> earlier = List.copyOf(log);
        return StatsContribution.of(event(type, at, agency), earlier, FACTS);
    }

    private static Map<String, Long> at(Contribution c, Grouping g, String key, String period) {
        return c.counters().get(new AggregateKey(g, key, period));
    }

    @Test
    void received_countsOnceInEveryGroupingForDayAndMonthInHanoiTime() {
        Contribution c = next("RECEIVED", T0.plus(Duration.ofMinutes(59)), null);

        Set<String> pks = c.counters().keySet().stream().map(AggregateKey::pk).collect(Collectors.toSet());
        assertEquals(Set.of("AGG#PROVINCE#ALL", "AGG#CATEGORY#road", "AGG#AREA#ward-1", "AGG#AREA#prov",
                "AGG#CHANNEL#web"), pks, "no agency before routing; the area and each ancestor");
        assertEquals(10, c.counters().size());
        assertEquals(Map.of("received", 1L), at(c, Grouping.AREA, "prov", "DAY#2026-11-22"));
        assertEquals(Map.of("received", 1L), at(c, Grouping.PROVINCE, "ALL", "MONTH#2026-11"));
        Contribution past = StatsContribution.of(new ComplaintEvent("c2", 1, "RECEIVED", null, Status.RECEIVED, SYSTEM,
                Instant.parse("2026-11-30T17:00:00Z"), null), List.of(), FACTS);
        assertEquals(Map.of("received", 1L), at(past, Grouping.PROVINCE, "ALL", "MONTH#2026-12"),
                "midnight in Hanoi starts December before UTC does");
    }

    @Test
    void acknowledgement_measuresFromItsOwnAssignment() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0.plus(Duration.ofHours(10)), "a1");
        Contribution ack = next("ACKNOWLEDGED", T0.plus(Duration.ofHours(15)), "a1");

        String bucket = DurationHistogram.counter("ack", DurationHistogram.BOUNDS.indexOf(6));
        assertEquals(Map.of(bucket, 1L), at(ack, Grouping.AGENCY, "a1", "DAY#2026-11-23"), "5 h is in (4, 6]");
    }

    @Test
    void transferAndEscalation_countAgainstTheAgencyThatGaveItAway() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1");
        Contribution transfer = next("TRANSFERRED", T0, "a2");
        Contribution escalate = next("ESCALATED", T0, "a3");

        assertEquals(Map.of("transferred", 1L), at(transfer, Grouping.AGENCY, "a1", "DAY#2026-11-22"));
        assertTrue(transfer.counters().keySet().stream().noneMatch(k -> k.key().equals("a2")));
        assertEquals(Map.of("escalated", 1L), at(escalate, Grouping.AGENCY, "a2", "DAY#2026-11-22"));
    }

    @Test
    void secondResolutionAndSecondOverdue_doNotCountTheComplaintAgain() {
        next("RECEIVED", T0, null);
        next("ASSIGNED", T0, "a1");
        Contribution overdue1 = next("OVERDUE", T0.plus(Duration.ofHours(25)), "a1");
        next("ACKNOWLEDGED", T0.plus(Duration.ofHours(26)), "a1");
        Contribution resolved1 = next("RESOLVED", T0.plus(Duration.ofHours(30)), "a1");
        Contribution reopened = next("REOPENED", T0.plus(Duration.ofHours(31)), "a1");
        Contribution overdue2 = next("OVERDUE", T0.plus(Duration.ofHours(90)), "a1");
        Contribution resolved2 = next("RESOLVED", T0.plus(Duration.ofHours(100)), "a1");

        String day = "DAY#2026-11-24";
        assertEquals(Map.of("overdue", 1L), at(overdue1, Grouping.PROVINCE, "ALL", day));
        assertTrue(overdue2.isEmpty());
        assertEquals(Map.of("resolved", 1L, "resolveH_" + String.format("%02d", DurationHistogram.BOUNDS.indexOf(36)), 1L),
                at(resolved1, Grouping.PROVINCE, "ALL", day), "30 h since receipt is in (24, 36]");
        assertEquals(Map.of("reopened", 1L), at(reopened, Grouping.PROVINCE, "ALL", day));
        assertEquals(Map.of("resolvedAgain", 1L), at(resolved2, Grouping.PROVINCE, "ALL", "DAY#2026-11-27"));
    }

    @Test
    void citizenClosing_countsTheRatingAndWhetherItIsFourOrFive() {
        Contribution five = StatsContribution.of(new ComplaintEvent("c1", 9, "CLOSED", Status.RESOLVED, Status.CLOSED,
                SYSTEM, T0, null, null, "a1"), List.of(), FACTS);
        Contribution three = StatsContribution.of(new ComplaintEvent("c1", 9, "CLOSED", Status.RESOLVED, Status.CLOSED,
                SYSTEM, T0, null, null, "a1"), List.of(), new ComplaintFacts("road", List.of(), "web", 3));
        Contribution auto = StatsContribution.of(new ComplaintEvent("c1", 9, "AUTO_CLOSED", Status.RESOLVED,
                Status.CLOSED, SYSTEM, T0, null, null, "a1"), List.of(), FACTS);

        assertEquals(Map.of("closed", 1L, "ratings", 1L, "ratings45", 1L), at(five, Grouping.AGENCY, "a1", "DAY#2026-11-22"));
        assertEquals(Map.of("closed", 1L, "ratings", 1L), at(three, Grouping.AGENCY, "a1", "DAY#2026-11-22"));
        assertEquals(Map.of("closed", 1L), at(auto, Grouping.AGENCY, "a1", "DAY#2026-11-22"), "no rating without the citizen");
    }

    @Test
    void eventsThatChangeNoFigure_contributeNothing() {
        next("RECEIVED", T0, null);
        assertTrue(next("ASSIGNED", T0, "a1").isEmpty());
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
