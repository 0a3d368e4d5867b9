package vn.pakn.outbox.sweeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.PendingOutbox;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.outbox.testing.IntakeInbox;
import vn.pakn.outbox.testing.Submissions;

/**
 * The sweeper against real AWS-compatible services and the FIFO intake queue provisioned from
 * template.yaml. Subclasses choose the services: embedded here, LocalStack where Docker exists.
 */
abstract class OutboxSweeperScenarios {
    private static LocalAwsServices services;
    private static Map<String, String> env;
    private static DynamoDbClient dynamo;
    private static String table;
    private static String queueUrl;
    private static Submissions submissions;

    private final IntakeInbox inbox = new IntakeInbox(services.sqs(), queueUrl);

    static void provision(LocalAwsServices started) {
        services = started;
        SamTemplate template = SamTemplate.load();
        LocalDeployment deployment = Provisioner.provision(template, services, System.out::println);
        env = deployment.functionEnvironment(template.function("OutboxSweeperFunction"));
        dynamo = services.dynamoDb();
        table = env.get("COMPLAINTS_TABLE");
        queueUrl = env.get("INTAKE_QUEUE_URL");
        submissions = new Submissions(dynamo, table);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void pendingOlderThanGrace_sentAndRemovedFromIndex_youngerLeftPending() throws Exception {
        // The template's grace is two minutes; the sweeper runs with the real clock.
        String stale = submissions.submitAt(Instant.now().minus(Duration.ofMinutes(10)));
        String recent = submissions.submitAt(Instant.now().minusSeconds(20));

        String summary;
        try (OutboxSweeperHandler sweeper = new OutboxSweeperHandler(env)) {
            summary = sweeper.handleRequest(new ScheduledEvent(), null);
        }

        assertEquals("sent 1 pending outbox messages", summary);
        inbox.drain();
        List<Message> delivered = inbox.about(stale);
        assertEquals(1, delivered.size(), "the stale complaint reaches the intake queue once");
        assertEquals(stale, delivered.get(0).attributes().get(
                software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals(stale + "#1", delivered.get(0).messageAttributes()
                .get(OutboxPublisher.DEDUPLICATION_ID_ATTRIBUTE).stringValue());
        assertFalse(delivered.get(0).body().contains(Submissions.REPORTER_PHONE), "no reporter data on a queue");
        assertFalse(pendingIntake(stale));
        assertFalse(indexed(stale), "a sent item leaves the index");

        assertTrue(inbox.about(recent).isEmpty(), "the relay still has time for the recent one");
        assertTrue(pendingIntake(recent));
        assertTrue(indexed(recent));
    }

    @Test
    void backlogOverSeveralShardsAndPages_eachComplaintSentOnce() throws Exception {
        List<String> backlog = new ArrayList<>();
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 12; i++) {
            backlog.add(submissions.submitAt(hourAgo.plusSeconds(i)));
        }
        assertTrue(backlog.stream().map(ComplaintKeys::outboxShard).distinct().count() > 1,
                "the backlog spans several index shards");

        OutboxPublisher publisher = new OutboxPublisher(services.sqs(), dynamo, table,
                QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, queueUrl)));
        // Pages of two make the server paginate the index query.
        try (OutboxSweeperHandler sweeper = new OutboxSweeperHandler(env, Clock.systemUTC(),
                new PendingOutbox(dynamo, table, 2), publisher)) {
            sweeper.handleRequest(new ScheduledEvent(), null);
        }

        inbox.drain();
        for (String id : backlog) {
            assertEquals(1, inbox.about(id).size(), "complaint " + id + " reaches the intake queue once");
            assertFalse(indexed(id));
        }
    }

    /** The complaint is still in the sweeper's index, its intake message not known to be acted on. */
    private static boolean pendingIntake(String complaintId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.stateKey(complaintId))).item();
        return item != null && item.containsKey(ComplaintKeys.GSI1_PK);
    }

    private static boolean indexed(String complaintId) {
        return dynamo.query(b -> b.tableName(table).indexName(ComplaintKeys.GSI1)
                        .keyConditionExpression("#pk = :shard")
                        .expressionAttributeNames(Map.of("#pk", ComplaintKeys.GSI1_PK))
                        .expressionAttributeValues(Map.of(":shard", Attr.s(ComplaintKeys.outboxShard(complaintId)))))
                .items().stream()
                .anyMatch(i -> ComplaintKeys.complaintPk(complaintId).equals(Attr.str(i, ComplaintKeys.PK)));
    }
}
