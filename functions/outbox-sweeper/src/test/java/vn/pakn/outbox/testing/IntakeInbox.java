package vn.pakn.outbox.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import vn.pakn.aws.json.Json;

/**
 * Everything that reached the intake queue during a test. Each message is deleted as soon as it is
 * received: a FIFO queue holds back a group's next message while one is in flight, which would
 * hide a duplicate from a test that only received.
 */
public final class IntakeInbox {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<Message> received = new ArrayList<>();

    public IntakeInbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Receives until a one-second long poll finds nothing more (or the deadline passes). */
    public IntakeInbox drain() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).messages();
            if (batch.isEmpty()) {
                return this;
            }
            for (Message m : batch) {
                received.add(m);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        throw new AssertionError("the intake queue did not run dry within " + DEADLINE);
    }

    /** Messages received so far whose body names {@code complaintId}. */
    public List<Message> about(String complaintId) {
        return received.stream().filter(m -> complaintId.equals(complaintIdOf(m))).toList();
    }

    public static String complaintIdOf(Message message) {
        try {
            return Json.read(message.body()).path("complaintId").asText(null);
        } catch (JsonProcessingException e) {
            throw new AssertionError("intake message is not JSON: " + message.messageId(), e);
        }
    }
}
