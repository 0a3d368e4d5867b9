package vn.pakn.domain.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.lifecycle.Action;

/**
 * Decides what one event adds to the open statistics. Pure: the same event, earlier events and
 * facts always give the same contribution, which is what lets a redelivered event be recognised
 * and skipped, and lets a reconciliation recompute every aggregate from the event log.
 *
 * <p>Definitions (docs/statistics.md): {@code received} on RECEIVED; {@code resolved} on a
 * complaint's first RESOLVED (later ones, after a reopen, count {@code resolvedAgain}) with the
 * hours since receipt in the {@code resolve} histogram; {@code rejected}, {@code closed},
 * {@code reopened}, {@code transferred}, {@code escalated} on their events; {@code overdue} on a
 * complaint's first OVERDUE only, so it counts complaints, not missed deadlines; {@code ratings}
 * and {@code ratings45} when the citizen closes with a rating; every acknowledgement puts the
 * hours since its own assignment (route, transfer, escalation or reopen) in the {@code ack}
 * histogram. Transfers and escalations count against the agency that gave the complaint away;
 * everything else against the agency in charge after the event.
 */
public final class StatsContribution {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public static final String RECEIVED = "received";
    public static final String RESOLVED = "resolved";
    public static final String RESOLVED_AGAIN = "resolvedAgain";
    public static final String REJECTED = "rejected";
    public static final String CLOSED = "closed";
    public static final String REOPENED = "reopened";
    public static final String TRANSFERRED = "transferred";
    public static final String ESCALATED = "escalated";
    public static final String OVERDUE = "overdue";
    public static final String RATINGS = "ratings";
    public static final String RATINGS_4_5 = "ratings45";
    public static final String ACK = "ack";
    public static final String RESOLVE = "resolve";

    private static final Set<String> ASSIGNING = Set.of(Action.ROUTE.eventType(), Action.TRANSFER.eventType(),
            Action.ESCALATE.eventType(), Action.REOPEN.eventType());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private StatsContribution() {
    }

    /**
     * @param earlier the complaint's events before {@code event}, in sequence order (at least those
     *                the definitions look back at: all of them is always right)
     */
    public static Contribution of(ComplaintEvent event, List<ComplaintEvent> earlier, ComplaintFacts facts) {
        Map<String, Long> counters = counters(event, earlier, facts);
        Map<AggregateKey, Map<String, Long>> out = new LinkedHashMap<>();
        if (counters.isEmpty()) {
            return new Contribution(event.complaintId(), event.seq(), out);
        }
        ZonedDateTime local = event.at().atZone(ZONE);
        List<String> periods = List.of("DAY#" + DAY.format(local), "MONTH#" + MONTH.format(local));
        for (String period : periods) {
            for (Map.Entry<Grouping, String> g : groupings(event, earlier, facts)) {
                out.put(new AggregateKey(g.getKey(), g.getValue(), period), counters);
            }
        }
        return new Contribution(event.complaintId(), event.seq(), out);
    }

    private static Map<String, Long> counters(ComplaintEvent e, List<ComplaintEvent> earlier, ComplaintFacts facts) {
        Map<String, Long> c = new LinkedHashMap<>();
        String type = e.type();
        if (ComplaintEvent.RECEIVED.equals(type)) {
            c.put(RECEIVED, 1L);
        } else if (Action.ACKNOWLEDGE.eventType().equals(type)) {
            Instant assigned = lastOf(earlier, ASSIGNING);
            if (assigned != null) {
                c.put(DurationHistogram.counter(ACK, DurationHistogram.bucketOf(Duration.between(assigned, e.at()))), 1L);
            }
        } else if (Action.RESOLVE.eventType().equals(type)) {
            if (lastOf(earlier, Set.of(type)) == null) {
                c.put(RESOLVED, 1L);
                Instant received = lastOf(earlier, Set.of(ComplaintEvent.RECEIVED));
                if (received != null) {
                    c.put(DurationHistogram.counter(RESOLVE, DurationHistogram.bucketOf(Duration.between(received, e.at()))), 1L);
                }
            } else {
                c.put(RESOLVED_AGAIN, 1L);
            }
        } else if (Action.REJECT.eventType().equals(type)) {
            c.put(REJECTED, 1L);
        } else if (Action.CONFIRM.eventType().equals(type)) {
            c.put(CLOSED, 1L);
            if (facts.rating() != null) {
                c.put(RATINGS, 1L);
                if (facts.rating() >= 4) {
                    c.put(RATINGS_4_5, 1L);
                }
            }
        } else if (Action.AUTO_CLOSE.eventType().equals(type)) {
            c.put(CLOSED, 1L);
        } else if (Action.REOPEN.eventType().equals(type)) {
            c.put(REOPENED, 1L);
        } else if (Action.TRANSFER.eventType().equals(type)) {
            c.put(TRANSFERRED, 1L);
        } else if (Action.ESCALATE.eventType().equals(type)) {
            c.put(ESCALATED, 1L);
        } else if (Action.MARK_OVERDUE.eventType().equals(type)) {
            if (lastOf(earlier, Set.of(type)) == null) {
                c.put(OVERDUE, 1L);
            }
        }
        return c;
    }

    private static List<Map.Entry<Grouping, String>> groupings(ComplaintEvent e, List<ComplaintEvent> earlier,
                                                               ComplaintFacts facts) {
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
        String agency = Action.TRANSFER.eventType().equals(e.type()) || Action.ESCALATE.eventType().equals(e.type())
                ? agencyBefore(earlier) : e.agencyId();
        if (agency != null) {
            g.add(Map.entry(Grouping.AGENCY, agency));
        }
        return g;
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
