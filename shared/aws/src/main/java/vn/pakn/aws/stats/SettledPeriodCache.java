package vn.pakn.aws.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregate items of days and months that have ended, one grouping at a time, kept in memory
 * for a few minutes. A public dashboard asks the same windows again and again ("the last 30
 * days"), and once a province is busy a window's ended days are most of the items its answer
 * reads; what still changes is today and the month so far, which are never kept.
 *
 * <p>An ended period can still change: a stream record is applied up to an hour late (retries,
 * the trigger's maximum record age), and a reconciliation repairs drift whenever it runs. So a
 * period is kept only from {@link #SETTLING} after its end, and then only for the time to live,
 * a staleness the endpoint's own {@code Cache-Control} already grants its clients
 * (docs/public-stats.md). A time to live of zero keeps nothing.
 */
public final class SettledPeriodCache {
    /** Longer than the stats trigger's maximum record age (one hour) plus its batching window. */
    static final Duration SETTLING = Duration.ofHours(2);
    /** Never kept: every read goes to the table. */
    public static final SettledPeriodCache NONE = new SettledPeriodCache(Duration.ZERO, 0, Clock.systemUTC());

    private record Key(String period, String pkPrefix) {
    }

    private record Entry(Map<String, Map<String, Long>> countersByPk, Instant expiresAt) {
    }

    private final Duration timeToLive;
    private final int maxItems;
    private final Clock clock;
    /** Least recently used first. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int itemsHeld;

    /**
     * @param maxItems the most aggregate items held at once, which bounds the memory taken (about a
     *                 kilobyte an item); a single grouping's period of more than a quarter of it is not kept
     */
    public SettledPeriodCache(Duration timeToLive, int maxItems, Clock clock) {
        if (timeToLive.isNegative()) {
            throw new IllegalArgumentException("Negative time to live: " + timeToLive);
        }
        this.timeToLive = timeToLive;
        this.maxItems = maxItems;
        this.clock = clock;
    }

    /**
     * The counters by pk of every aggregate of {@code period} whose pk starts with {@code pkPrefix},
     * as last read, or null when they must be read from the table.
     */
    public synchronized Map<String, Map<String, Long>> get(String period, String pkPrefix) {
        Key key = new Key(period, pkPrefix);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            remove(key);
            return null;
        }
        return entry.countersByPk();
    }

    /** Keeps what was just read of {@code period}, if it has settled; {@code countersByPk} is copied. */
    public void put(String period, String pkPrefix, Map<String, Map<String, Long>> countersByPk) {
        Instant now = clock.instant();
        if (timeToLive.isZero() || countersByPk.size() > maxItems / 4
                || now.isBefore(StatsKeys.periodEnd(period).plus(SETTLING))) {
            return;
        }
        Map<String, Map<String, Long>> copy = new HashMap<>();
        countersByPk.forEach((pk, counters) -> copy.put(pk, Map.copyOf(counters)));
        Entry entry = new Entry(Map.copyOf(copy), now.plus(timeToLive));
        synchronized (this) {
            remove(new Key(period, pkPrefix));
            entries.put(new Key(period, pkPrefix), entry);
            itemsHeld += copy.size();
            Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
            while (itemsHeld > maxItems && eldest.hasNext()) {
                itemsHeld -= eldest.next().getValue().countersByPk().size();
                eldest.remove();
            }
        }
    }

    private void remove(Key key) {
        Entry gone = entries.remove(key);
        if (gone != null) {
            itemsHeld -= gone.countersByPk().size();
        }
    }
}
