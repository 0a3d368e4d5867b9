package vn.pakn.aws.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.pakn.domain.stats.AggregateKey;
import vn.pakn.domain.stats.Contribution;
import vn.pakn.domain.stats.DurationHistogram;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.GroupingKey;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures;
import vn.pakn.domain.stats.StatsSource;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.domain.fakes.MovableClock;
import vn.pakn.local.aws.SamTemplate;

/**
 * The batch reader against the key-by-key reader on the same aggregates (DynamoDB Local, the
 * template's StatsTable): whichever plan it picks (key by key, or period by period through the
 * byPeriod index), and before and after snapshots exist, every figure must be the same.
 */
class StatsBatchReaderIT {
    private static final LocalDate FIRST = LocalDate.parse("2026-01-20");
    private static final LocalDate LAST = LocalDate.parse("2026-04-10");
    private static final LocalDate SNAPSHOTS_UNTIL = LocalDate.parse("2026-03-15");
    private static final List<GroupingKey> KEYS = keys();

    private static LocalAwsServices services;
    private static DynamoDbClient dynamo;
    private static String table;
    private static final List<QueryRequest> queries = new CopyOnWriteArrayList<>();
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        services = LocalAwsServices.start(line -> { }, Map.of());
        SamTemplate template = SamTemplate.load();
        table = Provisioner.provision(template, services, line -> { }).tableName("StatsTable");
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(services.region())).endpointOverride(services.dynamoDbEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(services.accessKeyId(), services.secretAccessKey())))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest q) {
                            queries.add(q);
                        }
                    }
                })).build();
        pool = Executors.newFixedThreadPool(4);
        fill();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void everyPlan_beforeAndAfterSnapshots_figuresEqualKeyByKey() {
        DynamoStatsReader single = new DynamoStatsReader(dynamo, table);
        StatsBatchReader batch = new StatsBatchReader(dynamo, table, pool);
        // Whatever ran before: without the marker no snapshot counts, gauges are summed from the first day.
        dynamo.deleteItem(b -> b.tableName(table).key(StatsKeys.key(StatsKeys.META_PK, StatsKeys.SNAPSHOTS_SK)));
        assertNull(single.lastSnapshotDay());
        compareAll(single, batch);

        new DailySnapshots(dynamo, table, Clock.systemUTC()).rebuild(FIRST, SNAPSHOTS_UNTIL);
        assertEquals(SNAPSHOTS_UNTIL, single.lastSnapshotDay());
        queries.clear();
        compareAll(single, batch);
        assertTrue(queries.stream().anyMatch(q -> StatsKeys.BY_PERIOD.equals(q.indexName())),
                "many keys over a few days are read period by period");
    }

    @Test
    void daysAndMonths_equalTheFiguresOfEachDayOrMonth() {
        DynamoStatsReader single = new DynamoStatsReader(dynamo, table);
        StatsBatchReader batch = new StatsBatchReader(dynamo, table, pool);
        new DailySnapshots(dynamo, table, Clock.systemUTC()).rebuild(FIRST, SNAPSHOTS_UNTIL);
        GroupingKey key = new GroupingKey(Grouping.CATEGORY, "c3");
        List<LocalDate[]> periods = List.of(period("2026-03-10", "2026-03-20"), period("2026-03-17", "2026-03-19"),
                period("2026-01-25", "2026-02-05"), period("2026-01-01", "2026-04-30"), period("2026-02-01", "2026-02-28"),
                period("2026-01-20", "2026-04-10"));
        for (LocalDate[] p : periods) {
            StatsSource.Series days = batch.days(key, p[0], p[1]);
            assertEquals(p[0].datesUntil(p[1].plusDays(1)).count(), days.points().size(), "one point a day");
            for (StatsSource.Point point : days.points()) {
                assertEquals(single.figures(key.grouping(), key.key(), point.from(), point.to()), point.figures(),
                        "day " + point.from());
                assertEquals(!point.to().isAfter(SNAPSHOTS_UNTIL), point.gaugesFromSnapshot());
            }
            assertEquals(single.figures(key.grouping(), key.key(), p[0], p[1]), days.total(), "days total " + p[0]);

            StatsSource.Series months = batch.months(key, p[0], p[1]);
            assertEquals(p[0], months.points().get(0).from());
            assertEquals(p[1], months.points().get(months.points().size() - 1).to());
            for (StatsSource.Point point : months.points()) {
                assertEquals(single.figures(key.grouping(), key.key(), point.from(), point.to()), point.figures(),
                        "month from " + point.from());
            }
            assertEquals(single.figures(key.grouping(), key.key(), p[0], p[1]), months.total(), "months total " + p[0]);
        }
    }

    @Test
    void periodEndingToday_takesTheMonthSoFarFromItsItem_figuresEqualTheDaysSummed() {
        DynamoStatsReader single = new DynamoStatsReader(dynamo, table);
        // The data's last day is today: no day after it has an item, as in production.
        Clock today = Clock.fixed(LAST.atTime(15, 0).atZone(StatsContribution.ZONE).toInstant(), StatsContribution.ZONE);
        StatsBatchReader batch = new StatsBatchReader(dynamo, table, pool, today);
        // As in production, where the nightly snapshot of yesterday is the last one.
        new DailySnapshots(dynamo, table, Clock.systemUTC()).rebuild(FIRST, LAST.minusDays(1));
        // Enough keys that reading period by period takes fewer requests than key by key.
        List<GroupingKey> keys = new ArrayList<>(KEYS);
        for (int i = 12; i < 40; i++) {
            keys.add(new GroupingKey(Grouping.CATEGORY, "c" + i));
        }
        String thisMonth = StatsKeys.month(LAST);
        // The last 30 days (March's tail as days, April so far as its month item), April so far alone,
        // and a period ending before today, whose days are read one by one as before.
        for (LocalDate[] p : List.of(period("2026-03-12", "2026-04-10"), period("2026-04-01", "2026-04-10"),
                period("2026-02-25", "2026-04-10"), period("2026-03-20", "2026-04-08"))) {
            queries.clear();
            StatsSource.Reading reading = batch.figures(keys, p[0], p[1]);
            List<QueryRequest> made = List.copyOf(queries);
            for (GroupingKey key : keys) {
                assertEquals(single.figures(key.grouping(), key.key(), p[0], p[1]), reading.figures().get(key),
                        key + " " + p[0] + ".." + p[1]);
            }
            List<String> periods = made.stream().filter(q -> StatsKeys.BY_PERIOD.equals(q.indexName()))
                    .map(q -> q.expressionAttributeValues().get(":p").s()).toList();
            long days = p[0].datesUntil(p[1].plusDays(1)).count();
            if (p[1].equals(LAST)) {
                assertTrue(periods.contains(thisMonth), "April so far from its month item: " + periods);
                assertTrue(periods.size() < days, periods.size() + " periods read for " + days + " days: " + periods);
            } else {
                assertTrue(!periods.contains(thisMonth) && periods.contains(StatsKeys.day(p[1])),
                        "a period ending before today is read day by day: " + periods);
            }
        }
        assertTrue(batch.figures(keys, LocalDate.parse("2026-04-01"), LAST).figures()
                .get(GroupingKey.PROVINCE).received() > 0, "the data is there");
    }

    @Test
    void endedDaysKeptForTheTimeToLive_theMonthSoFarAndTodayReadEveryTime() {
        DynamoStatsReader single = new DynamoStatsReader(dynamo, table);
        MovableClock clock = new MovableClock(LAST.atTime(15, 0).atZone(StatsContribution.ZONE).toInstant());
        StatsBatchReader batch = new StatsBatchReader(dynamo, table, pool, clock,
                new SettledPeriodCache(Duration.ofMinutes(5), 10_000, clock));
        new DailySnapshots(dynamo, table, Clock.systemUTC()).rebuild(FIRST, LAST.minusDays(1));
        List<GroupingKey> keys = new ArrayList<>(KEYS);
        for (int i = 12; i < 40; i++) {
            keys.add(new GroupingKey(Grouping.CATEGORY, "c" + i));
        }
        GroupingKey c1 = new GroupingKey(Grouping.CATEGORY, "c1");
        LocalDate from = LocalDate.parse("2026-03-12");
        LocalDate endedDay = LocalDate.parse("2026-03-20");
        long before = batch.figures(keys, from, LAST).figures().get(c1).received();
        assertEquals(single.figures(c1.grouping(), c1.key(), from, LAST).received(), before);

        // A late record (or a repair) on an ended day, and a complaint received today.
        add(c1, endedDay, 100);
        add(c1, LAST, 1000);
        queries.clear();
        long again = batch.figures(keys, from, LAST).figures().get(c1).received();
        List<String> periodsRead = queries.stream().filter(q -> StatsKeys.BY_PERIOD.equals(q.indexName()))
                .map(q -> q.expressionAttributeValues().get(":p").s()).toList();
        assertEquals(before + 1000, again, "today counts at once; the ended day as it was read");
        assertEquals(List.of(StatsKeys.month(LAST), StatsKeys.day(LAST)).stream().sorted().toList(),
                periodsRead.stream().sorted().toList(), "only the month so far and today are read again");

        clock.advance(Duration.ofMinutes(5));
        long later = batch.figures(keys, from, LAST).figures().get(c1).received();
        assertEquals(before + 1100, later, "the ended day's change is seen after the time to live");
        assertEquals(single.figures(c1.grouping(), c1.key(), from, LAST).received(), later);
    }

    @Test
    void oneAreasCategories_readKeyByKey_notEveryAreasItemsOfEachPeriod() {
        DynamoStatsReader single = new DynamoStatsReader(dynamo, table);
        StatsBatchReader batch = new StatsBatchReader(dynamo, table, pool);
        List<GroupingKey> kinhBac = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            kinhBac.add(new GroupingKey(Grouping.CATEGORY_AREA, Grouping.categoryArea("c" + i, "24-kinh-bac")));
            // The same categories in other communes: what a period's query would return besides.
            add(new GroupingKey(Grouping.CATEGORY_AREA, Grouping.categoryArea("c" + i, "24-tu-son")),
                    LocalDate.parse("2026-03-" + (10 + i % 10)), 1);
        }
        for (int i = 0; i < 40; i += 3) {
            add(kinhBac.get(i), LocalDate.parse("2026-03-" + (10 + i % 10)), 2 + i);
        }
        queries.clear();
        StatsSource.Reading reading = batch.figures(kinhBac, LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-21"));

        assertTrue(queries.stream().noneMatch(q -> StatsKeys.BY_PERIOD.equals(q.indexName())),
                "40 keys over 14 days would be fewer requests by period, but each would read every commune's items");
        for (GroupingKey key : kinhBac) {
            assertEquals(single.figures(key.grouping(), key.key(), LocalDate.parse("2026-03-08"),
                    LocalDate.parse("2026-03-21")), reading.figures().get(key), key.toString());
        }
        assertEquals(2, reading.figures().get(kinhBac.get(0)).received(), "the data is there");
    }

    /** What the aggregator adds for {@code received} complaints of one key on one day: its day and month items. */
    private static void add(GroupingKey key, LocalDate day, long received) {
        Map<AggregateKey, Map<String, Long>> counters = new LinkedHashMap<>();
        counters.put(new AggregateKey(key.grouping(), key.key(), StatsKeys.day(day)),
                Map.of(StatsContribution.RECEIVED, received));
        counters.put(new AggregateKey(key.grouping(), key.key(), StatsKeys.month(day)),
                Map.of(StatsContribution.RECEIVED, received));
        new DynamoStatsTable(dynamo, table, Clock.systemUTC()).add(new Contribution("it-late-" + key.key() + "-" + day + "-" + received,
                1, counters));
    }

    private static void compareAll(DynamoStatsReader single, StatsBatchReader batch) {
        List<LocalDate[]> periods = List.of(period("2026-01-25", "2026-02-10"), period("2026-02-01", "2026-02-28"),
                period("2026-01-20", "2026-04-10"), period("2026-03-10", "2026-03-20"), period("2026-03-16", "2026-03-18"),
                period("2026-04-05", "2026-04-30"), period("2025-12-01", "2026-01-19"), period("2026-03-15", "2026-03-15"));
        for (LocalDate[] p : periods) {
            StatsSource.Reading reading = batch.figures(KEYS, p[0], p[1]);
            assertEquals(KEYS, new ArrayList<>(reading.figures().keySet()), "every key, in the order asked");
            for (GroupingKey key : KEYS) {
                StatsFigures expected = single.figures(key.grouping(), key.key(), p[0], p[1]);
                assertEquals(expected, reading.figures().get(key), key + " " + p[0] + ".." + p[1]);
            }
            LocalDate last = single.lastSnapshotDay();
            assertEquals(last != null && !p[1].isAfter(last), reading.gaugesFromSnapshot());
        }
        Map<String, StatsFigures> viaOldSignature = single.figuresOf(Grouping.CATEGORY, List.of("c1", "c2"),
                FIRST, LAST);
        assertEquals(single.figures(Grouping.CATEGORY, "c2", FIRST, LAST), viaOldSignature.get("c2"));
        assertTrue(batch.figures(KEYS, FIRST, LAST).figures().get(GroupingKey.PROVINCE).received() > 0,
                "the data is there");
    }

    /** Random but reproducible counters on most days for every key, day and month items alike, as the aggregator writes them. */
    private static void fill() {
        Random random = new Random(42);
        DynamoStatsTable writer = new DynamoStatsTable(dynamo, table, Clock.systemUTC());
        int seq = 0;
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            if (random.nextInt(10) < 2) {
                continue;
            }
            Map<AggregateKey, Map<String, Long>> counters = new LinkedHashMap<>();
            for (GroupingKey key : KEYS) {
                if (key.grouping() != Grouping.PROVINCE && random.nextBoolean()) {
                    continue;
                }
                Map<String, Long> c = new LinkedHashMap<>();
                long resolved = random.nextInt(3);
                c.put(StatsContribution.RECEIVED, 1L + random.nextInt(3));
                c.put(StatsContribution.RESOLVED, resolved);
                c.put(StatsContribution.ON_TIME, (long) random.nextInt((int) resolved + 1));
                c.put(StatsContribution.REJECTED, (long) random.nextInt(2));
                c.put(StatsContribution.RATINGS, 2L);
                c.put(StatsContribution.RATINGS_4_5, (long) random.nextInt(3));
                c.put(DurationHistogram.counter(StatsContribution.RESOLVE, random.nextInt(20)), 1L);
                c.put(DurationHistogram.counter(StatsContribution.ACK, random.nextInt(6)), 1L);
                c.put(StatsContribution.OPEN_DELTA, (long) random.nextInt(5) - 1);
                c.put(StatsContribution.OPEN_OVERDUE_DELTA, (long) random.nextInt(3) - 1);
                c.values().removeIf(v -> v == 0);
                counters.put(new AggregateKey(key.grouping(), key.key(), StatsKeys.day(d)), c);
                counters.put(new AggregateKey(key.grouping(), key.key(), StatsKeys.month(d)), c);
            }
            writer.add(new Contribution("it-" + d, ++seq, counters));
        }
    }

    private static List<GroupingKey> keys() {
        List<GroupingKey> keys = new ArrayList<>();
        keys.add(GroupingKey.PROVINCE);
        for (int i = 0; i < 12; i++) {
            keys.add(new GroupingKey(Grouping.CATEGORY, "c" + i));
        }
        keys.add(new GroupingKey(Grouping.AREA, "24"));
        keys.add(new GroupingKey(Grouping.CHANNEL, "web"));
        return keys;
    }

    private static LocalDate[] period(String from, String to) {
        return new LocalDate[] {LocalDate.parse(from), LocalDate.parse(to)};
    }
}
