package vn.pakn.domain.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.lifecycle.Action;

/**
 * Decides what one event adds to the open statistics. Pure: the same event, earlier events and
 * facts always give the same contribution, which is what lets a redelivered event be recognised
 * and skipped, and lets a reconciliation recompute every aggregate from the event log.
 *
 * <p>Flows (docs/statistics.md): {@code received}; {@code resolved} on a complaint's first
 * RESOLVED (later ones, after a reopen, count {@code resolvedAgain}) with {@code onTime} when it
 * came by the deadline the event recorded and the hours since receipt in the {@code resolve}
 * histogram; {@code rejected}, {@code closed}, {@code reopened}, {@code transferred},
 * {@code escalated}; {@code overdue} the first time a complaint misses a deadline (an OVERDUE
 * event, or a resolution after its deadline before the watch noticed), so it counts complaints;
 * {@code ratings} and {@code ratings45}; every acknowledgement puts the hours since its own
 * assignment in the {@code ack} histogram.
 *
 * <p>Per agency besides: {@code assigned} when a complaint arrives (route, transfer, escalation),
 * and the hours it held the complaint in the {@code held} histogram when it lets go (transfer,
 * escalation, resolution, rejection). Transfers and escalations count against the agency that
 * gave the complaint away.
 *
 * <p>Gauges: {@code openDelta} and {@code openOverdueDelta} change the open backlog and the open
 * complaints that missed a deadline; a gauge as of a day is the sum of every delta up to it, which
 * the daily snapshots keep. For an agency a complaint is in its backlog while it is open and in
 * its hands, so a transfer moves it from one agency's backlog to the other's.
 */
public final class StatsContribution {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public static final String RECEIVED = "received";
    public static final String RESOLVED = "resolved";
    public static final String RESOLVED_AGAIN = "resolvedAgain";
    public static final String ON_TIME = "onTime";
    public static final String REJECTED = "rejected";
    public static final String CLOSED = "closed";
    public static final String REOPENED = "reopened";
    public static final String TRANSFERRED = "transferred";
    public static final String ESCALATED = "escalated";
    public static final String OVERDUE = "overdue";
    public static final String RATINGS = "ratings";
    public static final String RATINGS_4_5 = "ratings45";
    public static final String ASSIGNED = "assigned";
    public static final String OPEN_DELTA = "openDelta";
    public static final String OPEN_OVERDUE_DELTA = "openOverdueDelta";
    public static final String ACK = "ack";
    public static final String RESOLVE = "resolve";
    public static final String HELD = "held";

    private static final Set<String> ASSIGNING = Set.of(Action.ROUTE.eventType(), Action.TRANSFER.eventType(),
            Action.ESCALATE.eventType(), Action.REOPEN.eventType());
    private static final Set<String> HANDOVER = Set.of(Action.TRANSFER.eventType(), Action.ESCALATE.eventType());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private StatsContribution() {
    }

    /**
     * @param earlier the complaint's events before {@code event}, in sequence order (at least those
     *                the definitions look back at: all of them is always right)
     */
    public static Contribution of(ComplaintEvent event, List<ComplaintEvent> earlier, ComplaintFacts facts) {
        Map<String, Long> complaint = complaintCounters(event, earlier, facts);
        String before = agencyBefore(earlier);
        String after = event.agencyId() != null ? event.agencyId() : before;
        Map<String, Map<String, Long>> agencies = new LinkedHashMap<>();
        if (Objects.equals(before, after)) {
            if (after != null) {
                Map<String, Long> same = new LinkedHashMap<>(complaint);
                if (isLettingGo(event)) {
                    putHeld(same, event, earlier);
                }
                agencies.put(after, same);
            }
        } else {
            if (before != null) {
                Map<String, Long> giver = new LinkedHashMap<>();
                copy(complaint, giver, TRANSFERRED, ESCALATED);
                putHeld(giver, event, earlier);
                put(giver, OPEN_DELTA, -gauge(openBefore(event)));
                put(giver, OPEN_OVERDUE_DELTA, -gauge(openBefore(event) && overdueBefore(earlier)));
                agencies.put(before, giver);
            }
            Map<String, Long> taker = new LinkedHashMap<>(complaint);
            taker.remove(TRANSFERRED);
            taker.remove(ESCALATED);
            taker.remove(OPEN_DELTA);
            taker.remove(OPEN_OVERDUE_DELTA);
            put(taker, ASSIGNED, 1);
            put(taker, OPEN_DELTA, gauge(event.to().isOpen()));
            put(taker, OPEN_OVERDUE_DELTA, gauge(event.to().isOpen() && overdueAfter(event, earlier)));
            agencies.put(after, taker);
        }

        Map<AggregateKey, Map<String, Long>> out = new LinkedHashMap<>();
        ZonedDateTime local = event.at().atZone(ZONE);
        List<String> periods = List.of(dayPeriod(local.toLocalDate()), "MONTH#" + MONTH.format(local));
        for (String period : periods) {
            if (!complaint.isEmpty()) {
                for (Map.Entry<Grouping, String> g : complaintGroupings(facts)) {
                    out.put(new AggregateKey(g.getKey(), g.getValue(), period), complaint);
                }
            }
            for (Map.Entry<String, Map<String, Long>> a : agencies.entrySet()) {
                if (!a.getValue().isEmpty()) {
                    out.put(new AggregateKey(Grouping.AGENCY, a.getKey(), period), a.getValue());
                }
            }
        }
        return new Contribution(event.complaintId(), event.seq(), out);
    }

    public static String dayPeriod(LocalDate day) {
        return "DAY#" + DAY.format(day);
    }

    public static String monthPeriod(LocalDate anyDayOfMonth) {
        return "MONTH#" + MONTH.format(anyDayOfMonth);
    }

    private static Map<String, Long> complaintCounters(ComplaintEvent e, List<ComplaintEvent> earlier,
                                                       ComplaintFacts facts) {
        Map<String, Long> c = new LinkedHashMap<>();
        String type = e.type();
        if (ComplaintEvent.RECEIVED.equals(type)) {
            put(c, RECEIVED, 1);
        } else if (Action.ACKNOWLEDGE.eventType().equals(type)) {
            Instant assigned = lastOf(earlier, ASSIGNING);
            if (assigned != null) {
                put(c, DurationHistogram.counter(ACK, DurationHistogram.bucketOf(Duration.between(assigned, e.at()))), 1);
            }
        } else if (Action.RESOLVE.eventType().equals(type)) {
            if (lastOf(earlier, Set.of(type)) == null) {
                put(c, RESOLVED, 1);
                if (e.dueAt() != null && !e.at().isAfter(e.dueAt())) {
                    put(c, ON_TIME, 1);
                }
                Instant received = lastOf(earlier, Set.of(ComplaintEvent.RECEIVED));
                if (received != null) {
                    put(c, DurationHistogram.counter(RESOLVE, DurationHistogram.bucketOf(Duration.between(received, e.at()))), 1);
                }
            } else {
                put(c, RESOLVED_AGAIN, 1);
            }
        } else if (Action.REJECT.eventType().equals(type)) {
            put(c, REJECTED, 1);
        } else if (Action.CONFIRM.eventType().equals(type)) {
            put(c, CLOSED, 1);
            if (facts.rating() != null) {
                put(c, RATINGS, 1);
                if (facts.rating() >= 4) {
                    put(c, RATINGS_4_5, 1);
                }
            }
        } else if (Action.AUTO_CLOSE.eventType().equals(type)) {
            put(c, CLOSED, 1);
        } else if (Action.REOPEN.eventType().equals(type)) {
            put(c, REOPENED, 1);
        } else if (Action.TRANSFER.eventType().equals(type)) {
            put(c, TRANSFERRED, 1);
        } else if (Action.ESCALATE.eventType().equals(type)) {
            put(c, ESCALATED, 1);
        }
        if (missesDeadline(e) && !overdueBefore(earlier)) {
            put(c, OVERDUE, 1);
        }
        put(c, OPEN_DELTA, gauge(e.to().isOpen()) - gauge(openBefore(e)));
        put(c, OPEN_OVERDUE_DELTA, gauge(e.to().isOpen() && overdueAfter(e, earlier))
                - gauge(openBefore(e) && overdueBefore(earlier)));
        return c;
    }

    private static List<Map.Entry<Grouping, String>> complaintGroupings(ComplaintFacts facts) {
        List<Map.Entry<Grouping, String>> g = new ArrayList<>();
        g.add(Map.entry(Grouping.PROVINCE, Grouping.ALL));
        if (facts.category() != null) {
            g.add(Map.entry(Grouping.CATEGORY, facts.category()));
        }
        for (String area : facts.areaPath()) {
            g.add(Map.entry(Grouping.AREA, area));
        }
        if (facts.channel() != null) {
            g.add(Map.entry(Grouping.CHANNEL, facts.channel()));
        }
        if (facts.category() != null) {
            for (String area : facts.areaPath()) {
                g.add(Map.entry(Grouping.CATEGORY_AREA, Grouping.categoryArea(facts.category(), area)));
            }
        }
        return g;
    }

    /** An OVERDUE event, or a resolution after the deadline it recorded. */
    private static boolean missesDeadline(ComplaintEvent e) {
        if (Action.MARK_OVERDUE.eventType().equals(e.type())) {
            return true;
        }
        return Action.RESOLVE.eventType().equals(e.type()) && e.dueAt() != null && e.at().isAfter(e.dueAt());
    }

    private static boolean overdueBefore(List<ComplaintEvent> earlier) {
        for (ComplaintEvent e : earlier) {
            if (missesDeadline(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overdueAfter(ComplaintEvent e, List<ComplaintEvent> earlier) {
        return missesDeadline(e) || overdueBefore(earlier);
    }

    private static boolean openBefore(ComplaintEvent e) {
        return e.from() != null && e.from().isOpen();
    }

    private static boolean isLettingGo(ComplaintEvent e) {
        return Action.RESOLVE.eventType().equals(e.type()) || Action.REJECT.eventType().equals(e.type());
    }

    /** Hours since the assignment that gave the agency this complaint (a reopen gives it back). */
    private static void putHeld(Map<String, Long> counters, ComplaintEvent e, List<ComplaintEvent> earlier) {
        Instant since = lastOf(earlier, ASSIGNING);
        if (since != null && (isLettingGo(e) || HANDOVER.contains(e.type()))) {
            put(counters, DurationHistogram.counter(HELD, DurationHistogram.bucketOf(Duration.between(since, e.at()))), 1);
        }
    }

    private static long gauge(boolean in) {
        return in ? 1 : 0;
    }

    /** Zero amounts are left out: an event that changes nothing writes nothing. */
    private static void put(Map<String, Long> counters, String name, long amount) {
        if (amount != 0) {
            counters.merge(name, amount, Long::sum);
        }
    }

    private static void copy(Map<String, Long> from, Map<String, Long> to, String... names) {
        for (String n : names) {
            if (from.containsKey(n)) {
                to.put(n, from.get(n));
            }
        }
    }

    private static String agencyBefore(List<ComplaintEvent> earlier) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            if (earlier.get(i).agencyId() != null) {
                return earlier.get(i).agencyId();
            }
        }
        return null;
    }

    private static Instant lastOf(List<ComplaintEvent> earlier, Set<String> types) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            if (types.contains(earlier.get(i).type())) {
                return earlier.get(i).at();
            }
        }
        return null;
    }
}
