package vn.pakn.aws.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.GroupingKey;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures;
import vn.pakn.domain.stats.StatsSource;
import vn.pakn.domain.stats.StatsFigures.Gauges;

/**
 * The figures of many grouping keys over one period, and the time series of one key, in a number
 * of requests fixed by the keys and the period's shape, never by the number of complaints (the
 * public statistics endpoint promises exactly that).
 *
 * <p>One answer reads the snapshot marker (META) once, the gauges of every key with BatchGetItem
 * (100 keys a request), and the flows either key by key (up to three range queries: ragged days,
 * whole months, ragged days; the days after the last snapshot ride along with the last day range)
 * or, when that is fewer requests, period by period from the
 * {@code byPeriod} index, which returns every key of one grouping for one day or month at once
 * (never for category x area, whose members span every area). Both plans give the same sums; the
 * choice only changes how many requests and items they take. Ended periods read that way may come
 * from a {@link SettledPeriodCache}.
 */
public class StatsBatchReader implements StatsSource {
    /** BatchGetItem's limit on keys per request. */
    static final int BATCH_GET_KEYS = 100;
    private static final int MAX_BATCH_ATTEMPTS = 10;
    private static final String DAY_PREFIX = "DAY#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoStatsReader reader;
    private final Executor executor;
    private final Clock clock;
    private final SettledPeriodCache settled;

    public StatsBatchReader(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Runnable::run);
    }

    /** @param executor runs independent queries side by side (the SDK client is thread-safe) */
    public StatsBatchReader(DynamoDbClient dynamo, String table, Executor executor) {
        this(dynamo, table, executor, Clock.systemUTC());
    }

    /** @param clock tells which day is today (Asia/Ho_Chi_Minh): no day after it has an item yet */
    public StatsBatchReader(DynamoDbClient dynamo, String table, Executor executor, Clock clock) {
        this(dynamo, table, executor, clock, SettledPeriodCache.NONE);
    }

    /** @param settled keeps the items of ended days and months read period by period, for answers that ask again */
    public StatsBatchReader(DynamoDbClient dynamo, String table, Executor executor, Clock clock,
                            SettledPeriodCache settled) {
        this.settled = settled;
        this.dynamo = dynamo;
        this.table = table;
        this.reader = new DynamoStatsReader(dynamo, table);
        this.executor = executor;
        this.clock = clock;
    }

    /** A key range of one pk's items: days or months, both ends included. */
    record SkRange(String fromSk, String toSk, LocalDate firstDay, LocalDate lastDay, boolean days) {
        boolean containsDay(String daySk) {
            return days && daySk.compareTo(fromSk) >= 0 && daySk.compareTo(toSk) <= 0;
        }
    }

    /**
     * The fewest item ranges covering {@code from..to}: whole months from MONTH items, the ragged
     * ends from DAY items.
     */
    static List<SkRange> segments(LocalDate from, LocalDate to) {
        requireOrdered(from, to);
        LocalDate firstWholeMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate lastWholeMonth = YearMonth.from(to).atEndOfMonth().equals(to) ? to.withDayOfMonth(1)
                : to.withDayOfMonth(1).minusMonths(1);
        List<SkRange> out = new ArrayList<>();
        if (firstWholeMonth.isAfter(lastWholeMonth)) {
            out.add(days(from, to));
            return out;
        }
        if (from.isBefore(firstWholeMonth)) {
            out.add(days(from, firstWholeMonth.minusDays(1)));
        }
        LocalDate afterWhole = lastWholeMonth.plusMonths(1);
        out.add(new SkRange(StatsKeys.month(firstWholeMonth), StatsKeys.month(lastWholeMonth), firstWholeMonth,
                afterWhole.minusDays(1), false));
        if (!to.isBefore(afterWhole)) {
            out.add(days(afterWhole, to));
        }
        return out;
    }

    private static SkRange days(LocalDate from, LocalDate to) {
        return new SkRange(StatsKeys.day(from), StatsKeys.day(to), from, to, true);
    }

    // ------------------------------------------------------------------ many keys, one period

    @Override
    public Reading figures(List<GroupingKey> keys, LocalDate from, LocalDate to) {
        requireOrdered(from, to);
        List<GroupingKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        LocalDate last = reader.lastSnapshotDay();
        boolean fromSnapshot = last != null && !to.isAfter(last);
        Plan plan = new Plan(segments(from, to), fromSnapshot ? null : deltaRange(last, to),
                LocalDate.now(clock.withZone(StatsContribution.ZONE)));

        Map<String, Sums> sums = new HashMap<>();
        Map<Grouping, List<GroupingKey>> byGrouping = new LinkedHashMap<>();
        distinct.forEach(k -> byGrouping.computeIfAbsent(k.grouping(), g -> new ArrayList<>()).add(k));
        List<Supplier<Map<String, Sums>>> tasks = new ArrayList<>();
        for (Map.Entry<Grouping, List<GroupingKey>> group : byGrouping.entrySet()) {
            List<String> pks = group.getValue().stream().map(StatsBatchReader::pk).toList();
            Map<String, Boolean> periods = plan.periods();
            if (periods != null && periods.size() < pks.size() * plan.requestsPerKey()
                    && readsFewMoreThanAsked(group.getKey())) {
                String prefix = StatsKeys.aggregatePk(group.getKey(), "");
                for (Map.Entry<String, Boolean> period : periods.entrySet()) {
                    tasks.add(() -> readPeriod(period.getKey(), period.getValue(), prefix, pks, plan));
                }
            } else {
                for (String pk : pks) {
                    tasks.add(() -> Map.of(pk, readKey(pk, plan)));
                }
            }
        }
        for (Map<String, Sums> part : runAll(tasks)) {
            part.forEach((pk, s) -> sums.computeIfAbsent(pk, p -> new Sums()).add(s));
        }

        LocalDate snapshotDay = last == null ? null : fromSnapshot ? to : last;
        Map<String, Gauges> base = snapshotDay == null ? Map.of()
                : snapshots(distinct.stream().map(StatsBatchReader::pk).toList(), snapshotDay);
        Map<GroupingKey, StatsFigures> out = new LinkedHashMap<>();
        for (GroupingKey key : distinct) {
            Sums s = sums.getOrDefault(pk(key), new Sums());
            Gauges gauges = base.getOrDefault(pk(key), Gauges.NONE).plus(s.deltas);
            out.put(key, StatsFigures.of(s.flows, gauges));
        }
        return new Reading(out, last, fromSnapshot);
    }

    /**
     * Whether a period's query through {@code byPeriod}, which returns every member of the grouping
     * with an item that day or month, reads about as many items as the keys asked. Not so for
     * category x area: its members span every area of the province, and an answer asks for one
     * area's (a commune's categories): a hundred communes would make each period's query return a
     * hundred times the items wanted, where key by key reads only theirs.
     */
    private static boolean readsFewMoreThanAsked(Grouping grouping) {
        return grouping != Grouping.CATEGORY_AREA;
    }

    /** The days whose deltas move the gauges from the last snapshot to {@code to}; from the first day without one. */
    private static SkRange deltaRange(LocalDate last, LocalDate to) {
        return last == null ? new SkRange(DAY_PREFIX, StatsKeys.day(to), null, to, true) : days(last.plusDays(1), to);
    }

    /**
     * How one period is read. {@code deltas} null: the gauges are the snapshot of the last day.
     * Deltas always end on the period's last day, so when the flows end with a DAY range, that
     * range's query simply starts earlier and carries them too: one query per key instead of two.
     */
    private record Plan(List<SkRange> segments, SkRange deltas, LocalDate today) {
        /** The DAY segment whose query also reads the deltas, or null when they need a query of their own. */
        SkRange deltaCarrier() {
            if (deltas == null) {
                return null;
            }
            SkRange last = segments.get(segments.size() - 1);
            return last.days() && last.toSk().equals(deltas.toSk()) ? last : null;
        }

        boolean deltasSeparate() {
            return deltas != null && deltaCarrier() == null;
        }

        int requestsPerKey() {
            return segments.size() + (deltasSeparate() ? 1 : 0);
        }

        /**
         * Every day and month item key to read period by period, each with whether it is a flow
         * (false: a day read for the gauges' deltas only), or null when that cannot be bounded. A period
         * that ends today takes the current month so far from the month's item, which is the sum of its
         * day items (the aggregator adds every contribution to both in one transaction) and has no later
         * day yet: "the last 30 days" then reads about 10 periods instead of 30, and one item per key for
         * the current month instead of one per day so far.
         */
        Map<String, Boolean> periods() {
            if (deltas != null && deltas.firstDay() == null) {
                return null;
            }
            Map<String, Boolean> out = new LinkedHashMap<>();
            for (SkRange s : segments) {
                if (s.days()) {
                    LocalDate monthStart = today.withDayOfMonth(1);
                    boolean monthSoFar = !s.lastDay().isBefore(today) && !s.firstDay().isAfter(monthStart);
                    LocalDate lastDay = monthSoFar ? monthStart.minusDays(1) : s.lastDay();
                    for (LocalDate d = s.firstDay(); !d.isAfter(lastDay); d = d.plusDays(1)) {
                        out.put(StatsKeys.day(d), true);
                    }
                    if (monthSoFar) {
                        out.put(StatsKeys.month(monthStart), true);
                    }
                } else {
                    for (LocalDate m = s.firstDay(); !m.isAfter(s.lastDay()); m = m.plusMonths(1)) {
                        out.put(StatsKeys.month(m), true);
                    }
                }
            }
            if (deltas != null) {
                for (LocalDate d = deltas.firstDay(); !d.isAfter(deltas.lastDay()); d = d.plusDays(1)) {
                    out.putIfAbsent(StatsKeys.day(d), false);
                }
            }
            return out;
        }

        boolean isDelta(String sk) {
            return deltas != null && sk.startsWith(DAY_PREFIX) && sk.compareTo(deltas.fromSk()) >= 0
                    && sk.compareTo(deltas.toSk()) <= 0;
        }
    }

    private static final class Sums {
        final Map<String, Long> flows = new HashMap<>();
        final Map<String, Long> deltas = new HashMap<>();

        void addFlows(Map<String, Long> counters) {
            counters.forEach((k, v) -> flows.merge(k, v, Long::sum));
        }

        void addDeltas(Map<String, Long> counters) {
            counters.forEach((k, v) -> deltas.merge(k, v, Long::sum));
        }

        void add(Sums other) {
            addFlows(other.flows);
            addDeltas(other.deltas);
        }
    }

    private Sums readKey(String pk, Plan plan) {
        Sums sums = new Sums();
        SkRange carrier = plan.deltaCarrier();
        for (SkRange segment : plan.segments()) {
            boolean carries = segment == carrier;
            String fromSk = carries && plan.deltas().fromSk().compareTo(segment.fromSk()) < 0
                    ? plan.deltas().fromSk() : segment.fromSk();
            reader.query(pk, fromSk, segment.toSk(), item -> {
                String sk = Attr.str(item, StatsKeys.SK);
                Map<String, Long> counters = StatsKeys.counters(item);
                if (sk.compareTo(segment.fromSk()) >= 0) {
                    sums.addFlows(counters);
                }
                if (carries && plan.isDelta(sk)) {
                    sums.addDeltas(counters);
                }
            });
        }
        if (plan.deltasSeparate()) {
            reader.query(pk, plan.deltas().fromSk(), plan.deltas().toSk(),
                    item -> sums.addDeltas(StatsKeys.counters(item)));
        }
        return sums;
    }

    /** @param flow whether the period's counters are flows, or only the gauges' deltas (see {@link Plan#periods()}) */
    private Map<String, Sums> readPeriod(String period, boolean flow, String pkPrefix, Collection<String> pks,
                                         Plan plan) {
        boolean delta = plan.isDelta(period);
        java.util.Set<String> wanted = new java.util.HashSet<>(pks);
        Map<String, Sums> out = new HashMap<>();
        periodItems(period, pkPrefix).forEach((pk, counters) -> {
            if (wanted.contains(pk)) {
                Sums sums = out.computeIfAbsent(pk, p -> new Sums());
                if (flow) {
                    sums.addFlows(counters);
                }
                if (delta) {
                    sums.addDeltas(counters);
                }
            }
        });
        return out;
    }

    /** The counters by pk of one grouping's items of one day or month, from the byPeriod index or the cache. */
    private Map<String, Map<String, Long>> periodItems(String period, String pkPrefix) {
        Map<String, Map<String, Long>> kept = settled.get(period, pkPrefix);
        if (kept != null) {
            return kept;
        }
        Map<String, Map<String, Long>> read = new HashMap<>();
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(StatsKeys.BY_PERIOD)
                .keyConditionExpression("#p = :p AND begins_with(#pk, :prefix)")
                .expressionAttributeNames(Map.of("#p", StatsKeys.PERIOD, "#pk", StatsKeys.PK))
                .expressionAttributeValues(Map.of(":p", Attr.s(period), ":prefix", Attr.s(pkPrefix))).build();
        dynamo.queryPaginator(request).items()
                .forEach(item -> read.put(Attr.str(item, StatsKeys.PK), StatsKeys.counters(item)));
        settled.put(period, pkPrefix, read);
        return read;
    }

    // ------------------------------------------------------------------ one key, a time series

    @Override
    public Series days(GroupingKey key, LocalDate from, LocalDate to) {
        requireOrdered(from, to);
        String pk = pk(key);
        LocalDate last = reader.lastSnapshotDay();
        boolean beyondSnapshots = last == null || to.isAfter(last);
        String firstDaySk = StatsKeys.day(from);
        if (beyondSnapshots && last == null) {
            firstDaySk = DAY_PREFIX;
        } else if (beyondSnapshots && last.plusDays(1).isBefore(from)) {
            firstDaySk = StatsKeys.day(last.plusDays(1));
        }
        TreeMap<String, Map<String, Long>> dayItems = items(pk, firstDaySk, StatsKeys.day(to));
        Map<String, Gauges> snapshots = new HashMap<>();
        Gauges running = Gauges.NONE;
        if (last != null) {
            LocalDate lastCovered = to.isBefore(last) ? to : last;
            if (!from.isAfter(lastCovered)) {
                reader.query(pk, StatsKeys.snapshot(from), StatsKeys.snapshot(lastCovered),
                        item -> snapshots.put(Attr.str(item, StatsKeys.SK), DynamoStatsReader.gauges(item)));
            }
            if (beyondSnapshots) {
                running = from.isAfter(last) ? snapshots(List.of(pk), last).getOrDefault(pk, Gauges.NONE)
                        : snapshots.getOrDefault(StatsKeys.snapshot(last), Gauges.NONE);
            }
        }
        // Days after the last snapshot but before the series starts still move its first gauges.
        for (Map<String, Long> before : dayItems.headMap(StatsKeys.day(from)).values()) {
            running = running.plus(before);
        }
        List<Point> points = new ArrayList<>();
        Map<String, Long> allFlows = new HashMap<>();
        Gauges gauges = Gauges.NONE;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<String, Long> flows = dayItems.getOrDefault(StatsKeys.day(d), Map.of());
            flows.forEach((k, v) -> allFlows.merge(k, v, Long::sum));
            boolean fromSnapshot = last != null && !d.isAfter(last);
            if (fromSnapshot) {
                gauges = snapshots.getOrDefault(StatsKeys.snapshot(d), Gauges.NONE);
            } else {
                running = running.plus(flows);
                gauges = running;
            }
            points.add(new Point(d, d, StatsFigures.of(flows, gauges), fromSnapshot));
        }
        return new Series(points, StatsFigures.of(allFlows, gauges), last);
    }

    @Override
    public Series months(GroupingKey key, LocalDate from, LocalDate to) {
        requireOrdered(from, to);
        String pk = pk(key);
        LocalDate last = reader.lastSnapshotDay();
        List<LocalDate[]> buckets = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            LocalDate start = m.atDay(1).isBefore(from) ? from : m.atDay(1);
            LocalDate end = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
            buckets.add(new LocalDate[] {start, end});
        }
        boolean beyondSnapshots = last == null || to.isAfter(last);

        // Day items: the ragged first and last months, and the days after the last snapshot.
        List<LocalDate[]> dayRanges = new ArrayList<>();
        List<LocalDate> wholeMonths = new ArrayList<>();
        for (LocalDate[] b : buckets) {
            if (isWholeMonth(b)) {
                wholeMonths.add(b[0]);
            } else {
                dayRanges.add(b);
            }
        }
        TreeMap<String, Map<String, Long>> dayItems = new TreeMap<>();
        List<Supplier<TreeMap<String, Map<String, Long>>>> reads = new ArrayList<>();
        if (beyondSnapshots && last == null) {
            reads.add(() -> items(pk, DAY_PREFIX, StatsKeys.day(to)));
        } else {
            if (beyondSnapshots) {
                dayRanges.add(new LocalDate[] {last.plusDays(1), to});
            }
            for (LocalDate[] r : merge(dayRanges)) {
                reads.add(() -> items(pk, StatsKeys.day(r[0]), StatsKeys.day(r[1])));
            }
        }
        if (!wholeMonths.isEmpty()) {
            reads.add(() -> items(pk, StatsKeys.month(wholeMonths.get(0)),
                    StatsKeys.month(wholeMonths.get(wholeMonths.size() - 1))));
        }
        Map<String, Gauges> snapshotsByDay = new HashMap<>();
        List<String> snapshotDays = new ArrayList<>();
        if (last != null) {
            for (LocalDate[] b : buckets) {
                if (!b[1].isAfter(last)) {
                    snapshotDays.add(StatsKeys.snapshot(b[1]));
                }
            }
            if (beyondSnapshots) {
                snapshotDays.add(StatsKeys.snapshot(last));
            }
        }
        List<TreeMap<String, Map<String, Long>>> read = runAll(reads);
        read.forEach(dayItems::putAll);
        if (!snapshotDays.isEmpty()) {
            List<Map<String, AttributeValue>> keys = snapshotDays.stream().distinct()
                    .map(sk -> StatsKeys.key(pk, sk)).toList();
            batchGet(keys, item -> snapshotsByDay.put(Attr.str(item, StatsKeys.SK), DynamoStatsReader.gauges(item)));
        }

        List<Point> points = new ArrayList<>();
        Map<String, Long> allFlows = new HashMap<>();
        Gauges gauges = Gauges.NONE;
        for (LocalDate[] b : buckets) {
            Map<String, Long> flows = new HashMap<>();
            if (isWholeMonth(b)) {
                flows.putAll(dayItems.getOrDefault(StatsKeys.month(b[0]), Map.of()));
            } else {
                dayItems.subMap(StatsKeys.day(b[0]), true, StatsKeys.day(b[1]), true).values()
                        .forEach(c -> c.forEach((k, v) -> flows.merge(k, v, Long::sum)));
            }
            flows.forEach((k, v) -> allFlows.merge(k, v, Long::sum));
            boolean fromSnapshot = last != null && !b[1].isAfter(last);
            if (fromSnapshot) {
                gauges = snapshotsByDay.getOrDefault(StatsKeys.snapshot(b[1]), Gauges.NONE);
            } else {
                gauges = last == null ? Gauges.NONE : snapshotsByDay.getOrDefault(StatsKeys.snapshot(last), Gauges.NONE);
                String after = last == null ? DAY_PREFIX : StatsKeys.day(last.plusDays(1));
                for (Map<String, Long> day : dayItems.subMap(after, true, StatsKeys.day(b[1]), true).values()) {
                    gauges = gauges.plus(day);
                }
            }
            points.add(new Point(b[0], b[1], StatsFigures.of(flows, gauges), fromSnapshot));
        }
        return new Series(points, StatsFigures.of(allFlows, gauges), last);
    }

    private static boolean isWholeMonth(LocalDate[] bucket) {
        return bucket[0].getDayOfMonth() == 1 && bucket[1].equals(YearMonth.from(bucket[1]).atEndOfMonth());
    }

    /** Overlapping or adjacent day ranges as one: each is one query. */
    private static List<LocalDate[]> merge(List<LocalDate[]> ranges) {
        List<LocalDate[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> a[0].compareTo(b[0]));
        List<LocalDate[]> out = new ArrayList<>();
        for (LocalDate[] r : sorted) {
            LocalDate[] previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous != null && !r[0].isAfter(previous[1].plusDays(1))) {
                if (r[1].isAfter(previous[1])) {
                    previous[1] = r[1];
                }
            } else {
                out.add(new LocalDate[] {r[0], r[1]});
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ requests

    private TreeMap<String, Map<String, Long>> items(String pk, String fromSk, String toSk) {
        TreeMap<String, Map<String, Long>> out = new TreeMap<>();
        reader.query(pk, fromSk, toSk, item -> out.put(Attr.str(item, StatsKeys.SK), StatsKeys.counters(item)));
        return out;
    }

    /** The snapshot of {@code day} for each pk; a pk without one has zero gauges that day. */
    private Map<String, Gauges> snapshots(List<String> pks, LocalDate day) {
        String sk = StatsKeys.snapshot(day);
        Map<String, Gauges> out = new HashMap<>();
        batchGet(pks.stream().distinct().map(pk -> StatsKeys.key(pk, sk)).toList(),
                item -> out.put(Attr.str(item, StatsKeys.PK), DynamoStatsReader.gauges(item)));
        return out;
    }

    private void batchGet(List<Map<String, AttributeValue>> keys, Consumer<Map<String, AttributeValue>> each) {
        for (int i = 0; i < keys.size(); i += BATCH_GET_KEYS) {
            List<Map<String, AttributeValue>> chunk = keys.subList(i, Math.min(keys.size(), i + BATCH_GET_KEYS));
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(chunk).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt >= MAX_BATCH_ATTEMPTS) {
                    throw new IllegalStateException("Snapshots still unprocessed after " + attempt + " attempts");
                }
                if (attempt > 0) {
                    pause(attempt);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table, List.of()).forEach(each);
                pending = response.unprocessedKeys();
            }
        }
    }

    /** Unprocessed keys mean throttling: back off before asking again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading snapshots", e);
        }
    }

    private <T> List<T> runAll(List<Supplier<T>> tasks) {
        List<CompletableFuture<T>> running = tasks.stream()
                .map(t -> CompletableFuture.supplyAsync(t, executor)).toList();
        List<T> out = new ArrayList<>();
        try {
            for (CompletableFuture<T> f : running) {
                out.add(f.join());
            }
        } catch (CompletionException e) {
            running.forEach(f -> f.cancel(false));
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return out;
    }

    private static String pk(GroupingKey key) {
        return StatsKeys.aggregatePk(key.grouping(), key.key());
    }

    private static void requireOrdered(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Period ends " + to + " before it starts " + from);
        }
    }
}
