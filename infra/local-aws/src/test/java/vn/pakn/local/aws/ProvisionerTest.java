package vn.pakn.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The queue-attribute fallback for SQS servers stricter than ElasticMQ, against a fake client. */
class ProvisionerTest {

    /** Refuses any CreateQueue whose attributes match {@code refuse}; records every request. */
    private static final class StrictSqs implements SqsClient {
        final List<Map<String, String>> requests = new ArrayList<>();
        private final Predicate<Set<String>> refuse;
        private final String errorCode;

        StrictSqs(Predicate<Set<String>> refuse, String errorCode) {
            this.refuse = refuse;
            this.errorCode = errorCode;
        }

        @Override
        public CreateQueueResponse createQueue(CreateQueueRequest request) {
            requests.add(request.attributesAsStrings());
            if (refuse.test(request.attributesAsStrings().keySet())) {
                throw (SqsException) SqsException.builder()
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode)
                                .errorMessage("refused " + request.attributesAsStrings().keySet()).build())
                        .statusCode(400).build();
            }
            return CreateQueueResponse.builder().queueUrl("http://sqs.local/000000000000/" + request.queueName()).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, String> intakeAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("FifoQueue", "true");
        attributes.put("DeduplicationScope", "messageGroup");
        attributes.put("FifoThroughputLimit", "perMessageGroupId");
        attributes.put("VisibilityTimeout", "180");
        attributes.put("SqsManagedSseEnabled", "true");
        return attributes;
    }

    @Test
    void refusedOptionalAttributesAreDroppedAndReported() {
        StrictSqs sqs = new StrictSqs(keys -> keys.contains("DeduplicationScope"), "InvalidAttributeName");
        Set<String> reported = new TreeSet<>();
        String url = Provisioner.createQueueFallingBack(sqs, "IntakeQueue.fifo", intakeAttributes(),
                (skipped, why) -> {
                    reported.addAll(skipped);
                    assertTrue(why.contains("refused"), why);
                });
        assertEquals("http://sqs.local/000000000000/IntakeQueue.fifo", url);
        assertEquals(2, sqs.requests.size());
        assertEquals(Map.of("FifoQueue", "true", "VisibilityTimeout", "180"), sqs.requests.get(1),
                "only the optional attributes go; the rest are still sent");
        assertEquals(Set.of("DeduplicationScope", "FifoThroughputLimit", "SqsManagedSseEnabled"), reported);
    }

    @Test
    void anAcceptingServerGetsEverythingInOneRequest() {
        StrictSqs sqs = new StrictSqs(keys -> false, "unused");
        List<Set<String>> reported = new ArrayList<>();
        Provisioner.createQueueFallingBack(sqs, "IntakeQueue.fifo", intakeAttributes(), (s, why) -> reported.add(s));
        assertEquals(List.of(intakeAttributes()), sqs.requests);
        assertEquals(List.of(), reported);
    }

    @Test
    void otherRefusalsStillFail() {
        // A bad required attribute must not be hidden by dropping the optional ones.
        StrictSqs badValue = new StrictSqs(keys -> keys.contains("VisibilityTimeout"), "InvalidAttributeValue");
        assertThrows(SqsException.class, () -> Provisioner.createQueueFallingBack(badValue, "q.fifo",
                intakeAttributes(), (s, why) -> { }));
        assertEquals(2, badValue.requests.size(), "retried once without the optional attributes, then gave up");

        StrictSqs denied = new StrictSqs(keys -> true, "AccessDenied");
        assertThrows(SqsException.class, () -> Provisioner.createQueueFallingBack(denied, "q.fifo",
                intakeAttributes(), (s, why) -> { }));
        assertEquals(1, denied.requests.size());

        StrictSqs noOptional = new StrictSqs(keys -> true, "InvalidAttributeName");
        assertThrows(SqsException.class, () -> Provisioner.createQueueFallingBack(noOptional, "q",
                Map.of("VisibilityTimeout", "30"), (s, why) -> { }));
        assertEquals(1, noOptional.requests.size());
    }
}
