package vn.pakn.domain.stats;

import java.time.Duration;
import java.util.List;

/**
 * Fixed hour buckets for the time to acknowledge and to resolve. Counters can only be added, so
 * an exact median cannot be kept; a histogram with the same bounds everywhere can be summed over
 * any days, groupings and months and still answer median and p90.
 *
 * <p>Bucket i holds durations in (BOUNDS[i-1], BOUNDS[i]] hours, bucket 0 is [0, 1] and the last
 * bucket everything above 720 h. A quantile read from the histogram is known to lie inside one
 * bucket; reporting the bucket's upper bound overstates it by at most the bucket's width: at most
 * 1 h below 4 h, and at most 50% of the true value from 4 h to 720 h (each bound is at most 1.5x
 * the one before, e.g. 24 -> 36 h, 48 -> 72 h). Above 720 h (30 days) only "more than 720 h" is
 * known. docs/statistics.md states the same bound for the published figures.
 */
public final class DurationHistogram {
    /** Upper bounds in hours, inclusive. Never change them: stored counters refer to them by index. */
    public static final List<Integer> BOUNDS = List.of(1, 2, 3, 4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 120, 168,
            240, 360, 480, 720);

    private DurationHistogram() {
    }

    /** The bucket of a duration; negative durations (clock skew) count as zero. */
    public static int bucketOf(Duration d) {
        double hours = Math.max(0, d.toMillis()) / 3_600_000.0;
        for (int i = 0; i < BOUNDS.size(); i++) {
            if (hours <= BOUNDS.get(i)) {
                return i;
            }
        }
        return BOUNDS.size();
    }

    /** The counter holding bucket i, e.g. {@code ackH_05}; the number of buckets is BOUNDS.size() + 1. */
    public static String counter(String prefix, int bucket) {
        return prefix + "H_" + String.format("%02d", bucket);
    }

    /**
     * The upper bound in hours of the bucket holding the q-quantile (0 < q <= 1) of these bucket
     * counts, or -1 when empty; {@link Integer#MAX_VALUE} when it falls in the open last bucket.
     */
    public static int quantileUpperBound(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < BOUNDS.size() ? BOUNDS.get(i) : Integer.MAX_VALUE;
            }
        }
        return Integer.MAX_VALUE;
    }
}
