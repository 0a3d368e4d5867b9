package vn.pakn.aws.dynamo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.ComplaintRepository;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.IdempotencyRecord;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.intake.SubmitReceipt;
import vn.pakn.domain.intake.Upload;

/** Complaints in the single complaints table; see docs/data-model.md. */
public final class DynamoComplaintRepository implements ComplaintRepository {
    /** Long enough for any client retry; the receipt holds the citizen secret, so not forever. */
    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    private static final String NOT_EXISTS = "attribute_not_exists(pk)";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoComplaintRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public CreateOutcome create(NewComplaint nc) {
        Complaint c = nc.complaint();
        List<TransactWriteItem> writes = new ArrayList<>();
        // Created pending: the relay sends the intake message from this insert (see OutboxMessage).
        Map<String, AttributeValue> state = new HashMap<>(ComplaintItems.stateItem(c));
        state.putAll(OutboxMessage.intake(c).pendingKeys());
        writes.add(put(state));
        writes.add(put(ComplaintItems.eventItem(nc.firstEvent())));
        writes.add(put(Map.of(ComplaintKeys.PK, Attr.s(ComplaintKeys.trackingPk(c.trackingCode())),
                ComplaintKeys.SK, Attr.s("TRACK"), "complaintId", Attr.s(c.id()))));
        int idempotencyIndex = -1;
        if (nc.idempotency() != null) {
            idempotencyIndex = writes.size();
            writes.add(put(idempotencyItem(nc.idempotency(), c.receivedAt())));
        }
        int firstUploadIndex = writes.size();
        for (Upload u : nc.claimedUploads()) {
            writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table)
                    .key(ComplaintKeys.uploadKey(u.id()))
                    .updateExpression("SET complaintId = :cid")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(complaintId) AND #status = :seen")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":cid", Attr.s(c.id()), ":seen", Attr.s(u.status().name())))
                    .build()).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes)
                    // Makes an SDK-level retry of a transaction that did commit a no-op, not a conflict.
                    .clientRequestToken(token(c.id() + c.trackingCode())));
            return new CreateOutcome.Created();
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size(); i++) {
                String code = reasons.get(i).code();
                if ("TransactionConflict".equals(code)) {
                    return new CreateOutcome.Contended();
                }
                if (!"ConditionalCheckFailed".equals(code)) {
                    continue;
                }
                if (i == 2) {
                    return new CreateOutcome.TrackingCodeTaken();
                }
                if (i == idempotencyIndex) {
                    return new CreateOutcome.IdempotencyKeyTaken();
                }
                if (i >= firstUploadIndex) {
                    return new CreateOutcome.UploadChanged(nc.claimedUploads().get(i - firstUploadIndex).id());
                }
            }
            throw e;
        }
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.key(ComplaintKeys.idempotencyPk(key), "IDEM"))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        SubmitReceipt receipt = new SubmitReceipt(Attr.str(item, "complaintId"), Attr.str(item, "trackingCode"),
                Status.valueOf(Attr.str(item, "status")), Instant.parse(Attr.str(item, "receivedAt")),
                Attr.str(item, "citizenSecret"));
        return Optional.of(new IdempotencyRecord(key, Attr.str(item, "fingerprint"), receipt));
    }

    @Override
    public Optional<ComplaintHistory> findByTrackingCode(String trackingCode) {
        Map<String, AttributeValue> track = dynamo.getItem(b -> b.tableName(table)
                .key(ComplaintKeys.key(ComplaintKeys.trackingPk(trackingCode), "TRACK"))).item();
        if (track == null || track.isEmpty()) {
            return Optional.empty();
        }
        return findById(Attr.str(track, "complaintId"));
    }

    public Optional<ComplaintHistory> findById(String complaintId) {
        Complaint complaint = null;
        List<ComplaintEvent> events = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Attr.s(ComplaintKeys.complaintPk(complaintId))));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            var page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = Attr.str(item, ComplaintKeys.SK);
                if (ComplaintKeys.STATE_SK.equals(sk)) {
                    complaint = ComplaintItems.complaint(item);
                } else if (sk.startsWith(ComplaintKeys.EVENT_SK_PREFIX)) {
                    events.add(ComplaintItems.event(item));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return complaint == null ? Optional.empty() : Optional.of(new ComplaintHistory(complaint, events));
    }

    private Map<String, AttributeValue> idempotencyItem(IdempotencyRecord r, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(ComplaintKeys.key(ComplaintKeys.idempotencyPk(r.key()), "IDEM"));
        item.put("fingerprint", Attr.s(r.fingerprint()));
        item.put("complaintId", Attr.s(r.receipt().id()));
        item.put("trackingCode", Attr.s(r.receipt().trackingCode()));
        item.put("status", Attr.s(r.receipt().status().name()));
        item.put("receivedAt", Attr.s(r.receipt().receivedAt().toString()));
        item.put("citizenSecret", Attr.s(r.receipt().citizenSecret()));
        item.put(ComplaintKeys.EXPIRES_AT, Attr.n(now.plus(IDEMPOTENCY_TTL).getEpochSecond()));
        return item;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(NOT_EXISTS).build())
                .build();
    }

    private static String token(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 18);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
