package vn.pakn.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Status;

/**
 * Open complaints from the agency inbox index ({@code gsi2}, {@code AGENCY#<agency>#<status>}):
 * one Query per agency and status, projecting only the id and the area, never a scan.
 */
final class DynamoOpenComplaints implements OpenComplaints {
    private final DynamoDbClient dynamo;
    private final String table;

    DynamoOpenComplaints(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Entry> inInbox(String agencyId, Status status) {
        List<Entry> entries = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(ComplaintKeys.GSI2)
                        .keyConditionExpression("#pk = :pk")
                        .projectionExpression("#id, #area")
                        .expressionAttributeNames(Map.of("#pk", ComplaintKeys.GSI2_PK, "#id", "id", "#area", "area"))
                        .expressionAttributeValues(Map.of(":pk",
                                Attr.s(ComplaintKeys.agencyInbox(agencyId, status.name())))))
                .items().forEach(item -> entries.add(new Entry(Attr.str(item, "id"), Attr.str(item, "area"))));
        return entries;
    }
}
