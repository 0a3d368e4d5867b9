package vn.pakn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.stats.DailySnapshots;
import vn.pakn.aws.stats.DynamoStatsReader;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.aws.stats.Reconciliation;
import vn.pakn.aws.stats.Reconciliation.Drift;
import vn.pakn.aws.stats.StatsKeys;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.stats.AggregateKey;
import vn.pakn.domain.stats.ComplaintFacts;
import vn.pakn.domain.stats.Contribution;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsContribution;

/**
 * The reconciliation finds each kind of drift precisely, repairs only what lasts, tells events
 * still on their way from drift, and counts a complaint that changes while the scan goes by. Three
 * complaints over 30 May - 1 June 2026 (Asia/Ho_Chi_Minh): local midnights and a month end.
 */
class ReconciliationIT {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-it");
    private static final Actor WATCH = Actor.system("deadline-watch");
    private static final String A1 = "bn-ubnd-kinh-bac";
    private static final String A2 = "bn-ubnd-vo-cuong";
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 5, 30);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 1);

    private static StatsTestBed bed;

    private String a;
    private String b;
    private String c;

    @BeforeAll
    static void start() throws Exception {
        bed = StatsTestBed.start();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @BeforeEach
    void threeComplaints() {
        bed.truncate();
        // a: received 09:00 on 30 May, resolved the same evening, confirmed with 5 stars on 31 May.
        a = bed.receive(local("2026-05-30T09:00"), "noise", "24-kinh-bac", Channel.WEB);
        bed.act(a, new Command.Route(A1, "routed"), WATCH, local("2026-05-30T09:01"));
        bed.act(a, new Command.Acknowledge(null), OFFICER, local("2026-05-30T11:00"));
        bed.act(a, new Command.Resolve("Đã xử lý"), OFFICER, local("2026-05-30T19:00"));
        bed.act(a, new Command.Confirm(5, null), Actor.citizen(Channel.WEB), local("2026-05-31T08:00"));
        // b: received 23:30 on 30 May, transferred after midnight, rejected on 1 June.
        b = bed.receive(local("2026-05-30T23:30"), "waste", "24-vo-cuong", Channel.MOBILE);
        bed.act(b, new Command.Route(A1, "routed"), WATCH, local("2026-05-30T23:31"));
        bed.act(b, new Command.Transfer(A2, "Không thuộc thẩm quyền"), OFFICER, local("2026-05-31T00:30"));
        bed.act(b, new Command.Acknowledge(null), OFFICER, local("2026-05-31T09:00"));
        bed.act(b, new Command.Reject(RejectReason.INVALID, null, null), OFFICER, local("2026-06-01T10:00"));
        // c: received on 31 May, misses its acknowledgement deadline on 1 June, still open.
        c = bed.receive(local("2026-05-31T10:00"), "noise", "24-kinh-bac", Channel.HOTLINE);
        bed.act(c, new Command.Route(A1, "routed"), WATCH, local("2026-05-31T10:01"));
        bed.act(c, new Command.MarkOverdue("acknowledge"), WATCH, local("2026-06-01T11:00"));
    }

    @Test
    void tablesThatAgree_noDrift_andTheReportSaysWhatWasRead() {
        bed.applyAll(List.of(a, b, c));
        snapshots();

        Reconciliation.Result result = reconciliation().check();

        assertEquals(List.of(), result.drifts(), result.report());
        assertFalse(result.hasDrift());
        assertEquals(3, result.complaints());
        assertEquals(5 + 5 + 3, result.events());
        assertEquals(0, result.reread());
        assertEquals(aggregateItems(), result.aggregates(), "every DAY and MONTH item compared");
        assertEquals(LAST_DAY, result.snapshotsUpTo());
        assertTrue(result.snapshots() > 0);
        assertTrue(result.report().contains("Read 3 complaint(s) and replayed 13 event(s)."), result.report());
        assertTrue(result.report().endsWith("No drift.\n"), result.report());
    }

    @Test
    void tamperedCounter_deletedAggregate_droppedEvent_corruptSnapshots_eachReportedPrecisely_thenRepaired() {
        // The stream dropped a's confirmation (event 5): a flow only, no backlog change.
        StatsAggregator aggregator = bed.aggregator(new DynamoStatsTable(bed.dynamo, bed.statsTable, Clock.systemUTC()));
        for (String id : List.of(a, b, c)) {
            for (ComplaintEvent e : bed.events(id)) {
                if (!(id.equals(a) && e.seq() == 5)) {
                    aggregator.apply(id, e.seq());
                }
            }
        }
        snapshots();
        List<Drift> expected = new ArrayList<>();
        // Dropped event: exactly its contribution is missing.
        List<ComplaintEvent> events = bed.events(a);
        Contribution dropped = StatsContribution.of(events.get(4), events.subList(0, 4),
                ComplaintFacts.of(bed.complaint(a), bed.reference));
        dropped.counters().forEach((key, counters) -> counters.forEach((name, amount) -> {
            long inTable = counter(key.pk(), key.sk(), name);
            expected.add(new Drift(key.pk(), key.sk(), name, inTable + amount, inTable, 0));
        }));
        // Someone added 2 to a counter by hand.
        String noise = StatsKeys.aggregatePk(Grouping.CATEGORY, "noise");
        long received = counter(noise, "DAY#2026-05-30", "received");
        add(noise, "DAY#2026-05-30", "received", 2);
        expected.add(new Drift(noise, "DAY#2026-05-30", "received", received, received + 2, 0));
        // A whole aggregate item was deleted: every non-zero counter of it is missing.
        String hotline = StatsKeys.aggregatePk(Grouping.CHANNEL, "hotline");
        Map<String, AttributeValue> deleted = item(hotline, "MONTH#2026-06");
        bed.dynamo.deleteItem(r -> r.tableName(bed.statsTable).key(StatsKeys.key(hotline, "MONTH#2026-06")));
        StatsKeys.counters(deleted).forEach((name, value) -> {
            if (value != 0) {
                expected.add(new Drift(hotline, "MONTH#2026-06", name, value, 0, 0));
            }
        });
        // One snapshot corrupted, another deleted.
        String province = StatsKeys.aggregatePk(Grouping.PROVINCE, Grouping.ALL);
        long open = Attr.num(item(province, "SNAP#2026-05-31"), StatsKeys.OPEN);
        bed.dynamo.updateItem(r -> r.tableName(bed.statsTable).key(StatsKeys.key(province, "SNAP#2026-05-31"))
                .updateExpression("SET #o = :v").expressionAttributeNames(Map.of("#o", StatsKeys.OPEN))
                .expressionAttributeValues(Map.of(":v", Attr.n(99))));
        expected.add(new Drift(province, "SNAP#2026-05-31", StatsKeys.OPEN, open, 99, 0));
        String area = StatsKeys.aggregatePk(Grouping.AREA, "24-kinh-bac");
        bed.dynamo.deleteItem(r -> r.tableName(bed.statsTable).key(StatsKeys.key(area, "SNAP#2026-06-01")));
        expected.add(new Drift(area, "SNAP#2026-06-01", StatsKeys.OPEN, 1, 0, 0));
        expected.add(new Drift(area, "SNAP#2026-06-01", StatsKeys.OPEN_OVERDUE, 1, 0, 0));

        Reconciliation reconciliation = reconciliation();
        Reconciliation.Result first = reconciliation.check();

        expected.sort(Comparator.comparing(Drift::pk).thenComparing(Drift::sk).thenComparing(Drift::counter));
        assertEquals(expected, first.drifts(), first.report());
        assertTrue(first.hasDrift());
        assertTrue(first.report().contains("AGG#CATEGORY#noise DAY#2026-05-30 received: expected " + received
                + ", table " + (received + 2) + " (+2)"), first.report());
        assertTrue(first.report().contains("AGG#PROVINCE#ALL SNAP#2026-05-31 open: expected " + open + ", table 99"),
                first.report());
        assertTrue(first.report().contains("AGG#PROVINCE#ALL DAY#2026-05-31 ratings45: expected 1, table 0 (-1)"),
                first.report());

        Reconciliation.Repair repair = reconciliation.repair(first);

        assertEquals(expected, repair.repaired(), repair.report());
        assertEquals(List.of(), repair.leftAlone());
        assertEquals(LocalDate.of(2026, 5, 31), repair.snapshotsRebuiltFrom());
        assertEquals(List.of(), repair.after().drifts(), repair.report());
        assertEquals(List.of(), reconciliation.check().drifts(), "a fresh run agrees");
        DynamoStatsReader reader = new DynamoStatsReader(bed.dynamo, bed.statsTable);
        assertEquals(1, reader.flows(Grouping.PROVINCE, Grouping.ALL, FIRST_DAY, LAST_DAY).get("ratings45"));
        assertEquals("MONTH#2026-06", Attr.str(item(hotline, "MONTH#2026-06"), StatsKeys.PERIOD),
                "a re-created aggregate is found by period again");
        assertEquals(1, reader.gaugesAsOf(Grouping.AREA, "24-kinh-bac", LAST_DAY).open());
    }

    @Test
    void driftThatChangesBetweenTheTwoChecks_isLeftAlone_untilItLasts() {
        bed.applyAll(List.of(a, b, c));
        snapshots();
        String province = StatsKeys.aggregatePk(Grouping.PROVINCE, Grouping.ALL);
        long rejected = counter(province, "MONTH#2026-06", "rejected");
        add(province, "MONTH#2026-06", "rejected", 1);
        Reconciliation reconciliation = reconciliation();
        Reconciliation.Result first = reconciliation.check();
        assertEquals(List.of(new Drift(province, "MONTH#2026-06", "rejected", rejected, rejected + 1, 0)), first.drifts());

        // Something writes to the same counter between the two checks: the first check's view is stale.
        add(province, "MONTH#2026-06", "rejected", 1);
        Reconciliation.Repair stale = reconciliation.repair(first);

        assertEquals(List.of(), stale.repaired());
        assertEquals(List.of(new Drift(province, "MONTH#2026-06", "rejected", rejected, rejected + 2, 0)),
                stale.leftAlone());
        assertEquals(rejected + 2, counter(province, "MONTH#2026-06", "rejected"), "nothing written");
        assertTrue(stale.report().contains("Left alone 1 drifting value(s)"), stale.report());

        Reconciliation.Repair lasting = reconciliation.repair(stale.after());
        assertEquals(1, lasting.repaired().size());
        assertEquals(rejected, counter(province, "MONTH#2026-06", "rejected"));
        assertFalse(lasting.after().hasDrift(), lasting.report());
    }

    @Test
    void recentEventNotYetApplied_isOnItsWay_notDrift_neverRepaired_andGoesAwayWhenApplied() {
        bed.applyAll(List.of(a, b, c));
        snapshots();
        Instant at = local("2026-06-01T12:00");
        bed.act(c, new Command.Acknowledge(null), OFFICER, at);
        // Its contribution is written in parts of 4; the aggregator dies after the first one.
        AtomicInteger parts = new AtomicInteger();
        DynamoStatsTable dying = new DynamoStatsTable(bed.dynamo, bed.statsTable, Clock.systemUTC(), 4) {
            @Override
            protected void transact(List<TransactWriteItem> writes) {
                if (parts.incrementAndGet() > 1) {
                    throw new IllegalStateException("crash before the second part");
                }
                super.transact(writes);
            }
        };
        try {
            bed.aggregator(dying).apply(c, 4);
        } catch (IllegalStateException expectedCrash) {
            // the stream will deliver it again
        }
        List<ComplaintEvent> events = bed.events(c);
        Contribution ack = StatsContribution.of(events.get(3), events.subList(0, 3),
                ComplaintFacts.of(bed.complaint(c), bed.reference));
        List<List<Map.Entry<AggregateKey, Map<String, Long>>>> split = DynamoStatsTable.parts(ack, 4);
        assertTrue(split.size() > 1);
        Map<String, Long> onTheirWay = new HashMap<>();
        split.subList(1, split.size()).forEach(part -> part.forEach(e -> e.getValue().forEach((name, amount) ->
                onTheirWay.put(e.getKey().pk() + " " + e.getKey().sk() + " " + name, amount))));

        Reconciliation soon = bed.reconciliation(Clock.fixed(at.plusSeconds(600), ZoneOffset.UTC), 4);
        Reconciliation.Result first = soon.check();

        assertFalse(first.hasDrift(), first.report());
        assertEquals(onTheirWay.size(), first.drifts().size(), first.report());
        for (Drift d : first.drifts()) {
            assertTrue(d.isOnItsWay(), d.toString());
            assertEquals(onTheirWay.get(d.pk() + " " + d.sk() + " " + d.counter()), d.onTheirWay(), d.toString());
        }
        assertTrue(first.report().contains("still on its way"), first.report());
        Reconciliation.Repair repair = soon.repair(first);
        assertEquals(List.of(), repair.repaired());
        assertEquals(first.drifts(), repair.after().drifts(), "nothing written");

        // Three hours later the same gap is no longer on its way: the record was dropped.
        Reconciliation later = bed.reconciliation(Clock.fixed(at.plusSeconds(3 * 3600), ZoneOffset.UTC), 4);
        assertTrue(later.check().hasDrift());

        assertTrue(bed.aggregator(new DynamoStatsTable(bed.dynamo, bed.statsTable, Clock.systemUTC(), 4)).apply(c, 4));
        assertEquals(List.of(), soon.check().drifts(), "the redelivery filled exactly the gap");
    }

    @Test
    void complaintChangedWhileTheScanGoesBy_isReadAgain_andItsNewEventCounted() {
        bed.applyAll(List.of(a, b, c));
        snapshots();
        int lastSeq = bed.events(c).size();
        AtomicBoolean written = new AtomicBoolean();
        // The scan reads one item per page. Once it has passed c's events (and reached its outbox
        // items, which sort between events and state), the agency acknowledges c and the
        // aggregator counts it: the new event is behind the scan, the new state ahead of it.
        DynamoDbClient scanningSlowly = interceptScans(bed.dynamo, bed.complaintsTable, page -> {
            Map<String, AttributeValue> at = page.lastEvaluatedKey();
            if (!written.get() && at != null && ComplaintKeys.complaintPk(c).equals(Attr.str(at, ComplaintKeys.PK))
                    && Attr.str(at, ComplaintKeys.SK).startsWith(ComplaintKeys.OUTBOX_SK_PREFIX)) {
                written.set(true);
                bed.act(c, new Command.Acknowledge(null), OFFICER, local("2026-06-01T12:00"));
                bed.aggregator(new DynamoStatsTable(bed.dynamo, bed.statsTable, Clock.systemUTC())).apply(c, lastSeq + 1);
            }
        });

        Reconciliation.Result result = new Reconciliation(scanningSlowly, bed.complaintsTable, bed.statsTable,
                bed.reference, Clock.systemUTC()).check();

        assertTrue(written.get(), "the write happened during the scan");
        assertEquals(1, result.reread());
        assertEquals(5 + 5 + 4, result.events());
        assertEquals(List.of(), result.drifts(), result.report());
    }

    private static Reconciliation reconciliation() {
        return bed.reconciliation(Clock.systemUTC(), DynamoStatsTable.UPDATES_PER_PART);
    }

    private static void snapshots() {
        new DailySnapshots(bed.dynamo, bed.statsTable, Clock.systemUTC()).rebuild(FIRST_DAY, LAST_DAY);
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(StatsContribution.ZONE).toInstant();
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = bed.dynamo.getItem(r -> r.tableName(bed.statsTable).consistentRead(true)
                .key(StatsKeys.key(pk, sk))).item();
        assertNotNull(item);
        assertFalse(item.isEmpty(), pk + " " + sk);
        return item;
    }

    private static long counter(String pk, String sk, String name) {
        Map<String, AttributeValue> item = bed.dynamo.getItem(r -> r.tableName(bed.statsTable).consistentRead(true)
                .key(StatsKeys.key(pk, sk))).item();
        Long value = item == null ? null : Attr.num(item, name);
        return value == null ? 0 : value;
    }

    private static void add(String pk, String sk, String name, long amount) {
        bed.dynamo.updateItem(r -> r.tableName(bed.statsTable).key(StatsKeys.key(pk, sk))
                .updateExpression("ADD #c :v").expressionAttributeNames(Map.of("#c", name))
                .expressionAttributeValues(Map.of(":v", Attr.n(amount))));
    }

    private static long aggregateItems() {
        return bed.dynamo.scanPaginator(r -> r.tableName(bed.statsTable).consistentRead(true)).items().stream()
                .filter(i -> Attr.str(i, StatsKeys.PK).startsWith("AGG#"))
                .filter(i -> !Attr.str(i, StatsKeys.SK).startsWith("SNAP#"))
                .count();
    }

    /** A client whose scans of one table read one item per page and call {@code afterPage} after each. */
    private static DynamoDbClient interceptScans(DynamoDbClient real, String table,
                                                 Consumer<ScanResponse> afterPage) {
        DynamoDbClient[] self = new DynamoDbClient[1];
        self[0] = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (args != null && args.length == 1 && args[0] instanceof ScanRequest request
                            && table.equals(request.tableName())) {
                        if (method.getName().equals("scanPaginator")) {
                            return new ScanIterable(self[0], request);
                        }
                        if (method.getName().equals("scan")) {
                            ScanResponse page = real.scan(request.toBuilder().limit(1).build());
                            afterPage.accept(page);
                            return page;
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return self[0];
    }
}
