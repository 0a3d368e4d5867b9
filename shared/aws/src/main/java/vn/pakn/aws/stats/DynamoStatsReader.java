package vn.pakn.aws.stats;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.GroupingKey;
import vn.pakn.domain.stats.StatsFigures;
import vn.pakn.domain.stats.StatsFigures.Gauges;

/**
 * Reads the aggregates. Every answer costs a bounded number of small queries whatever the number
 * of complaints: flows of a period read whole months from MONTH items and only the ragged ends
 * from DAY items; gauges as of a day read that day's snapshot, or the last snapshot plus the days
 * after it.
 */
public class DynamoStatsReader {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoStatsReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The figures of one grouping key from {@code from} to {@code to}, both included. */
    public StatsFigures figures(Grouping grouping, String key, LocalDate from, LocalDate to) {
        return StatsFigures.of(flows(grouping, key, from, to), gaugesAsOf(grouping, key, to));
    }

    /** Counters summed over the days from {@code from} to {@code to}, both included. */
    public Map<String, Long> flows(Grouping grouping, String key, LocalDate from, LocalDate to) {
        String pk = StatsKeys.aggregatePk(grouping, key);
        Map<String, Long> sum = new HashMap<>();
        for (StatsBatchReader.SkRange range : StatsBatchReader.segments(from, to)) {
            addRange(pk, range.fromSk(), range.toSk(), sum);
        }
        return sum;
    }

    /** Counters per day (or per month), for a time series: period sk to counters, in order. */
    public Map<String, Map<String, Long>> series(Grouping grouping, String key, String fromSk, String toSk) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        query(StatsKeys.aggregatePk(grouping, key), fromSk, toSk,
                item -> out.put(Attr.str(item, StatsKeys.SK), StatsKeys.counters(item)));
        return out;
    }

    /** The open backlog and open overdue complaints at the end of {@code day}. */
    public Gauges gaugesAsOf(Grouping grouping, String key, LocalDate day) {
        String pk = StatsKeys.aggregatePk(grouping, key);
        LocalDate last = lastSnapshotDay();
        if (last != null && !day.isAfter(last)) {
            return snapshot(pk, day);
        }
        Gauges base = last == null ? Gauges.NONE : snapshot(pk, last);
        String fromSk = last == null ? "DAY#" : StatsKeys.day(last.plusDays(1));
        Map<String, Long> deltas = new HashMap<>();
        addRange(pk, fromSk, StatsKeys.day(day), deltas);
        return base.plus(deltas);
    }

    /** The last day whose snapshot is complete, or null before the first one. */
    public LocalDate lastSnapshotDay() {
        Map<String, AttributeValue> meta = dynamo.getItem(b -> b.tableName(table)
                .key(StatsKeys.key(StatsKeys.META_PK, StatsKeys.SNAPSHOTS_SK))).item();
        String last = meta == null ? null : Attr.str(meta, StatsKeys.LAST_DAY);
        return last == null ? null : LocalDate.parse(last);
    }

    /** Every aggregate or snapshot item of one period (e.g. {@code MONTH#2026-11}), by pk. */
    public Map<String, Map<String, AttributeValue>> byPeriod(String period) {
        Map<String, Map<String, AttributeValue>> out = new LinkedHashMap<>();
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(StatsKeys.BY_PERIOD)
                .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", StatsKeys.PERIOD))
                .expressionAttributeValues(Map.of(":p", Attr.s(period))).build();
        dynamo.queryPaginator(request).items().forEach(item -> out.put(Attr.str(item, StatsKeys.PK), item));
        return out;
    }

    private Gauges snapshot(String pk, LocalDate day) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(StatsKeys.key(pk, StatsKeys.snapshot(day)))).item();
        return item == null || item.isEmpty() ? Gauges.NONE : gauges(item);
    }

    static Gauges gauges(Map<String, AttributeValue> snapshotItem) {
        Long open = Attr.num(snapshotItem, StatsKeys.OPEN);
        Long openOverdue = Attr.num(snapshotItem, StatsKeys.OPEN_OVERDUE);
        return new Gauges(open == null ? 0 : open, openOverdue == null ? 0 : openOverdue);
    }

    private void addRange(String pk, String fromSk, String toSk, Map<String, Long> sum) {
        query(pk, fromSk, toSk, item -> StatsKeys.counters(item).forEach((k, v) -> sum.merge(k, v, Long::sum)));
    }

    void query(String pk, String fromSk, String toSk, Consumer<Map<String, AttributeValue>> each) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Attr.s(pk), ":from", Attr.s(fromSk), ":to", Attr.s(toSk)))
                .build();
        dynamo.queryPaginator(request).items().forEach(each);
    }

    /**
     * For callers that list keys from reference data: the figures of each, in the given order. The
     * snapshot marker is read once and the snapshots in batches ({@link StatsBatchReader}).
     */
    public Map<String, StatsFigures> figuresOf(Grouping grouping, List<String> keys, LocalDate from, LocalDate to) {
        Map<GroupingKey, StatsFigures> read = new StatsBatchReader(dynamo, table)
                .figures(keys.stream().map(k -> new GroupingKey(grouping, k)).toList(), from, to).figures();
        Map<String, StatsFigures> out = new LinkedHashMap<>();
        for (String key : keys) {
            out.put(key, read.get(new GroupingKey(grouping, key)));
        }
        return out;
    }
}
