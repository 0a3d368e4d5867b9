package vn.pakn.aws.dynamo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.Upload;
import vn.pakn.domain.intake.UploadRepository;

/** Upload slots in the complaints table; unclaimed ones expire with the bucket's lifecycle. */
public final class DynamoUploadRepository implements UploadRepository {
    static final Duration RETENTION = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUploadRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Upload u) {
        Map<String, AttributeValue> item = new HashMap<>(ComplaintKeys.uploadKey(u.id()));
        item.put("type", Attr.s("upload"));
        item.put("uploadId", Attr.s(u.id()));
        item.put("objectKey", Attr.s(u.objectKey()));
        item.put("contentType", Attr.s(u.type().contentType()));
        item.put("contentLength", Attr.n(u.contentLength()));
        item.put("createdAt", Attr.s(u.createdAt().toString()));
        item.put("urlExpiresAt", Attr.s(u.urlExpiresAt().toString()));
        item.put("status", Attr.s(u.status().name()));
        item.put(ComplaintKeys.EXPIRES_AT, Attr.n(u.createdAt().plus(RETENTION).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Upload> find(String uploadId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.uploadKey(uploadId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(upload(item));
    }

    public static Upload upload(Map<String, AttributeValue> item) {
        return new Upload(Attr.str(item, "uploadId"), Attr.str(item, "objectKey"),
                ImageType.fromContentType(Attr.str(item, "contentType")).orElseThrow(),
                Attr.num(item, "contentLength"), Instant.parse(Attr.str(item, "createdAt")),
                Instant.parse(Attr.str(item, "urlExpiresAt")), PhotoStatus.valueOf(Attr.str(item, "status")),
                Attr.str(item, "complaintId"), Attr.str(item, "reason"));
    }
}
