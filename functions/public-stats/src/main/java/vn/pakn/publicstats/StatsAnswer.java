package vn.pakn.publicstats;

import java.time.LocalDate;
import java.util.List;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.stats.StatsFigures;

/**
 * What the endpoint publishes for one query.
 *
 * @param total              the figures of the aggregate the filters name, over the whole period
 * @param groups             one per member of the grouping (reference data order), or per day or month
 * @param lastSnapshotDay    the last day whose gauge snapshot was complete; null before the first
 * @param gaugesFromSnapshot the total's gauges are the snapshot of the period's last day itself
 */
public record StatsAnswer(StatsQuery query, StatsFigures total, List<Group> groups, LocalDate lastSnapshotDay,
                          boolean gaugesFromSnapshot) {
    public StatsAnswer {
        groups = List.copyOf(groups);
    }

    /**
     * @param key  the code of the category, area, agency or channel; the day or month of a series
     * @param name null for a day or month
     * @param from the first day counted (a series' first and last months may be partial)
     * @param to   the day the gauges are as of
     */
    public record Group(String key, LocalizedText name, LocalDate from, LocalDate to, StatsFigures figures,
                        boolean gaugesFromSnapshot) {
    }
}
