package vn.pakn.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.fakes.FakeSqs;
import vn.pakn.aws.json.Json;

class AgencyQueuesTest {
    private final FakeSqs sqs = new FakeSqs();
    private final AgencyQueues queues = new AgencyQueues(sqs, AgencyQueues.prefixForStage("prod"));

    @Test
    void ensure_createsTheDeadLetterQueueFirst_thenTheQueueRedrivingToIt() throws Exception {
        AgencyQueues.AgencyQueue queue = queues.ensure("bn-ubnd-kinh-bac");

        assertEquals(List.of("pakn-prod-agency-bn-ubnd-kinh-bac-dlq", "pakn-prod-agency-bn-ubnd-kinh-bac"),
                sqs.creates.stream().map(c -> c.queueName()).toList());
        assertEquals(Map.of("MessageRetentionPeriod", "1209600", "SqsManagedSseEnabled", "true"),
                sqs.queues.get("pakn-prod-agency-bn-ubnd-kinh-bac-dlq"));
        Map<String, String> main = sqs.queues.get("pakn-prod-agency-bn-ubnd-kinh-bac");
        assertEquals("180", main.get("VisibilityTimeout"));
        assertEquals("true", main.get("SqsManagedSseEnabled"));
        assertFalse(main.containsKey("FifoQueue"), "a standard queue");
        JsonNode redrive = Json.read(main.get("RedrivePolicy"));
        assertEquals(queue.deadLetterQueueArn(), redrive.path("deadLetterTargetArn").asText());
        assertEquals(5, redrive.path("maxReceiveCount").asInt());

        assertEquals(FakeSqs.ENDPOINT + "pakn-prod-agency-bn-ubnd-kinh-bac", queue.queueUrl());
        assertEquals("arn:aws:sqs:ap-southeast-1:123456789012:pakn-prod-agency-bn-ubnd-kinh-bac", queue.queueArn());
        assertEquals(FakeSqs.ENDPOINT + "pakn-prod-agency-bn-ubnd-kinh-bac-dlq", queue.deadLetterQueueUrl());
    }

    @Test
    void existingQueues_areReused_notCreatedAgain() {
        AgencyQueues.AgencyQueue first = queues.ensure("bn-triage");
        sqs.creates.clear();

        AgencyQueues.AgencyQueue again = queues.ensure("bn-triage");

        assertEquals(first, again);
        assertEquals(List.of(), sqs.creates);
    }

    @Test
    void serverRefusingEncryption_getsTheQueuesWithoutIt() {
        sqs.refuse(Set.of("SqsManagedSseEnabled"));

        queues.ensure("bn-triage");

        assertEquals(2, sqs.queues.size());
        sqs.queues.values().forEach(attributes -> assertFalse(attributes.containsKey("SqsManagedSseEnabled")));
        assertTrue(sqs.queues.get("pakn-prod-agency-bn-triage").containsKey("RedrivePolicy"), "redrive is not optional");
    }

    @Test
    void refusalOfARequiredAttribute_fails() {
        sqs.refuse(Set.of("RedrivePolicy"));

        assertThrows(software.amazon.awssdk.services.sqs.model.SqsException.class, () -> queues.ensure("bn-triage"));
    }

    @Test
    void agencyIdTooLongForAQueueName_isRefused_beforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> queues.ensure("x".repeat(60)));

        assertTrue(e.getMessage().contains("at most 80 letters"), e.getMessage());
        assertEquals(List.of(), sqs.creates);
    }
}
