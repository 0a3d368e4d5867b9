package vn.pakn.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.outbox.AgencyQueueDirectory;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;
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
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/**
 * Routing under redelivery, on the real tables and queues: every intake message is delivered
 * three times with crashes injected between the steps, and each complaint still ends with one
 * assignment and one logical message on its agency's queue.
 */
class RouterRedeliveryIT {
    static LocalAwsServices services;
    static LocalDeployment deployment;
    static DynamoDbClient dynamo;
    static String table;
    static DynamoReferenceData reference;
    static AgencyQueues agencyQueues;

    @BeforeAll
    static void start() throws Exception {
        services = LocalAwsServices.start(line -> { }, Map.of());
        SamTemplate template = SamTemplate.load();
        deployment = Provisioner.provision(template, services, line -> { });
        dynamo = services.dynamoDb();
        table = deployment.tableName("ComplaintsTable");
        String referenceTable = deployment.tableName("ReferenceTable");
        Path seed = template.path().getParent().resolve("infra/seed");
        var importer = new ReferenceImporter(dynamo, referenceTable);
        agencyQueues = new AgencyQueues(services.sqs(), AgencyQueues.prefixForStage("it" + System.nanoTime() % 100000));
        var provisioning = new AgencyProvisioning(new DynamoAgencies(dynamo, referenceTable), agencyQueues);
        try (InputStream categories = Files.newInputStream(seed.resolve("categories.json"));
             InputStream province = Files.newInputStream(seed.resolve("demo-bac-ninh.json"))) {
            importer.importCategories(categories);
            importer.importProvince(province, provisioning::save);
        }
        reference = new DynamoReferenceData(dynamo, referenceTable, Duration.ZERO, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void eachMessageThreeTimes_withCrashesBetweenSteps_oneAssignmentAndOneLogicalMessageEach() {
        List<String> ids = new ArrayList<>();
        Map<String, String> expectedAgency = new HashMap<>();
        String[][] cases = {{"urban-order", "24-kinh-bac", "bn-ubnd-kinh-bac"}, {"roads", "24-tu-son", "bn-so-xay-dung"},
                {"pollution", "24-vu-ninh", "bn-so-nn-mt"}, {"noise", "24-yen-dung", "bn-ubnd-yen-dung"},
                {"water-supply", "24-vo-cuong", "bn-cap-nuoc"}, {"other", "24-bac-giang", "bn-triage"}};
        for (String[] c : cases) {
            String id = submit(c[0], c[1]);
            ids.add(id);
            expectedAgency.put(id, c[2]);
        }

        // Delivery 1: the router's write succeeds but the process dies before acknowledging.
        AtomicInteger writes = new AtomicInteger();
        DynamoDbClient crashAfterWrite = new DelegatingDynamo(dynamo) {
            @Override
            public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
                TransactWriteItemsResponse response = super.transactWriteItems(request);
                if (writes.incrementAndGet() % 2 == 1) {
                    throw new IllegalStateException("crash after the write");
                }
                return response;
            }
        };
        SQSBatchResponse first = router(crashAfterWrite).handleRequest(intakeEvent(ids), null);
        assertTrue(first.getBatchItemFailures().size() > 0, "the crash must surface as a failed message");

        // The relay sends what the first delivery wrote, and dies before deleting: sent again later.
        relayAgencyOutbox(false);

        // Delivery 2: the write never happens (DynamoDB unreachable) for the first message.
        DynamoDbClient failBeforeWrite = new DelegatingDynamo(dynamo) {
            boolean failed;

            @Override
            public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("DynamoDB unreachable");
                }
                return super.transactWriteItems(request);
            }
        };
        router(failBeforeWrite).handleRequest(intakeEvent(ids), null);

        // Delivery 3: everything works.
        SQSBatchResponse third = router(dynamo).handleRequest(intakeEvent(ids), null);
        assertEquals(List.of(), third.getBatchItemFailures());
        relayAgencyOutbox(true);

        Map<String, Set<String>> dedupIdsByQueue = new HashMap<>();
        Map<String, Integer> messagesByQueue = new HashMap<>();
        for (String id : ids) {
            List<ComplaintEvent> events = new DynamoComplaintRepository(dynamo, table).findById(id).orElseThrow().events();
            assertEquals(1, events.stream().filter(e -> e.type().equals("ASSIGNED")).count(), id + " assigned once");
            assertEquals(2, events.size(), id + ": RECEIVED and ASSIGNED only");
            String agency = expectedAgency.get(id);
            assertEquals(agency, events.get(1).agencyId());
            var state = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(ComplaintKeys.stateKey(id))).item();
            assertFalse(state.containsKey(ComplaintKeys.GSI1_PK), id + ": routed, so no longer pending for the sweeper");
            String queueUrl = agencyQueues.ensure(agency).queueUrl();
            if (!dedupIdsByQueue.containsKey(queueUrl)) {
                Set<String> dedup = new HashSet<>();
                int count = 0;
                for (Message m : drain(queueUrl)) {
                    dedup.add(m.messageAttributes().get(OutboxPublisher.DEDUPLICATION_ID_ATTRIBUTE).stringValue());
                    assertTrue(m.body().contains("\"complaint.assigned\""));
                    count++;
                }
                dedupIdsByQueue.put(queueUrl, dedup);
                messagesByQueue.put(queueUrl, count);
            }
            assertTrue(dedupIdsByQueue.get(queueUrl).contains(id + "#2"), agency + " got " + id);
        }
        long logical = dedupIdsByQueue.values().stream().mapToLong(Set::size).sum();
        assertEquals(ids.size(), logical, "one logical message per complaint across the agency queues");
        assertTrue(messagesByQueue.values().stream().mapToInt(Integer::intValue).sum() >= ids.size());
    }

    @Test
    void disabledAgency_isPassedOver() throws Exception {
        var provisioning = new AgencyProvisioning(new DynamoAgencies(dynamo, deployment.tableName("ReferenceTable")), agencyQueues);
        provisioning.disable("bn-ubnd-tu-son");
        try {
            String id = submit("urban-order", "24-tu-son");
            router(dynamo).handleRequest(intakeEvent(List.of(id)), null);
            var complaint = new DynamoComplaintRepository(dynamo, table).findById(id).orElseThrow().complaint();
            assertEquals("bn-triage", complaint.handling().agencyId());
        } finally {
            provisioning.enable("bn-ubnd-tu-son");
        }
    }

    @Test
    void messageForAnUnknownComplaint_failsAndIsNotAcknowledged() {
        SQSBatchResponse response = router(dynamo).handleRequest(intakeEvent(List.of(Ids.newId(Instant.now()))), null);
        assertEquals(1, response.getBatchItemFailures().size());
        assertThrows(IllegalArgumentException.class, () -> router(dynamo).handleRequest(new SQSEvent(), null));
    }

    @Test
    void failureInOneMessageGroup_laterMessagesOfThatGroupReported_otherGroupsRoutedBesideIt() {
        String unknown = Ids.newId(Instant.now());
        String behindTheFailure = submit("noise", "24-kinh-bac");
        List<String> others = List.of(submit("roads", "24-tu-son"), submit("pollution", "24-vu-ninh"),
                submit("noise", "24-yen-dung"));
        List<String> ids = new ArrayList<>(List.of(unknown, behindTheFailure));
        ids.addAll(others);
        SQSEvent event = intakeEvent(ids);
        List<String> groups = new ArrayList<>(List.of("g-stuck", "g-stuck"));
        groups.addAll(others);
        for (int i = 0; i < ids.size(); i++) {
            event.getRecords().get(i).setAttributes(Map.of(RouterHandler.MESSAGE_GROUP_ID, groups.get(i)));
        }

        SQSBatchResponse response = router(dynamo).handleRequest(event, null);

        assertEquals(List.of("m-" + unknown, "m-" + behindTheFailure), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList(), "the failed group only, in order");
        var complaints = new DynamoComplaintRepository(dynamo, table);
        assertEquals(Status.RECEIVED, complaints.findById(behindTheFailure).orElseThrow().complaint().status(),
                "not routed ahead of the message it follows in its group");
        for (String id : others) {
            assertEquals(Status.ASSIGNED, complaints.findById(id).orElseThrow().complaint().status(), id);
        }
        // The other tests count what reaches the agency queues: these assignments must not add to it.
        for (String id : others) {
            dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :o)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ComplaintKeys.complaintPk(id)),
                            ":o", AttributeValue.fromS(ComplaintKeys.OUTBOX_SK_PREFIX)))).items()
                    .forEach(item -> dynamo.deleteItem(b -> b.tableName(table)
                            .key(ComplaintKeys.key(item.get(ComplaintKeys.PK).s(), item.get(ComplaintKeys.SK).s()))));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static RouterHandler router(DynamoDbClient client) {
        Map<String, String> env = deployment.functionEnvironment(deployment.template().function("RouterFunction"));
        RouterHandler handler = new RouterHandler(env);
        var assignments = new AssignmentMessages(services.s3Presigner(), env.get("PHOTOS_BUCKET"), Clock.systemUTC());
        handler.router = new RouterService(new DynamoComplaintStore(client, table, assignments), reference, Clock.systemUTC());
        return handler;
    }

    /** What the outbox relay would do with the agency outbox items now in the table. */
    private static void relayAgencyOutbox(boolean deleteAfterSend) {
        QueueDirectory queues = new AgencyQueueDirectory(new DynamoAgencies(dynamo, deployment.tableName("ReferenceTable")),
                Duration.ZERO, Clock.systemUTC());
        OutboxPublisher publisher = new OutboxPublisher(services.sqs(), dynamo, table, queues);
        var items = dynamo.scan(b -> b.tableName(table).filterExpression("begins_with(sk, :o) AND contains(sk, :a)")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(ComplaintKeys.OUTBOX_SK_PREFIX),
                        ":a", AttributeValue.fromS("#agency:")))).items();
        for (var item : items) {
            OutboxMessage message = OutboxMessage.fromItem(item);
            if (deleteAfterSend) {
                assertEquals(Map.of(), publisher.publishAll(List.of(message), new HashSet<>()));
            } else {
                var unreliable = new OutboxPublisher(services.sqs(), new DelegatingDynamo(dynamo) {
                    @Override
                    public software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse deleteItem(
                            software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest request) {
                        throw new IllegalStateException("relay died before deleting");
                    }
                }, table, queues);
                assertTrue(unreliable.publishAll(List.of(message), new HashSet<>()).get(message)
                        instanceof IllegalStateException, "sent, then the relay died before deleting");
            }
        }
    }

    private static SQSEvent intakeEvent(List<String> ids) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String id : ids) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m-" + id);
            m.setBody("{\"type\":\"complaint.received\",\"complaintId\":\"" + id + "\",\"eventSeq\":1}");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static String submit(String category, String area) {
        Instant now = Instant.now();
        String id = Ids.newId(now);
        Complaint c = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area, null,
                "Phản ánh thử nghiệm", List.of(), new Reporter("Tester", "0912345678", null), false, Channel.WEB,
                now, now, CitizenSecret.hash("secret"));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), now, null);
        assertTrue(new DynamoComplaintRepository(dynamo, table).create(new NewComplaint(c, first, List.of(), null))
                instanceof CreateOutcome.Created);
        return id;
    }

    private static List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            var batch = services.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(60).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }
}
