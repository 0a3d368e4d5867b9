package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

class SqsPollerIT {

    private static LocalAwsServices services;
    private static LocalDeployment deployment;

    @BeforeAll
    static void startServices() throws URISyntaxException {
        services = LocalAwsServices.start(System.out::println, Map.of());
        deployment = Provisioner.provision(template(), services, System.out::println);
    }

    static SamTemplate template() throws URISyntaxException {
        return SamTemplate.load(Path.of(Objects.requireNonNull(
                SqsPollerIT.class.getResource("/event-sources-template.yaml")).toURI()));
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void partialBatchFailure_deletesOnlySuccesses_andFailedMessageEndsInDeadLetterQueue() {
        TestHandlers.Sqs handler = new TestHandlers.Sqs();
        handler.doing((event, index) -> new SQSBatchResponse(event.getRecords().stream()
                .filter(m -> m.getBody().equals("poison"))
                .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId()))
                .toList()));
        String queueUrl = deployment.queueUrl("WorkQueue");
        services.sqs().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(
                SendMessageBatchRequestEntry.builder().id("1").messageBody("first").build(),
                SendMessageBatchRequestEntry.builder().id("2").messageBody("poison").build(),
                SendMessageBatchRequestEntry.builder().id("3").messageBody("third").build()));

        try (SqsPoller poller = SqsPoller.create(deployment, LocalFunction.of(deployment, "WorkFunction", handler),
                "Work", EventSettings.fast(), System.out::println)) {
            poller.start();
            // maxReceiveCount is 2: received twice, failed twice, then ElasticMQ moves it aside.
            Eventually.await(Duration.ofSeconds(15), () -> !receive(deployment.queueUrl("WorkDeadLetterQueue")).isEmpty(),
                    "the poison message in the dead-letter queue");
        }
        List<String> bodies = handler.events.stream().flatMap(e -> e.getRecords().stream())
                .map(SQSEvent.SQSMessage::getBody).toList();
        assertEquals(1, bodies.stream().filter("first"::equals).count(), "successes are deleted, never redelivered");
        assertEquals(1, bodies.stream().filter("third"::equals).count(), "successes are deleted, never redelivered");
        assertEquals(2, bodies.stream().filter("poison"::equals).count(), "the failure comes back until maxReceiveCount");
        List<String> receiveCounts = handler.events.stream().flatMap(e -> e.getRecords().stream())
                .filter(m -> m.getBody().equals("poison"))
                .map(m -> m.getAttributes().get("ApproximateReceiveCount")).toList();
        assertEquals(List.of("1", "2"), receiveCounts);
        assertTrue(receive(queueUrl).isEmpty(), "nothing is left on the work queue");
    }

    @Test
    void handlerThrows_nothingIsDeleted_andTheSameMessageComesBack() {
        TestHandlers.Sqs handler = new TestHandlers.Sqs();
        handler.doing((event, index) -> {
            if (index == 0) {
                throw new IllegalStateException("database unavailable");
            }
            return null;
        });
        String queueUrl = deployment.queueUrl("ThrowQueue");
        services.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"complaintId\":\"c-1\"}")
                .messageAttributes(Map.of("origin", MessageAttributeValue.builder().dataType("String")
                        .stringValue("outbox").build())));

        try (SqsPoller poller = SqsPoller.create(deployment, LocalFunction.of(deployment, "ThrowFunction", handler),
                "Work", EventSettings.fast(), System.out::println)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(10), () -> handler.events.size() >= 2, "a redelivery after the throw");
            Eventually.await(Duration.ofSeconds(5), () -> poller.messagesDeleted() == 1, "the successful retry's delete");
        }
        SQSEvent.SQSMessage first = handler.events.get(0).getRecords().get(0);
        SQSEvent.SQSMessage second = handler.events.get(1).getRecords().get(0);
        assertEquals(first.getMessageId(), second.getMessageId());
        assertEquals("2", second.getAttributes().get("ApproximateReceiveCount"));
        assertEquals("aws:sqs", first.getEventSource());
        assertEquals(deployment.queueArn("ThrowQueue"), first.getEventSourceArn());
        assertEquals(services.region(), first.getAwsRegion());
        assertEquals("{\"complaintId\":\"c-1\"}", first.getBody());
        assertNotNull(first.getMd5OfBody());
        assertNotNull(first.getAttributes().get("SentTimestamp"));
        assertEquals("outbox", first.getMessageAttributes().get("origin").getStringValue());
        assertEquals("String", first.getMessageAttributes().get("origin").getDataType());
        assertTrue(handler.contexts.get(0).getRemainingTimeInMillis() <= 1000, "Timeout: 1 in the template");
        assertFalse(handler.contexts.get(0).getAwsRequestId().equals(handler.contexts.get(1).getAwsRequestId()));
        assertTrue(receive(queueUrl).isEmpty());
    }

    @Test
    void messagesNotMatchingTheFilter_areDeletedWithoutAnInvocation() {
        TestHandlers.Sqs handler = new TestHandlers.Sqs();
        String queueUrl = deployment.queueUrl("FilteredQueue");
        services.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"kind\":\"noise\"}"));
        services.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("not json"));
        services.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"kind\":\"complaint\",\"id\":7}"));

        try (SqsPoller poller = SqsPoller.create(deployment,
                LocalFunction.of(deployment, "FilteredQueueFunction", handler), "Work", EventSettings.fast(),
                System.out::println)) {
            poller.start();
            Eventually.await(Duration.ofSeconds(10), () -> poller.messagesDeleted() == 3, "all three messages deleted");
        }
        List<String> bodies = handler.events.stream().flatMap(e -> e.getRecords().stream())
                .map(SQSEvent.SQSMessage::getBody).toList();
        assertEquals(List.of("{\"kind\":\"complaint\",\"id\":7}"), bodies);
    }

    private static List<Message> receive(String queueUrl) {
        return services.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages();
    }
}
