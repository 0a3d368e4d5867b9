package vn.pakn.aws.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.fakes.MovableClock;

class SettledPeriodCacheTest {
    private static final String PREFIX = "AGG#CATEGORY#";
    /** Midnight starting 2026-11-23 in Hà Nội. */
    private static final Instant NOV_23 = Instant.parse("2026-11-22T17:00:00Z");

    private final MovableClock clock = new MovableClock(NOV_23.plus(Duration.ofHours(10)));

    @Test
    void periodEnd_isMidnightAfterIt_inVietnam() {
        assertEquals(NOV_23, StatsKeys.periodEnd("DAY#2026-11-22"));
        assertEquals(Instant.parse("2026-11-30T17:00:00Z"), StatsKeys.periodEnd("MONTH#2026-11"));
        assertEquals(Instant.parse("2026-12-31T17:00:00Z"), StatsKeys.periodEnd("MONTH#2026-12"));
    }

    @Test
    void endedLongEnoughAgo_keptUntilTheTimeToLive_thenReadAgain() {
        SettledPeriodCache cache = new SettledPeriodCache(Duration.ofMinutes(5), 100, clock);
        cache.put("DAY#2026-11-20", PREFIX, items(3, 7));

        assertEquals(7L, cache.get("DAY#2026-11-20", PREFIX).get("AGG#CATEGORY#c0").get("received"));
        assertNull(cache.get("DAY#2026-11-20", "AGG#AREA#"), "another grouping's items of that day were not read");

        clock.advance(Duration.ofMinutes(5));
        assertNull(cache.get("DAY#2026-11-20", PREFIX), "a reconciliation's repair is seen after the time to live");
    }

    @Test
    void todayTheMonthSoFarAndADayJustEnded_neverKept() {
        SettledPeriodCache cache = new SettledPeriodCache(Duration.ofMinutes(5), 100, clock);
        cache.put("DAY#2026-11-23", PREFIX, items(3, 1));
        cache.put("MONTH#2026-11", PREFIX, items(3, 1));
        clock.set(NOV_23.plus(Duration.ofMinutes(90)));
        cache.put("DAY#2026-11-22", PREFIX, items(3, 1));

        assertNull(cache.get("DAY#2026-11-23", PREFIX));
        assertNull(cache.get("MONTH#2026-11", PREFIX));
        assertNull(cache.get("DAY#2026-11-22", PREFIX), "a record may still be applied up to an hour late");

        clock.set(NOV_23.plus(Duration.ofHours(2)));
        cache.put("DAY#2026-11-22", PREFIX, items(3, 1));
        assertEquals(3, cache.get("DAY#2026-11-22", PREFIX).size());
    }

    @Test
    void moreItemsThanItHolds_leastRecentlyUsedGoFirst_andOneHugeGroupingIsNotKept() {
        SettledPeriodCache cache = new SettledPeriodCache(Duration.ofMinutes(5), 40, clock);
        cache.put("DAY#2026-11-01", PREFIX, items(10, 1));
        cache.put("DAY#2026-11-02", PREFIX, items(10, 1));
        cache.put("DAY#2026-11-03", PREFIX, items(10, 1));
        cache.put("DAY#2026-11-04", PREFIX, items(10, 1));
        cache.get("DAY#2026-11-01", PREFIX);
        cache.put("DAY#2026-11-05", PREFIX, items(10, 1));

        assertEquals(10, cache.get("DAY#2026-11-01", PREFIX).size(), "used last, so kept");
        assertNull(cache.get("DAY#2026-11-02", PREFIX), "least recently used, so dropped");
        assertEquals(10, cache.get("DAY#2026-11-05", PREFIX).size());

        cache.put("DAY#2026-11-06", PREFIX, items(11, 1));
        assertNull(cache.get("DAY#2026-11-06", PREFIX), "more than a quarter of the cache for one grouping's day");
        assertEquals(10, cache.get("DAY#2026-11-05", PREFIX).size(), "and nothing was pushed out for it");
    }

    @Test
    void noTimeToLive_keepsNothing() {
        SettledPeriodCache.NONE.put("DAY#2020-01-01", PREFIX, items(1, 1));
        assertNull(SettledPeriodCache.NONE.get("DAY#2020-01-01", PREFIX));
    }

    @Test
    void keptItems_doNotChangeWithTheMapTheyWereReadInto() {
        SettledPeriodCache cache = new SettledPeriodCache(Duration.ofMinutes(5), 100, clock);
        Map<String, Map<String, Long>> read = items(2, 4);
        cache.put("DAY#2026-11-20", PREFIX, read);
        read.get("AGG#CATEGORY#c0").put("received", 99L);
        read.clear();

        assertEquals(4L, cache.get("DAY#2026-11-20", PREFIX).get("AGG#CATEGORY#c0").get("received"));
    }

    private static Map<String, Map<String, Long>> items(int count, long received) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Map<String, Long> counters = new HashMap<>();
            counters.put("received", received);
            out.put(PREFIX + "c" + i, counters);
        }
        return out;
    }
}
