package vn.pakn.agency;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Handling;

/**
 * The agency inbox on the complaints table's sparse indexes: {@code gsi2} holds
 * {@code AGENCY#<agency>#<status>}, {@code gsi4} holds {@code OVERDUE#<agency>}, both sorted by
 * resolve deadline then id. One Query per shelf and page; the table is never scanned.
 */
public final class DynamoAgencyInbox implements AgencyInbox {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAgencyInbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Slice read(String agencyId, Shelf shelf, String after, int limit) {
        String index;
        String pkName;
        String skName;
        String partition;
        if (shelf instanceof Shelf.InStatus s) {
            index = ComplaintKeys.GSI2;
            pkName = ComplaintKeys.GSI2_PK;
            skName = ComplaintKeys.GSI2_SK;
            partition = ComplaintKeys.agencyInbox(agencyId, s.status().name());
        } else {
            index = ComplaintKeys.GSI4;
            pkName = ComplaintKeys.GSI4_PK;
            skName = ComplaintKeys.GSI4_SK;
            partition = ComplaintKeys.overdueInbox(agencyId);
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", pkName));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Attr.s(partition)));
        String condition = "#pk = :pk";
        if (after != null) {
            // A key condition rather than ExclusiveStartKey: the cursor then needs only the sort key,
            // and one position serves every shelf of a merged list.
            names.put("#sk", skName);
            values.put(":after", Attr.s(after));
            condition += " AND #sk > :after";
        }
        QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .limit(limit)
                .build());
        List<InboxEntry> entries = page.items().stream().map(item -> entry(item, skName)).toList();
        return new Slice(entries, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
    }

    private static InboxEntry entry(Map<String, AttributeValue> item, String sortKeyName) {
        // The indexes project whole items, so the one reader of complaint items applies here too.
        Complaint c = ComplaintItems.complaint(item);
        Handling h = c.handling();
        return new InboxEntry(c.id(), c.trackingCode(), c.status(), c.categoryCode(), c.areaCode(),
                h == null ? null : h.resolveBy(), h == null ? null : h.acknowledgeBy(), h != null && h.overdue(),
                c.receivedAt(), Attr.str(item, sortKeyName));
    }
}
