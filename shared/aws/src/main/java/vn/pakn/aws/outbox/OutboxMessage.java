package vn.pakn.aws.outbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;

/**
 * A message promised to a queue, stored in the same transaction as the change that caused it.
 * The relay sends it when the stream shows the insert; the sweeper sends what the relay missed.
 * Either way the queue's deduplication id is the same, so a resend within the FIFO window is
 * dropped, and consumers key their idempotency on it beyond that window.
 *
 * @param destination a logical queue name, e.g. {@value #INTAKE}
 */
public record OutboxMessage(String pk, String sk, String destination, String groupId, String deduplicationId,
                            String body, Instant createdAt) {
    public static final String INTAKE = "intake";

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ComplaintKeys.PK, Attr.s(pk));
        item.put(ComplaintKeys.SK, Attr.s(sk));
        item.put("type", Attr.s("outbox"));
        item.put("destination", Attr.s(destination));
        item.put("messageGroupId", Attr.s(groupId));
        item.put("messageDeduplicationId", Attr.s(deduplicationId));
        item.put("body", Attr.s(body));
        item.put("createdAt", Attr.s(createdAt.toString()));
        // Only pending items carry the index keys, so the sweeper's index holds just them.
        item.put(ComplaintKeys.GSI1_PK, Attr.s(ComplaintKeys.outboxShard(groupId)));
        item.put(ComplaintKeys.GSI1_SK, Attr.s(createdAt + "#" + deduplicationId));
        return item;
    }

    public static OutboxMessage fromItem(Map<String, AttributeValue> item) {
        return new OutboxMessage(Attr.str(item, ComplaintKeys.PK), Attr.str(item, ComplaintKeys.SK),
                Attr.str(item, "destination"), Attr.str(item, "messageGroupId"),
                Attr.str(item, "messageDeduplicationId"), Attr.str(item, "body"),
                Instant.parse(Attr.str(item, "createdAt")));
    }

    public static boolean isOutboxItem(Map<String, AttributeValue> keys) {
        String sk = Attr.str(keys, ComplaintKeys.SK);
        return sk != null && sk.startsWith(ComplaintKeys.OUTBOX_SK_PREFIX);
    }
}
