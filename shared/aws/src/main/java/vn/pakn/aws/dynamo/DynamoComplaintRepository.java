package vn.pakn.aws.dynamo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.ComplaintRepository;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.IdempotencyRecord;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.intake.Upload;

/** Complaints in the single complaints table; see docs/data-model.md. */
public final class DynamoComplaintRepository implements ComplaintRepository {
    private static final String NOT_EXISTS = "attribute_not_exists(pk)";
    /** Re-puts of a tracking code found taken and then freed before it could be read; each needs a release between. */
    private static final int RESERVE_ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private volatile byte[] idempotencySecret;

    public DynamoComplaintRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Without an idempotency key: one transaction of the complaint, its first event, its tracking
     * code and the upload claims, since nothing could finish a part of it later. With one: a
     * conditional put of the tracking code's item with the key's binding, then the complaint and
     * its first event in one {@code BatchWriteItem} (a transaction with the claims when there are
     * photos, whose claims must hold as read). The two of a batch can land one without the other
     * only if this function stops in between; the client's retry then finishes them
     * ({@link #completeReserved}). On DynamoDB Local a four-item transaction costs about five
     * puts, and this about two (docs/performance.md).
     */
    @Override
    public CreateOutcome create(NewComplaint nc) {
        Complaint c = nc.complaint();
        if (nc.idempotency() == null) {
            List<TransactWriteItem> writes = new ArrayList<>(complaintWrites(nc));
            int trackingIndex = writes.size();
            writes.add(put(trackingItem(c.trackingCode(), c.id(), null)));
            Transacted result = transact(nc, writes);
            return result.failed().contains(trackingIndex) ? new CreateOutcome.TrackingCodeTaken() : result.outcome();
        }
        Optional<IdempotencyRecord> holder = reserve(nc.idempotency());
        if (holder.isPresent()) {
            return nc.idempotency().keyHash().equals(holder.get().keyHash())
                    ? new CreateOutcome.IdempotencyKeyTaken(holder.get())
                    : new CreateOutcome.TrackingCodeTaken();
        }
        if (nc.claimedUploads().isEmpty()) {
            // A write left unprocessed every time fails the request; the client's retry under its key finishes it.
            BatchWrites.putAll(dynamo, table, List.of(stateItem(c), ComplaintItems.eventItem(nc.firstEvent())), 8,
                    "complaint " + c.id());
            return new CreateOutcome.Created();
        }
        // A fresh id cannot be taken: only the claims can fail here.
        return transact(nc, complaintWrites(nc)).outcome();
    }

    @Override
    public Optional<IdempotencyRecord> findReservation(String trackingCode) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.trackingKey(trackingCode))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(reservation(trackingCode, item));
    }

    @Override
    public boolean isWritten(String complaintId) {
        return exists(ComplaintKeys.key(ComplaintKeys.complaintPk(complaintId), ComplaintKeys.STATE_SK))
                && exists(ComplaintKeys.key(ComplaintKeys.complaintPk(complaintId), ComplaintKeys.eventSk(1)));
    }

    @Override
    public CreateOutcome completeReserved(NewComplaint nc) {
        Complaint c = nc.complaint();
        boolean state = exists(ComplaintKeys.key(ComplaintKeys.complaintPk(c.id()), ComplaintKeys.STATE_SK));
        boolean first = exists(ComplaintKeys.key(ComplaintKeys.complaintPk(c.id()), ComplaintKeys.eventSk(1)));
        if (!state && !first) {
            Transacted result = transact(nc, complaintWrites(nc));
            // The complaint or its event there now: another retry finished it at the same moment.
            return result.failed().contains(0) || result.failed().contains(1)
                    ? new CreateOutcome.Created() : result.outcome();
        }
        // Only a batch lands in part, and a batch has no claims to make.
        if (!state) {
            putIfAbsent(stateItem(c));
        }
        if (!first) {
            putIfAbsent(ComplaintItems.eventItem(nc.firstEvent()));
        }
        return new CreateOutcome.Created();
    }

    @Override
    public void release(IdempotencyRecord reservation) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(ComplaintKeys.trackingKey(reservation.trackingCode()))
                    .conditionExpression("complaintId = :id")
                    .expressionAttributeValues(Map.of(":id", Attr.s(reservation.complaintId()))));
        } catch (ConditionalCheckFailedException gone) {
            // Released already, or never ours.
        }
    }

    @Override
    public byte[] idempotencySecret() {
        byte[] secret = idempotencySecret;
        if (secret == null) {
            secret = loadOrMakeIdempotencySecret();
            idempotencySecret = secret;
        }
        return secret.clone();
    }

    private byte[] loadOrMakeIdempotencySecret() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(ComplaintKeys.IDEMPOTENCY_SECRET_KEY)).item();
            if (item != null && item.containsKey("secret")) {
                return item.get("secret").b().asByteArray();
            }
            byte[] made = new byte[32];
            new SecureRandom().nextBytes(made);
            Map<String, AttributeValue> secretItem = new HashMap<>(ComplaintKeys.IDEMPOTENCY_SECRET_KEY);
            secretItem.put("secret", AttributeValue.fromB(SdkBytes.fromByteArray(made)));
            try {
                // Only the first function of a deployment to need it makes it; the others read that one.
                dynamo.putItem(b -> b.tableName(table).item(secretItem).conditionExpression(NOT_EXISTS));
                return made;
            } catch (ConditionalCheckFailedException madeMeanwhile) {
                // Read it on the next turn.
            }
        }
        throw new IllegalStateException("The idempotency secret could neither be read nor made in " + table);
    }

    /** Empty when the code is now reserved for this complaint; else whoever holds it. */
    private Optional<IdempotencyRecord> reserve(IdempotencyRecord r) {
        for (int attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(trackingItem(r.trackingCode(), r.complaintId(), r))
                        // The same complaint's next attempt (after an upload changed) keeps its code.
                        .conditionExpression("attribute_not_exists(pk) OR complaintId = :id")
                        .expressionAttributeValues(Map.of(":id", Attr.s(r.complaintId())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException taken) {
                if (taken.hasItem() && !taken.item().isEmpty()) {
                    return Optional.of(reservation(r.trackingCode(), taken.item()));
                }
                Optional<IdempotencyRecord> holder = findReservation(r.trackingCode());
                if (holder.isPresent()) {
                    return holder;
                }
                // The holder released the code between the put and the read: try to take it again.
            }
        }
        // Only a storm of reserve-and-release on one code gets here; failing lets the client retry later.
        throw new IllegalStateException("Tracking code " + r.trackingCode() + " was taken and freed "
                + RESERVE_ATTEMPTS + " times in a row while reserving it");
    }

    private static IdempotencyRecord reservation(String trackingCode, Map<String, AttributeValue> item) {
        String receivedAt = Attr.str(item, "receivedAt");
        return new IdempotencyRecord(Attr.str(item, "keyHash"), Attr.str(item, "fingerprint"),
                Attr.str(item, "complaintId"), trackingCode, receivedAt == null ? null : Instant.parse(receivedAt));
    }

    private static Map<String, AttributeValue> trackingItem(String trackingCode, String complaintId,
                                                            IdempotencyRecord binding) {
        Map<String, AttributeValue> item = new HashMap<>(ComplaintKeys.trackingKey(trackingCode));
        item.put("complaintId", Attr.s(complaintId));
        if (binding != null) {
            item.put("keyHash", Attr.s(binding.keyHash()));
            item.put("fingerprint", Attr.s(binding.fingerprint()));
            item.put("receivedAt", Attr.s(binding.receivedAt().toString()));
        }
        return item;
    }

    /** The complaint's state (created pending: the relay sends the intake message from its insert), its event, its claims. */
    private List<TransactWriteItem> complaintWrites(NewComplaint nc) {
        Complaint c = nc.complaint();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(stateItem(c)));
        writes.add(put(ComplaintItems.eventItem(nc.firstEvent())));
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
        return writes;
    }

    private static Map<String, AttributeValue> stateItem(Complaint c) {
        Map<String, AttributeValue> state = new HashMap<>(ComplaintItems.stateItem(c));
        state.putAll(OutboxMessage.intake(c).pendingKeys());
        return state;
    }

    /**
     * A create transaction's outcome as far as the claims (at {@code 2..}) tell it, and the indexes
     * whose conditions failed, for the caller, which knows what it put at each.
     */
    private record Transacted(CreateOutcome outcome, List<Integer> failed) {
    }

    private Transacted transact(NewComplaint nc, List<TransactWriteItem> writes) {
        Complaint c = nc.complaint();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes)
                    // Makes an SDK-level retry of a transaction that did commit a no-op, not a conflict. The
                    // claims' statuses are in it: the next attempt after an upload changed is another request.
                    .clientRequestToken(token(c.id() + c.trackingCode() + nc.claimedUploads().stream()
                            .map(u -> u.id() + u.status()).toList())));
            return new Transacted(new CreateOutcome.Created(), List.of());
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            List<Integer> failed = new ArrayList<>();
            CreateOutcome claims = null;
            for (int i = 0; i < reasons.size(); i++) {
                String code = reasons.get(i).code();
                if ("TransactionConflict".equals(code)) {
                    return new Transacted(new CreateOutcome.Contended(), List.of());
                }
                if (!"ConditionalCheckFailed".equals(code)) {
                    continue;
                }
                failed.add(i);
                int upload = i - 2;
                if (claims == null && upload >= 0 && upload < nc.claimedUploads().size()) {
                    claims = new CreateOutcome.UploadChanged(nc.claimedUploads().get(upload).id());
                }
            }
            if (failed.isEmpty()) {
                throw e;
            }
            return new Transacted(claims == null ? new CreateOutcome.Contended() : claims, failed);
        }
    }

    private void putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(NOT_EXISTS));
        } catch (ConditionalCheckFailedException written) {
            // Another retry wrote it at the same moment.
        }
    }

    private boolean exists(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key)
                .projectionExpression("pk")).item();
        return item != null && !item.isEmpty();
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
