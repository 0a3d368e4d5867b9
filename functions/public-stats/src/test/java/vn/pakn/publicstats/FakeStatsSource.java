package vn.pakn.publicstats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.pakn.domain.stats.GroupingKey;
import vn.pakn.domain.stats.StatsFigures;
import vn.pakn.domain.stats.StatsFigures.Gauges;
import vn.pakn.domain.stats.StatsSource;

/**
 * Counters per key, the same whatever the period (the period arithmetic is the reader's, tested
 * on DynamoDB Local); records what it was asked for.
 */
final class FakeStatsSource implements StatsSource {
    final Map<GroupingKey, Map<String, Long>> flows = new HashMap<>();
    final Map<GroupingKey, Gauges> gauges = new HashMap<>();
    final List<List<GroupingKey>> asked = new ArrayList<>();
    LocalDate lastSnapshotDay = LocalDate.parse("2026-03-24");
    RuntimeException failure;

    StatsFigures of(GroupingKey key) {
        return StatsFigures.of(flows.getOrDefault(key, Map.of()), gauges.getOrDefault(key, Gauges.NONE));
    }

    @Override
    public Reading figures(List<GroupingKey> keys, LocalDate from, LocalDate to) {
        if (failure != null) {
            throw failure;
        }
        asked.add(List.copyOf(keys));
        Map<GroupingKey, StatsFigures> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, of(k)));
        return new Reading(out, lastSnapshotDay, !to.isAfter(lastSnapshotDay));
    }

    @Override
    public Series days(GroupingKey key, LocalDate from, LocalDate to) {
        asked.add(List.of(key));
        List<Point> points = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            points.add(new Point(d, d, of(key), !d.isAfter(lastSnapshotDay)));
        }
        return new Series(points, of(key), lastSnapshotDay);
    }

    @Override
    public Series months(GroupingKey key, LocalDate from, LocalDate to) {
        asked.add(List.of(key));
        List<Point> points = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            LocalDate start = m.atDay(1).isBefore(from) ? from : m.atDay(1);
            LocalDate end = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
            points.add(new Point(start, end, of(key), !end.isAfter(lastSnapshotDay)));
        }
        return new Series(points, of(key), lastSnapshotDay);
    }
}
