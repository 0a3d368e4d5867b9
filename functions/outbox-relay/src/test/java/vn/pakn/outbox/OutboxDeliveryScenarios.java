package vn.pakn.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.PendingOutbox;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.EventSettings;
import vn.pakn.local.events.LocalFunction;
import vn.pakn.local.events.StreamPoller;
import vn.pakn.outbox.FailingClients.Crash;
import vn.pakn.outbox.sweeper.OutboxSweeperHandler;
import vn.pakn.outbox.testing.IntakeInbox;
import vn.pakn.outbox.testing.Submissions;

/**
 * The promise behind HTTP 201: once a complaint is stored, it reaches the intake queue exactly
 * once, whichever process dies where. Complaints are stored as the API stores them, the relay is
 * fed the table's real stream records, and the queue is the template's FIFO intake queue. One
 * failure per test, each ending with one message per complaint. Subclasses choose the services:
 * embedded here, LocalStack where Docker exists.
 */
abstract class OutboxDeliveryScenarios {
    private static LocalAwsServices services;
    private static LocalDeployment deployment;
    private static Map<String, String> relayEnv;
    private static Map<String, String> sweeperEnv;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static String table;
    private static String queueUrl;
    private static TableStream stream;
    private static Submissions submissions;
    private static OutboxRelayHandler relay;

    private final IntakeInbox inbox = new IntakeInbox(sqs, queueUrl);
    private final List<AutoCloseable> handlers = new ArrayList<>();

    static void provision(LocalAwsServices started) {
        services = started;
        SamTemplate template = SamTemplate.load();
        deployment = Provisioner.provision(template, services, System.out::println);
        relayEnv = deployment.functionEnvironment(template.function("OutboxRelayFunction"));
        sweeperEnv = deployment.functionEnvironment(template.function("OutboxSweeperFunction"));
        dynamo = services.dynamoDb();
        sqs = services.sqs();
        table = relayEnv.get("COMPLAINTS_TABLE");
        queueUrl = relayEnv.get("INTAKE_QUEUE_URL");
        assertTrue(queueUrl.endsWith(".fifo"), "the template's intake queue is FIFO: " + queueUrl);
        stream = new TableStream(services.dynamoDbStreams(), deployment.streamArn("ComplaintsTable"), services.region());
        submissions = new Submissions(dynamo, table);
        // Wired from the template's environment exactly as in Lambda.
        relay = new OutboxRelayHandler(relayEnv);
    }

    @AfterAll
    static void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @AfterEach
    void closeHandlers() throws Exception {
        for (AutoCloseable handler : handlers) {
            handler.close();
        }
    }

    @Test
    void apiDiesRightAfterTheWrite_relayDeliversFromTheStream() throws Exception {
        String id = submissions.submit();
        // Nothing else happens in the API: the stream is the only way out.

        StreamsEventResponse response = relay.handleRequest(stream.batchAbout(List.of(id)), null);

        assertNoFailures(response);
        Message delivered = deliveredOnce(id);
        assertEquals(id, delivered.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals(id + "#1", delivered.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
        assertEquals(id + "#1",
                delivered.messageAttributes().get(OutboxPublisher.DEDUPLICATION_ID_ATTRIBUTE).stringValue());
        assertEquals(1, Json.read(delivered.body()).path("eventSeq").asInt());
        assertFalse(delivered.body().contains(Submissions.REPORTER_PHONE), "no reporter data on a queue");
        assertTrue(pendingIntake(id), "pending until the router's first transition, which settles it");
    }

    @Test
    void relayCrashesBeforeSending_redeliveredBatchDeliversOnce() throws Exception {
        String id = submissions.submit();
        DynamodbEvent batch = stream.batchAbout(List.of(id));
        FailingClients.Sqs crashingSqs = new FailingClients.Sqs(sqs, about(id), () -> new Crash("before sending"));

        assertThrows(Crash.class, () -> relayOver(crashingSqs, dynamo).handleRequest(batch, null));
        assertEquals(1, crashingSqs.faults.get(), "the crash happened");
        assertTrue(inbox.drain().about(id).isEmpty());
        assertTrue(pendingIntake(id), "the promise survives the crash");

        assertNoFailures(relay.handleRequest(batch, null));

        deliveredOnce(id);
    }

    @Test
    void relayCrashesAfterSending_redeliveredBatchIsDeduplicated() throws Exception {
        String id = submissions.submit();
        DynamodbEvent batch = stream.batchAbout(List.of(id));
        FailingClients.Sqs crashingAfterSend = FailingClients.Sqs.failingAfterSending(sqs, about(id),
                () -> new Crash("after sending, before the batch succeeded"));

        assertThrows(Crash.class, () -> relayOver(crashingAfterSend, dynamo).handleRequest(batch, null));
        assertEquals(1, crashingAfterSend.faults.get(), "the crash happened");
        // The intake consumer may well take the message before the redelivery comes.
        assertEquals(1, inbox.drain().about(id).size());
        assertTrue(pendingIntake(id));

        assertNoFailures(relay.handleRequest(batch, null));

        deliveredOnce(id);
    }

    @Test
    void sqsRefusesOneComplaintInABatch_itAndLaterRecordsReported_redeliveryDeliversEachOnce() throws Exception {
        String first = submissions.submit();
        String failing = submissions.submit();
        String last = submissions.submit();
        List<DynamodbStreamRecord> records = stream.recordsAbout(List.of(first, failing, last));
        FailingClients.Sqs outage = new FailingClients.Sqs(sqs, about(failing),
                () -> SqsException.builder().message("simulated throttling").statusCode(503).build());

        StreamsEventResponse response = relayOver(outage, dynamo).handleRequest(TableStream.batch(records), null);

        int failedAt = indexOfOutboxInsert(records, failing);
        assertEquals(sequenceNumbers(records.subList(failedAt, records.size())),
                OutboxRelayHandlerTest.identifiers(response), "the failed record and every later one");
        assertTrue(indexOfOutboxInsert(records, last) > failedAt);
        assertEquals(1, inbox.drain().about(first).size());
        assertTrue(inbox.about(failing).isEmpty());
        assertEquals(1, inbox.about(last).size(), "sent in the same request as the failed one");

        // Lambda resumes the shard from the lowest failed sequence number; the queue drops the second copy of last.
        assertNoFailures(relay.handleRequest(TableStream.batch(records.subList(failedAt, records.size())), null));

        deliveredOnce(first);
        deliveredOnce(failing);
        deliveredOnce(last);
    }

    @Test
    void relayNeverRuns_sweeperSendsAfterGrace_lateRelayAddsNothing() throws Exception {
        String id = submissions.submit();
        Duration grace = Duration.ofSeconds(Long.parseLong(sweeperEnv.get("OUTBOX_GRACE_SECONDS")));

        OutboxSweeperHandler now = sweeper(Clock.systemUTC());
        now.handleRequest(new ScheduledEvent(), null);
        assertTrue(inbox.drain().about(id).isEmpty(), "within the grace the relay is left to do it");
        assertTrue(pendingIntake(id));

        String summary = sweeper(Clock.offset(Clock.systemUTC(), grace.plusSeconds(1)))
                .handleRequest(new ScheduledEvent(), null);

        assertTrue(Pattern.matches("sent [1-9]\\d* pending outbox messages", summary), summary);
        assertEquals(1, inbox.drain().about(id).size());
        assertFalse(pendingIntake(id), "sent once by the sweeper, then settled");
        assertTrue(stateExists(id), "the complaint itself stays");

        // The stream (the complaint's insert, then the sweeper's update) finally reaches a working relay.
        assertNoFailures(relay.handleRequest(stream.batchAbout(List.of(id)), null));

        deliveredOnce(id);
    }

    @Test
    void sameBatchDeliveredThreeTimes_oneMessage() throws Exception {
        String id = submissions.submit();
        DynamodbEvent batch = stream.batchAbout(List.of(id));

        for (int delivery = 0; delivery < 3; delivery++) {
            assertNoFailures(relay.handleRequest(batch, null));
        }

        deliveredOnce(id);
    }

    @Test
    void templateEventSourceThroughAnSqsOutage_eachComplaintDeliveredOnce() throws Exception {
        // The stream event source as the template declares it (filter, partial batch responses,
        // retries from the lowest failed record), emulated by local-events, during a short outage.
        AtomicInteger outageLeft = new AtomicInteger(3);
        FailingClients.Sqs flaky = new FailingClients.Sqs(sqs, request -> outageLeft.getAndDecrement() > 0,
                () -> SqsException.builder().message("simulated outage").statusCode(503).build());
        String first;
        String second;
        try (LocalFunction function = LocalFunction.of(deployment, "OutboxRelayFunction", relayOver(flaky, dynamo));
             StreamPoller poller = StreamPoller.create(deployment, function, "ComplaintsStream",
                     EventSettings.fast(), System.out::println)) {
            poller.start();
            first = submissions.submit();
            second = submissions.submit();

            await(() -> inbox.drain().about(first).size() == 1 && inbox.about(second).size() == 1,
                    "both intake messages sent");
            assertEquals(3, flaky.faults.get(), "the outage happened");
            assertTrue(poller.recordsFilteredOut() > 0, "the template's filter dropped the non-outbox records");
        }

        deliveredOnce(first);
        deliveredOnce(second);
    }

    /** Drains the queue and checks the complaint arrived exactly once over the whole test. */
    private Message deliveredOnce(String complaintId) throws Exception {
        List<Message> messages = inbox.drain().about(complaintId);
        assertEquals(1, messages.size(), "messages for complaint " + complaintId);
        assertEquals(complaintId, Json.read(messages.get(0).body()).path("complaintId").asText());
        return messages.get(0);
    }

    private OutboxRelayHandler relayOver(SqsClient sqsClient, DynamoDbClient dynamoClient) {
        OutboxRelayHandler handler = new OutboxRelayHandler(relayEnv,
                new OutboxPublisher(sqsClient, dynamoClient, table, intakeDirectory()));
        handlers.add(handler);
        return handler;
    }

    private OutboxSweeperHandler sweeper(Clock clock) {
        OutboxSweeperHandler handler = new OutboxSweeperHandler(sweeperEnv, clock, new PendingOutbox(dynamo, table),
                new OutboxPublisher(sqs, dynamo, table, intakeDirectory()));
        handlers.add(handler);
        return handler;
    }

    private static QueueDirectory intakeDirectory() {
        return QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, queueUrl));
    }

    private static Predicate<SendMessageRequest> about(String complaintId) {
        return request -> complaintId.equals(request.messageGroupId());
    }

    /** The complaint is still in the sweeper's index: its intake message is not known to have been acted on. */
    private static boolean pendingIntake(String complaintId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.stateKey(complaintId))).item();
        return item != null && item.containsKey(ComplaintKeys.GSI1_PK);
    }

    private static boolean stateExists(String complaintId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.stateKey(complaintId))).item();
        return item != null && !item.isEmpty();
    }

    private static void assertNoFailures(StreamsEventResponse response) {
        assertEquals(List.of(), OutboxRelayHandlerTest.identifiers(response));
    }

    private static int indexOfOutboxInsert(List<DynamodbStreamRecord> records, String complaintId) {
        for (int i = 0; i < records.size(); i++) {
            DynamodbStreamRecord record = records.get(i);
            var keys = record.getDynamodb().getKeys();
            if ("INSERT".equals(record.getEventName())
                    && ComplaintKeys.complaintPk(complaintId).equals(keys.get(ComplaintKeys.PK).getS())
                    && ComplaintKeys.STATE_SK.equals(keys.get(ComplaintKeys.SK).getS())) {
                return i;
            }
        }
        throw new AssertionError("no insert of the complaint " + complaintId);
    }

    private static List<String> sequenceNumbers(List<DynamodbStreamRecord> records) {
        return records.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
