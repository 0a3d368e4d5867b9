package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;

class StreamPollerIT {

    private static LocalAwsServices services;
    private static LocalDeployment deployment;

    @BeforeAll
    static void startServices() throws Exception {
        services = LocalAwsServices.start(System.out::println, Map.of());
        deployment = Provisioner.provision(SqsPollerIT.template(), services, System.out::println);
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void changes_areDeliveredInOrder_inBatchesOfAtMostBatchSize() {
        for (int i = 0; i < 25; i++) {
            put("OrderedTable", "o", String.format("%03d", i), Map.of("n", AttributeValue.fromN(Integer.toString(i))));
        }
        TestHandlers.Streams handler = new TestHandlers.Streams();
        try (StreamPoller poller = poller("OrderedFunction", handler)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(10), () -> poller.recordsDelivered() == 25, "25 records delivered");
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = records(handler);
        assertEquals(25, records.size());
        for (int i = 0; i < 25; i++) {
            assertEquals(String.format("%03d", i), records.get(i).getDynamodb().getKeys().get("sk").getS());
            assertEquals(Integer.toString(i), records.get(i).getDynamodb().getNewImage().get("n").getN());
        }
        assertTrue(handler.events.stream().allMatch(e -> e.getRecords().size() <= 10), "BatchSize 10");
        for (int i = 1; i < records.size(); i++) {
            assertTrue(sequence(records.get(i - 1)).compareTo(sequence(records.get(i))) < 0, "sequence numbers ascend");
        }
        DynamodbEvent.DynamodbStreamRecord first = records.get(0);
        assertEquals("INSERT", first.getEventName());
        assertEquals("aws:dynamodb", first.getEventSource());
        assertEquals("1.1", first.getEventVersion());
        assertEquals(services.region(), first.getAwsRegion());
        assertEquals(deployment.streamArn("OrderedTable"), first.getEventSourceARN());
        assertEquals("NEW_AND_OLD_IMAGES", first.getDynamodb().getStreamViewType());
        assertNotNull(first.getDynamodb().getApproximateCreationDateTime());
        assertTrue(first.getDynamodb().getSizeBytes() > 0);
    }

    @Test
    void busyStream_isReadAFewTimesASecond_notOnceAfterEachInvocation() throws InterruptedException {
        TestHandlers.Streams handler = new TestHandlers.Streams();
        handler.doing((event, index) -> {
            try {
                Thread.sleep(20); // a handler that sends each record somewhere
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        Duration pollInterval = Duration.ofMillis(250);
        EventSettings lambdaLike = new EventSettings(pollInterval, Duration.ofMillis(50), Duration.ofMillis(400),
                List.of(Duration.ofMillis(50)), Duration.ofSeconds(1));
        int writes = 100;
        long started;
        try (StreamPoller poller = StreamPoller.create(deployment, LocalFunction.of(deployment, "TrickleFunction",
                handler), "Changes", lambdaLike, System.out::println)) {
            poller.start();
            started = System.nanoTime();
            for (int i = 0; i < writes; i++) {
                put("TrickleTable", "t", String.format("%03d", i), Map.of());
                Thread.sleep(10);
            }
            Eventually.await(Duration.ofSeconds(10), () -> poller.recordsDelivered() == writes, "every record");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Lambda reads a shard about four times a second. Reading again as soon as each invocation
        // returned made an invocation of a record or two every 20 ms here, and kept DynamoDB
        // Local's one thread for reads and writes alike busy.
        long allowed = (long) Math.ceil(seconds / (pollInterval.toNanos() / 1e9)) + 2;
        assertTrue(handler.events.size() <= allowed, handler.events.size() + " invocations in " + seconds + " s");
        assertEquals(writes, records(handler).size());
    }

    @Test
    void handlerThrows_theSameRecordsAreRetriedUntilItSucceeds() {
        put("RetryTable", "r", "1", Map.of());
        put("RetryTable", "r", "2", Map.of());
        put("RetryTable", "r", "3", Map.of());
        TestHandlers.Streams handler = new TestHandlers.Streams();
        handler.doing((event, index) -> {
            if (index < 2) {
                throw new IllegalStateException("queue unavailable");
            }
            return null;
        });
        try (StreamPoller poller = poller("RetryFunction", handler)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(10), () -> poller.recordsDelivered() == 3, "delivery after two failures");
            Eventually.never(Duration.ofMillis(300), () -> handler.events.size() > 3, "a fourth invocation");
        }
        assertEquals(3, handler.events.size());
        List<String> firstBatch = sequences(handler.events.get(0));
        assertEquals(3, firstBatch.size());
        assertEquals(firstBatch, sequences(handler.events.get(1)));
        assertEquals(firstBatch, sequences(handler.events.get(2)));
    }

    @Test
    void batchingWindow_holdsTheRecordsItRead_untilItCloses() {
        put("WindowTable", "w", "1", Map.of());
        put("WindowTable", "w", "2", Map.of());
        TestHandlers.Streams handler = new TestHandlers.Streams();
        try (StreamPoller poller = poller("WindowFunction", handler)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(5), () -> poller.heldRecords() == 2, "two records held in the window");
            assertEquals(0, handler.events.size(), "nothing delivered while the window is open");
            Eventually.await(Duration.ofSeconds(10), () -> poller.recordsDelivered() == 2, "delivery when it closes");
            Eventually.await(Duration.ofSeconds(5), () -> poller.heldRecords() == 0, "nothing held after delivery");
        }
        assertEquals(1, handler.events.size(), "one batch");
    }

    @Test
    void reportedItemFailure_resumesFromTheLowestFailedSequenceNumber() {
        for (int i = 1; i <= 5; i++) {
            put("PartialTable", "p", Integer.toString(i), Map.of());
        }
        TestHandlers.Streams handler = new TestHandlers.Streams();
        handler.doing((event, index) -> {
            if (index > 0) {
                return new StreamsEventResponse(); // null failure list: all done
            }
            List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
            return new StreamsEventResponse(List.of(
                    new StreamsEventResponse.BatchItemFailure(records.get(4).getDynamodb().getSequenceNumber()),
                    new StreamsEventResponse.BatchItemFailure(records.get(2).getDynamodb().getSequenceNumber())));
        });
        try (StreamPoller poller = poller("PartialFunction", handler)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(10), () -> poller.recordsDelivered() == 5, "all five completed");
            Eventually.never(Duration.ofMillis(300), () -> handler.events.size() > 2, "a third invocation");
        }
        List<String> first = sequences(handler.events.get(0));
        assertEquals(5, first.size());
        assertEquals(first.subList(2, 5), sequences(handler.events.get(1)), "resumes at the third record, not before");
    }

    @Test
    void filterCriteria_deliversOnlyMatchingRecords() {
        put("FilteredTable", "c-1", "COMPLAINT#c-1", Map.of());
        put("FilteredTable", "c-1", "OUTBOX#0001", Map.of("target", AttributeValue.fromS("intake")));
        put("FilteredTable", "c-1", "OUTBOX#0001", Map.of("target", AttributeValue.fromS("changed"))); // MODIFY
        services.dynamoDb().deleteItem(b -> b.tableName(deployment.tableName("FilteredTable"))
                .key(Map.of("pk", AttributeValue.fromS("c-1"), "sk", AttributeValue.fromS("OUTBOX#0001"))));
        TestHandlers.Streams handler = new TestHandlers.Streams();
        try (StreamPoller poller = poller("FilteredFunction", handler)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(10),
                    () -> poller.recordsFilteredOut() + poller.recordsDelivered() == 4, "all four records read");
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = records(handler);
        assertEquals(1, records.size());
        assertEquals("INSERT", records.get(0).getEventName());
        assertEquals("OUTBOX#0001", records.get(0).getDynamodb().getKeys().get("sk").getS());
        assertEquals("intake", records.get(0).getDynamodb().getNewImage().get("target").getS());
    }

    @Test
    void bisectOnError_isolatesThePoisonRecord_andDiscardsItAfterMaximumRetryAttempts() {
        for (String sk : List.of("a", "b", "poison", "c", "d")) {
            put("PoisonTable", "x", sk, Map.of());
        }
        TestHandlers.Streams handler = new TestHandlers.Streams();
        handler.doing((event, index) -> {
            if (event.getRecords().stream().anyMatch(r -> r.getDynamodb().getKeys().get("sk").getS().equals("poison"))) {
                throw new IllegalArgumentException("cannot parse");
            }
            return null;
        });
        try (StreamPoller poller = poller("PoisonFunction", handler)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(15), () -> poller.recordsDelivered() == 4 && poller.recordsDiscarded() == 1,
                    "four good records done and the poison discarded");
        }
        List<List<String>> batches = handler.events.stream()
                .map(e -> e.getRecords().stream().map(r -> r.getDynamodb().getKeys().get("sk").getS()).toList())
                .toList();
        assertEquals(List.of(List.of("a", "b", "poison", "c", "d"), List.of("a", "b"), List.of("poison", "c", "d"),
                List.of("poison"), List.of("poison"), List.of("c", "d")), batches);
    }

    @Test
    void latest_deliversOnlyChangesMadeAfterStart() {
        put("LatestTable", "l", "before", Map.of());
        TestHandlers.Streams handler = new TestHandlers.Streams();
        try (StreamPoller poller = poller("LatestFunction", handler)) {
            poller.start();
            put("LatestTable", "l", "after", Map.of());
            Eventually.await(Duration.ofSeconds(10), () -> poller.recordsDelivered() >= 1, "the change after start");
            Eventually.never(Duration.ofMillis(300), () -> poller.recordsDelivered() > 1, "a second record");
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = records(handler);
        assertEquals("after", records.get(0).getDynamodb().getKeys().get("sk").getS());
        assertNull(records.get(0).getDynamodb().getNewImage(), "KEYS_ONLY streams carry no images");
    }

    @Test
    void tableEmptyAtStart_deliversItsFirstChanges_whileOtherTablesAreWritten() {
        TestHandlers.Streams handler = new TestHandlers.Streams();
        List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StreamPoller poller = StreamPoller.create(deployment, LocalFunction.of(deployment, "EmptyStartFunction",
                handler), "Changes", EventSettings.fast(), console::add)) {
            poller.start();
            Eventually.never(Duration.ofMillis(200), () -> poller.recordsDelivered() > 0, "a record from an empty table");
            for (int i = 0; i < 5; i++) {
                put("NoiseTable", "n", Integer.toString(i), Map.of());
            }
            put("EmptyTable", "e", "first", Map.of());
            put("EmptyTable", "e", "second", Map.of());
            Eventually.await(Duration.ofSeconds(10), () -> poller.recordsDelivered() == 2, "both changes");
        }
        assertEquals(List.of("first", "second"), records(handler).stream()
                .map(r -> r.getDynamodb().getKeys().get("sk").getS()).toList());
        // DynamoDB Local reports the empty shard's horizon as trimmed; nothing was lost, so nothing is said.
        assertTrue(console.stream().noneMatch(line -> line.contains("expired")), console.toString());
    }

    private static StreamPoller poller(String function, TestHandlers.Streams handler) {
        return StreamPoller.create(deployment, LocalFunction.of(deployment, function, handler), "Changes",
                EventSettings.fast(), System.out::println);
    }

    private static void put(String table, String pk, String sk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(more);
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk));
        services.dynamoDb().putItem(b -> b.tableName(deployment.tableName(table)).item(item));
    }

    private static List<DynamodbEvent.DynamodbStreamRecord> records(TestHandlers.Streams handler) {
        return handler.events.stream().flatMap(e -> e.getRecords().stream()).toList();
    }

    private static List<String> sequences(DynamodbEvent event) {
        return event.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
    }

    private static BigInteger sequence(DynamodbEvent.DynamodbStreamRecord record) {
        return new BigInteger(record.getDynamodb().getSequenceNumber());
    }
}
