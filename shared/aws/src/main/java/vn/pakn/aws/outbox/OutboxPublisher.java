package vn.pakn.aws.outbox;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.log.Log;

/**
 * Sends one outbox message to its queue, then settles it: deletes the outbox item, or takes a
 * complaint's state item out of the pending index. The order is the whole guarantee: a crash
 * between the two leaves the item pending, so the stream redelivery or the sweeper sends it again
 * under the same deduplication id (dropped by a FIFO queue within five minutes, and by consumers'
 * own idempotency after that); settling first could lose it.
 */
public final class OutboxPublisher {
    /**
     * Carries the deduplication id on every message, because standard queues have no
     * MessageDeduplicationId and their consumers must deduplicate on something stable.
     */
    public static final String DEDUPLICATION_ID_ATTRIBUTE = "deduplicationId";
    private static final String FIFO_SUFFIX = ".fifo";

    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final String table;
    private final QueueDirectory queues;

    public OutboxPublisher(SqsClient sqs, DynamoDbClient dynamo, String table, QueueDirectory queues) {
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.table = table;
        this.queues = queues;
    }

    /** Sends the message and settles it: what the sweeper does with whatever is still pending. */
    public void publish(OutboxMessage message) {
        send(message);
        if (message.onComplaintState()) {
            // The keys alone: the complaint may be changing meanwhile, and a complaint that is gone
            // must not come back as a bare item.
            try {
                dynamo.updateItem(b -> b.tableName(table).key(ComplaintKeys.key(message.pk(), message.sk()))
                        .updateExpression("REMOVE #pk, #sk").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#pk", ComplaintKeys.GSI1_PK, "#sk", ComplaintKeys.GSI1_SK)));
            } catch (ConditionalCheckFailedException gone) {
                // Nothing left to settle.
            }
        } else {
            // Unconditional: if the relay and the sweeper both sent it, the second delete finds nothing.
            dynamo.deleteItem(b -> b.tableName(table).key(ComplaintKeys.key(message.pk(), message.sk())));
        }
    }

    /**
     * What the relay does with a message the stream shows inserted: an outbox item is sent and
     * settled; a new complaint's intake message is only sent, because the router's first transition
     * of the complaint removes its pending keys in a write it makes anyway, and settling here would
     * be a write per complaint for nothing.
     */
    public void relay(OutboxMessage message) {
        if (message.onComplaintState()) {
            send(message);
        } else {
            publish(message);
        }
    }

    private void send(OutboxMessage message) {
        String queueUrl = queues.queueUrl(message.destination());
        SendMessageRequest.Builder send = SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(message.body())
                .messageAttributes(Map.of(DEDUPLICATION_ID_ATTRIBUTE, MessageAttributeValue.builder()
                        .dataType("String").stringValue(message.deduplicationId()).build()));
        if (queueUrl.endsWith(FIFO_SUFFIX)) {
            // Standard queues reject both parameters; FIFO queues without content-based
            // deduplication require the id.
            send.messageGroupId(message.groupId()).messageDeduplicationId(message.deduplicationId());
        }
        String messageId = sqs.sendMessage(send.build()).messageId();
        Log.info("outbox.sent", "destination", message.destination(),
                "deduplicationId", message.deduplicationId(), "messageId", messageId);
    }
}
