package vn.pakn.photo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoUploadRepository;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.intake.Upload;

/**
 * The check's outcome on upload items and complaint projections (docs/data-model.md). The
 * upload is updated only while still {@code PENDING}; the submission claims an upload only while
 * its status is still what it read. So whichever of the two writes second sees the other: the
 * check finds the claim in the returned item, or the submission finds the new status.
 */
public final class DynamoCheckLedger implements CheckLedger {
    static final String STATUS = "status";
    static final String REASON = "reason";
    static final String ORIGINAL_KEY = "originalKey";
    static final String PUBLIC_KEY = "publicKey";
    static final String NO_PUBLIC_COPY_REASON = "noPublicCopyReason";
    static final String THUMBNAIL_KEY = "thumbnailKey";
    static final String CHECKED_AT = "checkedAt";
    private static final String PHOTOS = "photos";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCheckLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<CheckedUpload> find(String uploadId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.uploadKey(uploadId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(checkedUpload(item));
    }

    @Override
    public Optional<CheckedUpload> record(String uploadId, CheckOutcome outcome) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pending", Attr.s(PhotoStatus.PENDING.name()));
        String update = assignments("", fields(outcome), names, values);
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table)
                    .key(ComplaintKeys.uploadKey(uploadId))
                    .updateExpression(update)
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return Optional.of(checkedUpload(item));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            return old == null || old.isEmpty() ? Optional.empty() : Optional.of(checkedUpload(old));
        }
    }

    @Override
    public boolean applyToComplaint(String complaintId, String uploadId, CheckOutcome outcome) {
        Map<String, String> names = new HashMap<>();
        names.put("#photos", PHOTOS);
        names.put("#uploadId", uploadId);
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, AttributeValue> fields = fields(outcome);
        // The complaint shows what a viewer needs; where the original lies and when it was checked stay on the upload.
        fields.remove(ORIGINAL_KEY);
        fields.remove(CHECKED_AT);
        String update = assignments("#photos.#uploadId.", fields, names, values);
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(ComplaintKeys.stateKey(complaintId))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(#photos.#uploadId)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Every outcome attribute, null where absent, so absent ones are removed rather than left stale. */
    private static Map<String, AttributeValue> fields(CheckOutcome o) {
        Map<String, AttributeValue> fields = new HashMap<>();
        fields.put(STATUS, Attr.s(o.status().name()));
        fields.put(REASON, nullable(o.reason()));
        fields.put(ORIGINAL_KEY, nullable(o.originalKey()));
        fields.put(PUBLIC_KEY, nullable(o.publicKey()));
        fields.put(NO_PUBLIC_COPY_REASON, nullable(o.noPublicCopyReason()));
        fields.put(THUMBNAIL_KEY, nullable(o.thumbnailKey()));
        fields.put(CHECKED_AT, Attr.s(o.checkedAt().toString()));
        return fields;
    }

    private static String assignments(String path, Map<String, AttributeValue> fields, Map<String, String> names,
            Map<String, AttributeValue> values) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        fields.forEach((name, value) -> {
            names.put("#" + name, name);
            if (value == null) {
                remove.add(path + "#" + name);
            } else {
                values.put(":" + name, value);
                set.add(path + "#" + name + " = :" + name);
            }
        });
        return "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    }

    private static AttributeValue nullable(String value) {
        return value == null ? null : Attr.s(value);
    }

    static CheckedUpload checkedUpload(Map<String, AttributeValue> item) {
        Upload upload = DynamoUploadRepository.upload(item);
        if (upload.status() == PhotoStatus.PENDING) {
            return new CheckedUpload(upload, null);
        }
        String checkedAt = Attr.str(item, CHECKED_AT);
        CheckOutcome outcome = new CheckOutcome(upload.status(), Attr.str(item, REASON), Attr.str(item, ORIGINAL_KEY),
                Attr.str(item, PUBLIC_KEY), Attr.str(item, NO_PUBLIC_COPY_REASON), Attr.str(item, THUMBNAIL_KEY),
                checkedAt == null ? null : Instant.parse(checkedAt));
        return new CheckedUpload(upload, outcome);
    }
}
