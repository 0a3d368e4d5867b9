package vn.pakn.domain.stats;

import java.util.Map;

/**
 * The published figures of one grouping over one period, derived from summed counters (flows of
 * the period) and gauges (as of the period's last day). The brief's definitions live here and
 * nowhere else, so the endpoint and the open-data files cannot disagree.
 *
 * <p>Rates are null when their denominator is zero (nothing to measure), never 0 or NaN. Hours
 * are the upper bound of the histogram bucket holding the quantile (docs/statistics.md: never
 * below the true value, at most 50% above it); null when nothing was measured; {@code
 * OVER_MAX_HOURS} when the quantile lies beyond the last bound.
 *
 * @param overdue            the brief's "open past due, plus resolved late": {@code openOverdue} as
 *                           of the period's end plus {@code resolvedLate} within it
 * @param missedDeadline     complaints that missed a deadline for the first time within the period
 * @param assigned           complaints handed to the agency (agency groupings only, else 0)
 * @param transfersPerComplaint transfers over received, or over assigned for an agency
 */
public record StatsFigures(long received, long resolved, long resolvedAgain, long rejected, long closed,
                           long reopened, long transferred, long escalated, long assigned,
                           long onTime, long resolvedLate, long missedDeadline, long overdue,
                           long open, long openOverdue,
                           long ratings, long ratings45,
                           Double processingRate, Double onTimeRate, Double satisfaction,
                           Double transfersPerComplaint,
                           Integer ackMedianHours, Integer ackP90Hours,
                           Integer resolveMedianHours, Integer resolveP90Hours,
                           Integer heldMedianHours, Integer heldP90Hours) {
    public static final int OVER_MAX_HOURS = Integer.MAX_VALUE;

    /**
     * @param flows  counters summed over the period's days (names of {@link StatsContribution})
     * @param gauges the gauges as of the period's last day
     */
    public static StatsFigures of(Map<String, Long> flows, Gauges gauges) {
        long received = get(flows, StatsContribution.RECEIVED);
        long resolved = get(flows, StatsContribution.RESOLVED);
        long rejected = get(flows, StatsContribution.REJECTED);
        long onTime = get(flows, StatsContribution.ON_TIME);
        long assigned = get(flows, StatsContribution.ASSIGNED);
        long transferred = get(flows, StatsContribution.TRANSFERRED);
        long ratings = get(flows, StatsContribution.RATINGS);
        long ratings45 = get(flows, StatsContribution.RATINGS_4_5);
        long resolvedLate = resolved - onTime;
        long transferBase = received > 0 ? received : assigned;
        return new StatsFigures(received, resolved, get(flows, StatsContribution.RESOLVED_AGAIN), rejected,
                get(flows, StatsContribution.CLOSED), get(flows, StatsContribution.REOPENED), transferred,
                get(flows, StatsContribution.ESCALATED), assigned, onTime, resolvedLate,
                get(flows, StatsContribution.OVERDUE), gauges.openOverdue() + resolvedLate,
                gauges.open(), gauges.openOverdue(), ratings, ratings45,
                ratio(resolved + rejected, received), ratio(onTime, resolved), ratio(ratings45, ratings),
                ratio(transferred, transferBase),
                quantile(flows, StatsContribution.ACK, 0.5), quantile(flows, StatsContribution.ACK, 0.9),
                quantile(flows, StatsContribution.RESOLVE, 0.5), quantile(flows, StatsContribution.RESOLVE, 0.9),
                quantile(flows, StatsContribution.HELD, 0.5), quantile(flows, StatsContribution.HELD, 0.9));
    }

    /** Gauges as of the end of a day: the open backlog and the open complaints that missed a deadline. */
    public record Gauges(long open, long openOverdue) {
        public static final Gauges NONE = new Gauges(0, 0);

        public Gauges plus(Map<String, Long> dayDeltas) {
            return new Gauges(open + get(dayDeltas, StatsContribution.OPEN_DELTA),
                    openOverdue + get(dayDeltas, StatsContribution.OPEN_OVERDUE_DELTA));
        }
    }

    private static long get(Map<String, Long> counters, String name) {
        Long v = counters.get(name);
        return v == null ? 0 : v;
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Integer quantile(Map<String, Long> flows, String histogram, double q) {
        long[] counts = new long[DurationHistogram.BOUNDS.size() + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = get(flows, DurationHistogram.counter(histogram, i));
        }
        int hours = DurationHistogram.quantileUpperBound(counts, q);
        return hours < 0 ? null : hours;
    }
}
