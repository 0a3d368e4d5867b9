package vn.pakn.feed;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Complaint;

/**
 * The feed on the complaints table's {@code gsi5}: {@code FEED#<yyyy-MM>} partitions sorted by
 * {@code <receivedAt>#<id>}, one Query per call, descending, bounded by key conditions. The index
 * projects no reporter, secret hash or tracking code, so the complaints read here cannot carry them.
 */
public final class DynamoFeedIndex implements FeedIndex {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFeedIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Slice read(YearMonth month, FeedPosition position, Instant notBefore, Instant until, int limit) {
        // Upper bound, exclusive: the position's key, or the start of the day after the range.
        String below = position == null || position.atTop() ? null
                : ComplaintKeys.feedSortKey(position.receivedAt(), position.id());
        if (until != null) {
            String end = ComplaintKeys.feedInstant(until);
            below = below == null || end.compareTo(below) < 0 ? end : below;
        }
        String from = notBefore == null ? null : ComplaintKeys.feedInstant(notBefore);
        if (from != null && below != null && from.compareTo(below) >= 0) {
            return new Slice(List.of(), false);
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", ComplaintKeys.GSI5_PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Attr.s(ComplaintKeys.feedMonth(month))));
        String keys = "#pk = :pk";
        int read = limit;
        if (from != null || below != null) {
            names.put("#sk", ComplaintKeys.GSI5_SK);
        }
        if (from != null && below != null) {
            // A key condition allows one comparison on the sort key: BETWEEN, whose upper end is
            // inclusive. Only a position's own key can equal it; that entry is read and dropped.
            keys += " AND #sk BETWEEN :from AND :below";
            values.put(":from", Attr.s(from));
            values.put(":below", Attr.s(below));
            read = limit + 1;
        } else if (below != null) {
            keys += " AND #sk < :below";
            values.put(":below", Attr.s(below));
        } else if (from != null) {
            keys += " AND #sk >= :from";
            values.put(":from", Attr.s(from));
        }
        String condition = keys;
        int pageSize = read;
        QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(ComplaintKeys.GSI5)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(pageSize));
        List<Complaint> complaints = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            if (!Attr.str(item, ComplaintKeys.GSI5_SK).equals(below)) {
                complaints.add(ComplaintItems.complaint(item));
            }
        }
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        if (complaints.size() > limit) {
            complaints = complaints.subList(0, limit);
            more = true;
        }
        return new Slice(complaints, more);
    }
}
