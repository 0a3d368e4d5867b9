package vn.pakn.aws.dynamo;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.sla.WorkingCalendar;

/**
 * The key layout of the complaints table, in one place; docs/data-model.md explains each
 * access pattern it serves.
 */
public final class ComplaintKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** Agency inbox: {@code AGENCY#<agencyId>#<status>}, sorted by resolve deadline. */
    public static final String GSI2 = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /**
     * Deadline watch: open complaints not yet overdue, {@code DUE#<shard>}, sorted by their next deadline;
     * and resolved complaints awaiting the citizen, {@code RESOLVED#<shard>}, sorted by resolution time.
     */
    public static final String GSI3 = "gsi3";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";
    /** Overdue inbox: {@code OVERDUE#<agencyId>} for open complaints past a deadline. */
    public static final String GSI4 = "gsi4";
    public static final String GSI4_PK = "gsi4pk";
    public static final String GSI4_SK = "gsi4sk";
    /**
     * Public feed: every complaint, {@code FEED#<yyyy-MM of receipt, Vietnam time>}, sorted by
     * {@link #feedSortKey}; queried newest first. The index projects no personal data (template.yaml).
     */
    public static final String GSI5 = "gsi5";
    public static final String GSI5_PK = "gsi5pk";
    public static final String GSI5_SK = "gsi5sk";
    public static final int DUE_SHARDS = 8;
    /** Epoch seconds after which DynamoDB's TTL deletes the item. */
    public static final String EXPIRES_AT = "expiresAt";

    public static final String STATE_SK = "STATE";
    public static final String EVENT_SK_PREFIX = "EVENT#";
    public static final String OUTBOX_SK_PREFIX = "OUTBOX#";
    /** Pending outbox items are spread over this many index partitions. */
    public static final int OUTBOX_SHARDS = 8;

    private static final DateTimeFormatter FEED_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ComplaintKeys() {
    }

    public static String complaintPk(String complaintId) {
        return "C#" + complaintId;
    }

    public static String complaintIdFromPk(String pk) {
        return pk.substring(2);
    }

    /** Zero-padded so events sort by number. */
    public static String eventSk(int seq) {
        return EVENT_SK_PREFIX + String.format("%08d", seq);
    }

    public static String outboxSk(int seq, String destination) {
        return OUTBOX_SK_PREFIX + String.format("%08d", seq) + "#" + destination;
    }

    public static String outboxShard(String complaintId) {
        return outboxShard(Math.floorMod(complaintId.hashCode(), OUTBOX_SHARDS));
    }

    public static String outboxShard(int shard) {
        return "OUTBOX#" + shard;
    }

    public static String agencyInbox(String agencyId, String status) {
        return "AGENCY#" + agencyId + "#" + status;
    }

    public static String dueShard(String complaintId) {
        return dueShard(Math.floorMod(complaintId.hashCode(), DUE_SHARDS));
    }

    public static String dueShard(int shard) {
        return "DUE#" + shard;
    }

    /** Auto-close: the watch subtracts its configured days from now, so writers need not know them. */
    public static String resolvedShard(String complaintId) {
        return resolvedShard(Math.floorMod(complaintId.hashCode(), DUE_SHARDS));
    }

    public static String resolvedShard(int shard) {
        return "RESOLVED#" + shard;
    }

    public static String overdueInbox(String agencyId) {
        return "OVERDUE#" + agencyId;
    }

    public static String feedMonth(YearMonth month) {
        return "FEED#" + month;
    }

    public static String feedMonth(Instant receivedAt) {
        return feedMonth(YearMonth.from(receivedAt.atZone(WorkingCalendar.VIETNAM)));
    }

    /**
     * {@code <receivedAt, UTC, always nine fractional digits>#<id>}: fixed width, so that string order is
     * time order ({@link Instant#toString()} drops trailing zeros, and {@code "…00Z"} sorts after
     * {@code "…00.5Z"}).
     */
    public static String feedSortKey(Instant receivedAt, String complaintId) {
        return feedInstant(receivedAt) + "#" + complaintId;
    }

    /** A bound for {@link #feedSortKey}s: every key of a complaint received at or after it sorts after it. */
    public static String feedInstant(Instant instant) {
        return FEED_INSTANT.format(instant);
    }

    public static String trackingPk(String trackingCode) {
        return "TRACK#" + trackingCode;
    }

    /** The tracking code's item; under an idempotency key it also holds the key's binding. */
    public static Map<String, AttributeValue> trackingKey(String trackingCode) {
        return key(trackingPk(trackingCode), "TRACK");
    }

    /** The deployment's secret for what is derived from idempotency keys (IdempotencyKeys). */
    public static final Map<String, AttributeValue> IDEMPOTENCY_SECRET_KEY = key("CONFIG#IDEMPOTENCY", "SECRET");

    public static String uploadPk(String uploadId) {
        return "UPLOAD#" + uploadId;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, Attr.s(pk), SK, Attr.s(sk));
    }

    public static Map<String, AttributeValue> stateKey(String complaintId) {
        return key(complaintPk(complaintId), STATE_SK);
    }

    public static Map<String, AttributeValue> uploadKey(String uploadId) {
        String pk = uploadPk(uploadId);
        return key(pk, "UPLOAD");
    }
}
