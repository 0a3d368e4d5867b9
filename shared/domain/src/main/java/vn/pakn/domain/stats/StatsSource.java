package vn.pakn.domain.stats;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port: the aggregates, read for publication. Periods are days of the Asia/Ho_Chi_Minh calendar,
 * both ends included; flows are summed over the period, gauges are as of its last day (the daily
 * snapshot of that day when there is one, else the last snapshot plus the days recorded after it).
 */
public interface StatsSource {

    /** The figures of each key (in the order asked, duplicates once) over one period. */
    Reading figures(List<GroupingKey> keys, LocalDate from, LocalDate to);

    /** One point per day from {@code from} to {@code to}, days without events included. */
    Series days(GroupingKey key, LocalDate from, LocalDate to);

    /**
     * One point per calendar month touched by the period; the first and last cover only their part
     * of the period, with gauges as of that part's last day.
     */
    Series months(GroupingKey key, LocalDate from, LocalDate to);

    /**
     * @param lastSnapshotDay    the last day whose snapshot was complete when read; null before the first
     * @param gaugesFromSnapshot the gauges are the snapshot of the period's last day itself
     */
    record Reading(Map<GroupingKey, StatsFigures> figures, LocalDate lastSnapshotDay, boolean gaugesFromSnapshot) {
        public Reading {
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }
    }

    /** Flows from {@code from} to {@code to}, gauges as of {@code to}. */
    record Point(LocalDate from, LocalDate to, StatsFigures figures, boolean gaugesFromSnapshot) {
    }

    /** @param total the whole period: flows of every point, gauges of the last */
    record Series(List<Point> points, StatsFigures total, LocalDate lastSnapshotDay) {
        public Series {
            points = List.copyOf(points);
        }
    }
}
