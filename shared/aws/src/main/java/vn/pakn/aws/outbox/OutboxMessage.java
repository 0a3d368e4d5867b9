package vn.pakn.aws.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.complaint.Complaint;

/**
 * A message promised to a queue, stored in the same transaction as the change that caused it.
 * The relay sends it when the stream shows the insert; the sweeper sends what the relay missed.
 * Either way the queue's deduplication id is the same, so a resend within the FIFO window is
 * dropped, and consumers key their idempotency on it beyond that window.
 *
 * <p>A new complaint's intake message has no item of its own: the complaint's state item is
 * created pending (it carries the index keys {@link #pendingKeys}), the relay sends the message
 * built from that insert, and the complaint's first transition (the router's routing) removes the
 * keys. One item fewer in every submission's transaction, and no delete after sending; the sweeper
 * still finds a complaint nobody routed, because it is still pending.
 *
 * @param destination a logical queue name, e.g. {@value #INTAKE}
 */
public record OutboxMessage(String pk, String sk, String destination, String groupId, String deduplicationId,
                            String body, Instant createdAt) {
    public static final String INTAKE = "intake";
    /** The intake message announces the complaint's first event. */
    public static final int INTAKE_SEQ = 1;

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
        item.putAll(pendingKeys());
        return item;
    }

    /** The intake queue's message: identifiers and routing facts only, never reporter data. */
    public static OutboxMessage intake(Complaint c) {
        ObjectNode body = Json.object();
        body.put("type", "complaint.received");
        body.put("complaintId", c.id());
        body.put("eventSeq", INTAKE_SEQ);
        body.put("trackingCode", c.trackingCode());
        body.put("category", c.categoryCode());
        body.put("areaCode", c.areaCode());
        if (c.location() != null) {
            body.putObject("location").put("lat", c.location().lat()).put("lon", c.location().lon());
        }
        body.put("channel", c.channel().wireName());
        body.put("receivedAt", c.receivedAt().toString());
        return new OutboxMessage(ComplaintKeys.complaintPk(c.id()), ComplaintKeys.STATE_SK, INTAKE, c.id(),
                c.id() + "#" + INTAKE_SEQ, Json.write(body), c.receivedAt());
    }

    /** The index keys that make an item pending: the sweeper's index holds the items that carry them. */
    public Map<String, AttributeValue> pendingKeys() {
        return Map.of(ComplaintKeys.GSI1_PK, Attr.s(ComplaintKeys.outboxShard(groupId)),
                ComplaintKeys.GSI1_SK, Attr.s(createdAt + "#" + deduplicationId));
    }

    /** True for a new complaint's intake message, which lives on the complaint's state item. */
    public boolean onComplaintState() {
        return ComplaintKeys.STATE_SK.equals(sk);
    }

    /** An outbox item, or a complaint's state item (pending with its intake message). */
    public static OutboxMessage fromItem(Map<String, AttributeValue> item) {
        if (ComplaintKeys.STATE_SK.equals(Attr.str(item, ComplaintKeys.SK))) {
            return intake(ComplaintItems.complaint(item));
        }
        return new OutboxMessage(Attr.str(item, ComplaintKeys.PK), Attr.str(item, ComplaintKeys.SK),
                Attr.str(item, "destination"), Attr.str(item, "messageGroupId"),
                Attr.str(item, "messageDeduplicationId"), Attr.str(item, "body"),
                Instant.parse(Attr.str(item, "createdAt")));
    }

    /**
     * Keys of an item whose insert carries a message: an outbox item or a new complaint's state. A
     * state item under another key is not a complaint (the benchmark's floor writes such items): taking
     * it for one would fail the relay's batch on every retry and hold up the stream behind it.
     */
    public static boolean carriesMessage(Map<String, AttributeValue> keys) {
        String pk = Attr.str(keys, ComplaintKeys.PK);
        String sk = Attr.str(keys, ComplaintKeys.SK);
        return sk != null && (sk.startsWith(ComplaintKeys.OUTBOX_SK_PREFIX)
                || ComplaintKeys.STATE_SK.equals(sk) && pk != null && pk.startsWith(ComplaintKeys.complaintPk("")));
    }
}
