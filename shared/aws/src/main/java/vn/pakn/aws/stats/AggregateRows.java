package vn.pakn.aws.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures;
import vn.pakn.domain.stats.StatsFigures.Gauges;

/**
 * Every grouping key's figures per month (since the first event) and per day (the last
 * {@link #DAILY_DAYS} days), for the open-data files. One {@code byPeriod} query per period
 * reads every key at once; the gauges at each period's end come from that day's snapshot.
 * Call {@link DailySnapshots#catchUp()} first so the snapshots reach yesterday.
 */
public class AggregateRows {
    public static final int DAILY_DAYS = 92;

    /** One line of the aggregate files. */
    public record Row(String periodType, String period, Grouping grouping, String key, StatsFigures figures) {
    }

    private final DynamoStatsReader reader;
    private final DailySnapshots snapshots;
    private final Clock clock;

    public AggregateRows(DynamoStatsReader reader, DailySnapshots snapshots, Clock clock) {
        this.reader = reader;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    public void monthly(Consumer<Row> each) {
        LocalDate first = snapshots.firstDay();
        if (first == null) {
            return;
        }
        LocalDate today = today();
        LocalDate lastSnapshot = reader.lastSnapshotDay();
        for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(today)); m = m.plusMonths(1)) {
            LocalDate end = m.atEndOfMonth().isAfter(today) ? today : m.atEndOfMonth();
            emit("month", m.toString(), reader.byPeriod(StatsKeys.month(m.atDay(1))), gaugesAt(end, lastSnapshot), each);
        }
    }

    public void daily(Consumer<Row> each) {
        LocalDate first = snapshots.firstDay();
        if (first == null) {
            return;
        }
        LocalDate today = today();
        LocalDate lastSnapshot = reader.lastSnapshotDay();
        LocalDate start = today.minusDays(DAILY_DAYS - 1L);
        for (LocalDate d = start.isBefore(first) ? first : start; !d.isAfter(today); d = d.plusDays(1)) {
            emit("day", d.toString(), reader.byPeriod(StatsKeys.day(d)), gaugesAt(d, lastSnapshot), each);
        }
    }

    private void emit(String type, String period, Map<String, Map<String, AttributeValue>> flows,
                      Map<String, Gauges> gauges, Consumer<Row> each) {
        List<String> pks = new ArrayList<>(flows.keySet());
        gauges.keySet().stream().filter(pk -> !flows.containsKey(pk)).forEach(pks::add);
        pks.sort(null);
        for (String pk : pks) {
            Map<String, AttributeValue> item = flows.get(pk);
            Map<String, Long> counters = item == null ? Map.of() : StatsKeys.counters(item);
            Map.Entry<Grouping, String> key = StatsKeys.parsePk(pk);
            each.accept(new Row(type, period, key.getKey(), key.getValue(),
                    StatsFigures.of(counters, gauges.getOrDefault(pk, Gauges.NONE))));
        }
    }

    /** Every key's gauges at the end of {@code day}. */
    private Map<String, Gauges> gaugesAt(LocalDate day, LocalDate lastSnapshot) {
        Map<String, Gauges> out = new HashMap<>();
        if (lastSnapshot != null && !day.isAfter(lastSnapshot)) {
            reader.byPeriod(StatsKeys.snapshot(day)).forEach((pk, item) -> out.put(pk, DynamoStatsReader.gauges(item)));
            return out;
        }
        LocalDate from;
        if (lastSnapshot != null) {
            reader.byPeriod(StatsKeys.snapshot(lastSnapshot))
                    .forEach((pk, item) -> out.put(pk, DynamoStatsReader.gauges(item)));
            from = lastSnapshot.plusDays(1);
        } else {
            from = snapshots.firstDay();
        }
        for (LocalDate d = from; d != null && !d.isAfter(day); d = d.plusDays(1)) {
            reader.byPeriod(StatsKeys.day(d)).forEach((pk, item) ->
                    out.put(pk, out.getOrDefault(pk, Gauges.NONE).plus(StatsKeys.counters(item))));
        }
        return out;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(StatsContribution.ZONE));
    }
}
