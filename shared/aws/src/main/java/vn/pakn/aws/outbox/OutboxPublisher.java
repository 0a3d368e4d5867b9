package vn.pakn.aws.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.log.Log;

/**
 * Sends outbox messages to their queues, then settles each one sent: deletes the outbox item, or
 * takes a complaint's state item out of the pending index. The order is the whole guarantee: a crash
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
    /** SQS's limits on one {@code SendMessageBatch}: entries, and bytes of bodies and attributes together. */
    static final int MAX_BATCH_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 256 * 1024;

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

    /**
     * What the sweeper does with the stragglers it found, in the order it found them: sends them,
     * up to ten in one {@code SendMessageBatch} as the relay does, and settles each one sent, a new
     * complaint's intake message too (else a complaint nobody routed would be resent at every
     * sweep). Unlike the relay it goes on past a failure, since one bad message must not hold back
     * other complaints' messages; but a complaint (message group) with a message not sent has its
     * later messages held back, still pending, because they must not reach its queue first.
     *
     * @param failedGroups the groups already held back in this sweep, added to as messages fail;
     *                     the sweeper passes the same set for each part of one sweep
     * @return every message not sent and settled, in order, with the reason ({@link HeldBackException}
     *         for one held back behind an earlier message of its group)
     */
    public Map<OutboxMessage, RuntimeException> publishAll(List<OutboxMessage> messages, Set<String> failedGroups) {
        Map<OutboxMessage, RuntimeException> failures = new LinkedHashMap<>();
        List<OutboxMessage> sendable = new ArrayList<>();
        List<String> queueUrls = new ArrayList<>();
        for (OutboxMessage message : messages) {
            if (failedGroups.contains(message.groupId())) {
                failures.put(message, new HeldBackException(message));
                continue;
            }
            try {
                queueUrls.add(queues.queueUrl(message.destination()));
                sendable.add(message);
            } catch (RuntimeException e) {
                failures.put(message, e);
                failedGroups.add(message.groupId());
            }
        }
        int start = 0;
        while (start < sendable.size()) {
            int end = endOfRequest(sendable, queueUrls, start);
            // A request never holds two messages of one group, so a failure in it can hold back
            // only messages of later requests: they are taken out of theirs before it is sent.
            List<OutboxMessage> request = new ArrayList<>();
            for (OutboxMessage message : sendable.subList(start, end)) {
                if (failedGroups.contains(message.groupId())) {
                    failures.put(message, new HeldBackException(message));
                } else {
                    request.add(message);
                }
            }
            SortedMap<Integer, RuntimeException> failed = request.isEmpty()
                    ? new TreeMap<>() : sendBatch(queueUrls.get(start), request);
            for (int i = 0; i < request.size(); i++) {
                OutboxMessage message = request.get(i);
                RuntimeException failure = failed.get(i);
                if (failure == null) {
                    try {
                        settle(message);
                    } catch (RuntimeException e) {
                        // Sent but still pending: the next sweep sends it again under the same id.
                        failure = e;
                    }
                }
                if (failure != null) {
                    failures.put(message, failure);
                    failedGroups.add(message.groupId());
                }
            }
            start = end;
        }
        return failures;
    }

    /** A message not sent because an earlier message of its complaint was not: it stays pending. */
    public static final class HeldBackException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HeldBackException(OutboxMessage message) {
            super("Held back behind an earlier message of group " + message.groupId() + " that was not sent");
        }
    }

    /** Takes a sent message out of the pending ones, so that the sweeper does not send it again. */
    private void settle(OutboxMessage message) {
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
     * What the relay does with the messages of one stream batch, in their order: sends them, up to
     * ten in one {@code SendMessageBatch}, and settles each one sent. An outbox item is settled by
     * deleting it; a new complaint's intake message is not, because the router's first transition
     * of the complaint removes its pending keys in a write it makes anyway, and settling here would
     * be a write per complaint for nothing.
     *
     * <p>One request carries consecutive messages for one queue and never two of one message group.
     * A FIFO queue keeps a group's order only if each message is sent once its predecessor is known
     * to be on the queue, and the entries of one request succeed or fail one by one: so a failed
     * entry can be followed in its request only by other groups' messages. Those are settled too,
     * but will be sent again with the rest of the batch, under the same deduplication id. No
     * request is made after one with a failure.
     *
     * @return how many messages, from the first, were sent and settled, and why the next was not
     */
    public Relayed relay(List<OutboxMessage> messages) {
        List<String> queueUrls = new ArrayList<>();
        RuntimeException unknownQueue = null;
        for (OutboxMessage message : messages) {
            try {
                queueUrls.add(queues.queueUrl(message.destination()));
            } catch (RuntimeException e) {
                unknownQueue = e;
                break;
            }
        }
        int start = 0;
        while (start < queueUrls.size()) {
            int end = endOfRequest(messages, queueUrls, start);
            List<OutboxMessage> request = messages.subList(start, end);
            SortedMap<Integer, RuntimeException> failed = sendBatch(queueUrls.get(start), request);
            for (int i = 0; i < request.size(); i++) {
                if (failed.containsKey(i) || request.get(i).onComplaintState()) {
                    continue;
                }
                try {
                    settle(request.get(i));
                } catch (RuntimeException e) {
                    failed.put(i, e);
                    break;
                }
            }
            if (!failed.isEmpty()) {
                return new Relayed(start + failed.firstKey(), failed.get(failed.firstKey()));
            }
            start = end;
        }
        return new Relayed(start, unknownQueue);
    }

    /**
     * What {@link #relay(List)} did.
     *
     * @param count how many messages, from the first, were sent and settled
     * @param failure why message {@code count} was not; null when every message was
     */
    public record Relayed(int count, RuntimeException failure) {
    }

    /** The end (exclusive) of the request that starts at {@code start}. */
    private static int endOfRequest(List<OutboxMessage> messages, List<String> queueUrls, int start) {
        Set<String> groups = new HashSet<>();
        int bytes = 0;
        int end = start;
        while (end < queueUrls.size() && end - start < MAX_BATCH_ENTRIES
                && queueUrls.get(end).equals(queueUrls.get(start))) {
            OutboxMessage message = messages.get(end);
            int size = requestBytes(message);
            if (end > start && bytes + size > MAX_BATCH_BYTES || !groups.add(message.groupId())) {
                break;
            }
            bytes += size;
            end++;
        }
        return end;
    }

    /** What a message counts towards a request's size limit: its body and its attribute. */
    private static int requestBytes(OutboxMessage message) {
        return message.body().getBytes(StandardCharsets.UTF_8).length + DEDUPLICATION_ID_ATTRIBUTE.length()
                + "String".length() + message.deduplicationId().getBytes(StandardCharsets.UTF_8).length;
    }

    /** The entries of {@code request} that are not known to be on the queue, by index, with the reason. */
    private SortedMap<Integer, RuntimeException> sendBatch(String queueUrl, List<OutboxMessage> request) {
        boolean fifo = queueUrl.endsWith(FIFO_SUFFIX);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            OutboxMessage message = request.get(i);
            SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(message.body())
                    .messageAttributes(deduplicationAttribute(message));
            if (fifo) {
                entry.messageGroupId(message.groupId()).messageDeduplicationId(message.deduplicationId());
            }
            entries.add(entry.build());
        }
        SortedMap<Integer, RuntimeException> failed = new TreeMap<>();
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (RuntimeException e) {
            for (int i = 0; i < request.size(); i++) {
                failed.put(i, e);
            }
            return failed;
        }
        for (BatchResultErrorEntry error : response.failed()) {
            failed.put(Integer.parseInt(error.id()), new EntryNotSentException(error));
        }
        Set<Integer> sent = new HashSet<>();
        for (SendMessageBatchResultEntry ok : response.successful()) {
            int index = Integer.parseInt(ok.id());
            sent.add(index);
            OutboxMessage message = request.get(index);
            Log.info("outbox.sent", "destination", message.destination(),
                    "deduplicationId", message.deduplicationId(), "messageId", ok.messageId());
        }
        for (int i = 0; i < request.size(); i++) {
            if (!sent.contains(i) && !failed.containsKey(i)) {
                // An answer that leaves an entry out must not count it as sent.
                failed.put(i, new IllegalStateException("SQS did not answer for entry " + i));
            }
        }
        return failed;
    }

    /** SQS refused one entry of a batch; its code says whether a retry can succeed. */
    public static final class EntryNotSentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EntryNotSentException(BatchResultErrorEntry error) {
            super("SQS did not take the message: " + error.code() + " (" + error.message() + ")"
                    + (Boolean.TRUE.equals(error.senderFault()) ? ", a sender fault" : ""));
        }
    }

    private static Map<String, MessageAttributeValue> deduplicationAttribute(OutboxMessage message) {
        return Map.of(DEDUPLICATION_ID_ATTRIBUTE, MessageAttributeValue.builder()
                .dataType("String").stringValue(message.deduplicationId()).build());
    }
}
