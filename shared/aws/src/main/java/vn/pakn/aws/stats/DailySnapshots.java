package vn.pakn.aws.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.BatchWrites;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures.Gauges;

/**
 * Writes the daily snapshots of the gauges (open backlog, open overdue) for every grouping key, so
 * figures as of any past day cost one read. A day's snapshot is the previous day's plus that
 * day's deltas. Each run recomputes the last {@link #RECOMPUTED_DAYS} days as well, which absorbs
 * stream records applied late (retries last up to an hour); anything later is drift for the
 * reconciliation. Rerunning is harmless: a day's snapshot is a function of the aggregates.
 */
public class DailySnapshots {
    public static final int RECOMPUTED_DAYS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoStatsReader reader;
    private final Clock clock;

    public DailySnapshots(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.reader = new DynamoStatsReader(dynamo, table);
        this.clock = clock;
    }

    /** Brings the snapshots up to yesterday (Asia/Ho_Chi_Minh); returns the days written. */
    public List<LocalDate> catchUp() {
        LocalDate yesterday = LocalDate.now(clock.withZone(StatsContribution.ZONE)).minusDays(1);
        LocalDate first = firstDay();
        if (first == null) {
            return List.of();
        }
        LocalDate last = reader.lastSnapshotDay();
        LocalDate start = last == null ? first : last.plusDays(1);
        LocalDate recompute = yesterday.minusDays(RECOMPUTED_DAYS - 1);
        if (recompute.isBefore(start)) {
            start = recompute.isBefore(first) ? first : recompute;
        }
        return rebuild(start, yesterday);
    }

    /** Recomputes the snapshots from {@code from} to {@code to}, both included, from the aggregates. */
    public List<LocalDate> rebuild(LocalDate from, LocalDate to) {
        List<LocalDate> written = new ArrayList<>();
        Map<String, Gauges> previous = snapshotsOf(from.minusDays(1));
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, Gauges> next = new HashMap<>(previous);
            for (Map.Entry<String, Map<String, AttributeValue>> aggregate : reader.byPeriod(StatsKeys.day(day)).entrySet()) {
                Gauges before = next.getOrDefault(aggregate.getKey(), Gauges.NONE);
                next.put(aggregate.getKey(), before.plus(StatsKeys.counters(aggregate.getValue())));
            }
            write(day, next);
            previous = next;
            written.add(day);
            markComplete(day);
        }
        return written;
    }

    /** The first day with any event: every complaint's RECEIVED counts for the whole province. */
    public LocalDate firstDay() {
        QueryResponse first = dynamo.query(b -> b.tableName(table).limit(1)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :day)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(StatsKeys.aggregatePk(Grouping.PROVINCE, Grouping.ALL)),
                        ":day", Attr.s("DAY#"))));
        return first.items().isEmpty() ? null
                : LocalDate.parse(Attr.str(first.items().get(0), StatsKeys.SK).substring("DAY#".length()));
    }

    private Map<String, Gauges> snapshotsOf(LocalDate day) {
        Map<String, Gauges> out = new HashMap<>();
        reader.byPeriod(StatsKeys.snapshot(day)).forEach((pk, item) -> out.put(pk, DynamoStatsReader.gauges(item)));
        return out;
    }

    private void write(LocalDate day, Map<String, Gauges> gauges) {
        String sk = StatsKeys.snapshot(day);
        Set<String> stale = new HashSet<>(reader.byPeriod(sk).keySet());
        List<WriteRequest> writes = new ArrayList<>();
        gauges.forEach((pk, g) -> {
            if (g.open() != 0 || g.openOverdue() != 0) {
                stale.remove(pk);
                Map<String, AttributeValue> item = StatsKeys.key(pk, sk);
                item.put(StatsKeys.PERIOD, Attr.s(sk));
                item.put(StatsKeys.OPEN, Attr.n(g.open()));
                item.put(StatsKeys.OPEN_OVERDUE, Attr.n(g.openOverdue()));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
        });
        for (String pk : stale) {
            writes.add(WriteRequest.builder().deleteRequest(d -> d.key(StatsKeys.key(pk, sk))).build());
        }
        BatchWrites.writeAll(dynamo, table, writes, Integer.MAX_VALUE, "snapshots");
    }

    /** Only ever forward: rebuilding an earlier stretch must not hide the later days already done. */
    private void markComplete(LocalDate day) {
        Map<String, AttributeValue> item = StatsKeys.key(StatsKeys.META_PK, StatsKeys.SNAPSHOTS_SK);
        item.put(StatsKeys.LAST_DAY, Attr.s(day.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#last) OR #last < :day")
                    .expressionAttributeNames(Map.of("#last", StatsKeys.LAST_DAY))
                    .expressionAttributeValues(Map.of(":day", Attr.s(day.toString()))));
        } catch (ConditionalCheckFailedException alreadyFurther) {
            // a later day is complete already
        }
    }
}
