package vn.pakn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.stats.Contribution;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.StreamRecords;

/**
 * The aggregator as deployed, on the embedded DynamoDB Local and its real stream: complaints are
 * created and moved through their lifecycles as the APIs do, the handler (built from the
 * template's environment for StatsAggregatorFunction) is fed the stream's records unfiltered, and
 * each batch is delivered again after a crash, as Lambda would. The counters must equal the
 * figures worked out by hand from the lifecycles, exactly.
 */
class StatsAggregatorIT {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-it");
    private static final String A1 = "bn-ubnd-kinh-bac";
    private static final String A2 = "bn-ubnd-vo-cuong";

    private static LocalAwsServices services;
    private static Map<String, String> env;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;
    private static String streamArn;
    private static String complaintsTable;
    private static String statsTable;
    private static DynamoComplaintStore store;
    private static Lifecycle lifecycle;
    private static DynamoReferenceData reference;
    private static StatsAggregatorHandler handler;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        LocalDeployment deployment = demo.deployment();
        env = deployment.functionEnvironment(template.function("StatsAggregatorFunction"));
        dynamo = services.dynamoDb();
        streams = services.dynamoDbStreams();
        streamArn = deployment.streamArn("ComplaintsTable");
        complaintsTable = env.get("COMPLAINTS_TABLE");
        statsTable = env.get("STATS_TABLE");
        reference = new DynamoReferenceData(dynamo, env.get("REFERENCE_TABLE"), Duration.ZERO, Clock.systemUTC());
        store = new DynamoComplaintStore(dynamo, complaintsTable,
                new AssignmentMessages(services.s3Presigner(), env.get("PHOTOS_BUCKET") == null ? "unused"
                        : env.get("PHOTOS_BUCKET"), Clock.systemUTC()));
        lifecycle = new Lifecycle(reference);
        handler = new StatsAggregatorHandler(env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (handler != null) {
            handler.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void everyBatchDeliveredAgainAfterACrash_countsEachEventOnce_figuresExact() {
        // 08:00 in Hanoi; every event below falls on 2026-03-10 there.
        Instant t = Instant.parse("2026-03-10T01:00:00Z");
        String a = routed(t, A1);
        act(a, new Command.Acknowledge(null), t.plus(hours(2)));
        act(a, new Command.Resolve("Đã xử lý"), t.plus(hours(10)));
        act(a, new Command.Confirm(5, null), t.plus(hours(11)));
        String b = routed(t, A1);
        act(b, new Command.Transfer(A2, "Không thuộc thẩm quyền"), t.plus(hours(1)));
        act(b, new Command.Acknowledge(null), t.plus(minutes(90)));
        act(b, new Command.Reject(RejectReason.INVALID, null, null), t.plus(hours(3)));
        String c = routed(t, A1);
        act(c, new Command.MarkOverdue("acknowledge"), t.plus(hours(5)));
        act(c, new Command.Acknowledge(null), t.plus(hours(6)));
        act(c, new Command.Resolve("Đã xử lý"), t.plus(hours(7)));
        act(c, new Command.Reopen("Chưa xong"), t.plus(hours(8)));
        act(c, new Command.Acknowledge(null), t.plus(minutes(510)));
        act(c, new Command.Resolve("Đã xử lý lại"), t.plus(hours(9)));
        List<DynamodbStreamRecord> records = recordsAbout(Map.of(a, 5, b, 5, c, 8));

        // First delivery: the store dies right after its 8th write went through, before answering.
        AtomicInteger writes = new AtomicInteger();
        DynamoStatsTable crashing = new DynamoStatsTable(dynamo, statsTable, Clock.systemUTC()) {
            @Override
            public boolean add(Contribution contribution) {
                boolean added = super.add(contribution);
                if (added && writes.incrementAndGet() == 8) {
                    throw new IllegalStateException("crash after the write");
                }
                return added;
            }
        };
        StreamsEventResponse first;
        try (var failing = new StatsAggregatorHandler(env, new StatsAggregator(dynamo, complaintsTable, reference, crashing))) {
            first = failing.handleRequest(batch(records), null);
        }
        assertEquals(8, writes.get(), "the crash happened");
        assertFalse(first.getBatchItemFailures().isEmpty());
        String resumeAt = first.getBatchItemFailures().get(0).getItemIdentifier();
        int from = indexOf(records, resumeAt);
        assertEquals(records.size() - from, first.getBatchItemFailures().size(), "the failed record and all after it");

        // Lambda resumes from the first failed record, which was in fact applied; then the whole
        // batch comes again (a retry after a timeout, or a bisected retry).
        assertTrue(handler.handleRequest(batch(records.subList(from, records.size())), null).getBatchItemFailures().isEmpty());
        Map<String, Map<String, Long>> afterOnce = aggregates("2026-03");
        assertTrue(handler.handleRequest(batch(records), null).getBatchItemFailures().isEmpty());
        assertEquals(afterOnce, aggregates("2026-03"), "the full redelivery changed nothing");

        Map<String, Long> province = new TreeMap<>(Map.ofEntries(
                Map.entry("received", 3L), Map.entry("resolved", 2L), Map.entry("resolvedAgain", 1L),
                Map.entry("rejected", 1L), Map.entry("closed", 1L), Map.entry("ratings", 1L), Map.entry("ratings45", 1L),
                Map.entry("reopened", 1L), Map.entry("transferred", 1L), Map.entry("overdue", 1L),
                // Both first resolutions came well within the category's working days; all three ended
                // closed, rejected or resolved, so the backlog deltas of the day sum to nothing.
                Map.entry("onTime", 2L),
                // Acknowledged after 0.5 h (b, after its transfer; c, after its reopen), 2 h (a), 6 h (c).
                Map.entry("ackH_00", 2L), Map.entry("ackH_01", 1L), Map.entry("ackH_04", 1L),
                // First resolutions 7 h (c, in (6, 8]) and 10 h (a, in (8, 12]) after receipt.
                Map.entry("resolveH_05", 1L), Map.entry("resolveH_06", 1L)));
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (String period : List.of("DAY#2026-03-10", "MONTH#2026-03")) {
            for (String pk : List.of("AGG#PROVINCE#ALL", "AGG#CATEGORY#noise", "AGG#AREA#24", "AGG#AREA#24-kinh-bac",
                    "AGG#CHANNEL#web", "AGG#CATEGORY_AREA#noise@24", "AGG#CATEGORY_AREA#noise@24-kinh-bac")) {
                expected.put(pk + "|" + period, province);
            }
            expected.put("AGG#AGENCY#" + A1 + "|" + period, new TreeMap<>(Map.ofEntries(
                    Map.entry("resolved", 2L), Map.entry("resolvedAgain", 1L), Map.entry("closed", 1L),
                    Map.entry("ratings", 1L), Map.entry("ratings45", 1L), Map.entry("reopened", 1L),
                    Map.entry("transferred", 1L), Map.entry("overdue", 1L), Map.entry("ackH_00", 1L),
                    Map.entry("ackH_01", 1L), Map.entry("ackH_04", 1L), Map.entry("resolveH_05", 1L),
                    Map.entry("resolveH_06", 1L), Map.entry("onTime", 2L),
                    // All three were routed here first; it let go of b within the hour, resolved c
                    // again within the hour of its reopen, and a and c after 10 h and 7 h.
                    Map.entry("assigned", 3L), Map.entry("heldH_00", 2L), Map.entry("heldH_05", 1L),
                    Map.entry("heldH_06", 1L))));
            expected.put("AGG#AGENCY#" + A2 + "|" + period, Map.of("ackH_00", 1L, "rejected", 1L, "assigned", 1L,
                    "heldH_01", 1L));
        }
        assertEquals(expected, aggregates("2026-03"));
        assertNotNull(marker(a, 1), "each applied event leaves its marker");
        assertTrue(Attr.num(marker(a, 1), ComplaintKeys.EXPIRES_AT) > Instant.now().getEpochSecond());
        assertNotNull(marker(a, 2), "routing puts the complaint in the agency's backlog");
    }

    @Test
    void crashBetweenTheTransactionsOfOneEvent_redeliveryAddsOnlyTheMissingParts() {
        String id = routed(Instant.parse("2026-04-01T03:00:00Z"), A1);
        // RECEIVED touches 2 periods x 7 groupings; parts of 4 make four transactions.
        AtomicInteger calls = new AtomicInteger();
        DynamoStatsTable dying = new DynamoStatsTable(dynamo, statsTable, Clock.systemUTC(), 4) {
            @Override
            protected void transact(List<TransactWriteItem> writes) {
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("crash before the second part");
                }
                super.transact(writes);
            }
        };
        DynamoStatsTable healthy = new DynamoStatsTable(dynamo, statsTable, Clock.systemUTC(), 4);

        assertThrows(IllegalStateException.class,
                () -> new StatsAggregator(dynamo, complaintsTable, reference, dying).apply(id, 1));
        assertEquals(4, aggregates("2026-04").size(), "only the first part was added");
        assertTrue(new StatsAggregator(dynamo, complaintsTable, reference, healthy).apply(id, 1));
        assertFalse(new StatsAggregator(dynamo, complaintsTable, reference, healthy).apply(id, 1));

        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (String period : List.of("DAY#2026-04-01", "MONTH#2026-04")) {
            for (String pk : List.of("AGG#PROVINCE#ALL", "AGG#CATEGORY#noise", "AGG#AREA#24", "AGG#AREA#24-kinh-bac",
                    "AGG#CHANNEL#web", "AGG#CATEGORY_AREA#noise@24", "AGG#CATEGORY_AREA#noise@24-kinh-bac")) {
                expected.put(pk + "|" + period, Map.of("received", 1L, "openDelta", 1L));
            }
        }
        assertEquals(expected, aggregates("2026-04"));
        assertTrue(new StatsAggregator(dynamo, complaintsTable, reference, healthy).apply(id, 2),
                "routing puts it in the agency's backlog");
        assertEquals(Map.of("assigned", 1L, "openDelta", 1L),
                aggregates("2026-04").get("AGG#AGENCY#" + A1 + "|DAY#2026-04-01"));
    }

    @Test
    void eventMissingFromTheLog_isReportedNotSkipped() {
        StatsAggregator aggregator = new StatsAggregator(dynamo, complaintsTable, reference,
                new DynamoStatsTable(dynamo, statsTable, Clock.systemUTC()));
        assertThrows(IllegalStateException.class, () -> aggregator.apply("no-such-complaint", 1));
    }

    private static Duration hours(long h) {
        return Duration.ofHours(h);
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    private static String routed(Instant at, String agencyId) {
        String id = Ids.newId(at);
        Complaint complaint = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, "noise", "24-kinh-bac",
                null, "Tiếng ồn ban đêm", List.of(), new Reporter("Lê Văn C", "0901234567", null), false,
                Channel.WEB, at, at, CitizenSecret.hash(CitizenSecret.generate()));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), at, null);
        CreateOutcome outcome = new DynamoComplaintRepository(dynamo, complaintsTable)
                .create(new NewComplaint(complaint, first, List.of(), null));
        assertTrue(outcome instanceof CreateOutcome.Created, outcome.toString());
        store.append(lifecycle.apply(complaint, new Command.Route(agencyId, "routed"), Actor.system("router"), at));
        return id;
    }

    private static void act(String id, Command command, Instant at) {
        Complaint current = store.findById(id).orElseThrow().complaint();
        store.append(lifecycle.apply(current, command, OFFICER, at));
    }

    private static DynamodbEvent batch(List<DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    private static int indexOf(List<DynamodbStreamRecord> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).getDynamodb().getSequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new AssertionError("no record " + sequenceNumber);
    }

    /** Every aggregate item of the periods whose key contains {@code periodsOf}, as "pk|sk" to its counters. */
    private static Map<String, Map<String, Long>> aggregates(String periodsOf) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(statsTable).consistentRead(true)).items().forEach(item -> {
            String pk = Attr.str(item, ComplaintKeys.PK);
            if (pk.startsWith("AGG#") && Attr.str(item, ComplaintKeys.SK).contains(periodsOf)) {
                Map<String, Long> counters = new TreeMap<>();
                item.forEach((name, value) -> {
                    // A delta that added up to zero reads the same as one never written.
                    if (value.n() != null && Long.parseLong(value.n()) != 0) {
                        counters.put(name, Long.parseLong(value.n()));
                    }
                });
                out.put(pk + "|" + Attr.str(item, ComplaintKeys.SK), counters);
            }
        });
        return out;
    }

    private static Map<String, AttributeValue> marker(String complaintId, int seq) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(statsTable).consistentRead(true)
                .key(ComplaintKeys.key(DynamoStatsTable.markerPk(complaintId, seq), "PART#0"))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /**
     * All the stream's records about these complaints in stream order, unfiltered (state, outbox
     * and event items alike), once each complaint's last event is on it; polled with a deadline.
     */
    private static List<DynamodbStreamRecord> recordsAbout(Map<String, Integer> lastSeqById) {
        Map<String, String> lastSk = new HashMap<>();
        lastSeqById.forEach((id, seq) -> lastSk.put(ComplaintKeys.complaintPk(id), ComplaintKeys.eventSk(seq)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Record> about = all().stream()
                    .filter(r -> lastSk.containsKey(Attr.str(r.dynamodb().keys(), ComplaintKeys.PK))).toList();
            Set<String> complete = about.stream()
                    .filter(r -> lastSk.get(Attr.str(r.dynamodb().keys(), ComplaintKeys.PK))
                            .equals(Attr.str(r.dynamodb().keys(), ComplaintKeys.SK)))
                    .map(r -> Attr.str(r.dynamodb().keys(), ComplaintKeys.PK)).collect(Collectors.toSet());
            if (complete.equals(lastSk.keySet())) {
                return about.stream().map(r -> StreamRecords.toLambda(r, streamArn, services.region())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("last events not on the stream within 10 s; complete: " + complete);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<Record> all() {
        List<Record> records = new ArrayList<>();
        List<Shard> shards = new ArrayList<>();
        String last = null;
        do {
            String start = last;
            var description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(start))
                    .streamDescription();
            shards.addAll(description.shards());
            last = description.lastEvaluatedShardId();
        } while (last != null);
        for (Shard shard : shards) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }
}
