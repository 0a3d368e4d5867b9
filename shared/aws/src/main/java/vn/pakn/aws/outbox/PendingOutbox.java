package vn.pakn.aws.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;

/**
 * Messages not yet known to be delivered, read from the sparse index {@code gsi1}: outbox items not
 * yet sent, and new complaints nothing has acted on yet (see {@link OutboxMessage}). Only pending
 * items carry its keys, so the sweeper reads just the stragglers, never the whole table.
 */
public final class PendingOutbox {
    /** Bounds each page: items are sent as they are read, and a page waits in memory meanwhile. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int pageSize;

    public PendingOutbox(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DEFAULT_PAGE_SIZE);
    }

    public PendingOutbox(DynamoDbClient dynamo, String table, int pageSize) {
        this.dynamo = dynamo;
        this.table = table;
        this.pageSize = pageSize;
    }

    /**
     * The index partition keys, one per shard. {@link ComplaintKeys#outboxShard(String)} assigns
     * each complaint to one of them; this lists them all, in the same format.
     */
    public static List<String> shardKeys() {
        return IntStream.range(0, ComplaintKeys.OUTBOX_SHARDS).mapToObj(ComplaintKeys::outboxShard).toList();
    }

    /**
     * Hands each pending message created before {@code cutoff} to {@code action}, shard by shard,
     * oldest first within a shard. Pages are read lazily, so {@code action} may delete the items
     * it is given.
     *
     * <p>{@code gsi1sk} is {@code <createdAt ISO-8601>#<dedupId>} and {@link Instant#toString()}
     * prints fractions of a second only when there are some, so a string comparison is exact only
     * to the second. The bound is therefore the cutoff's second without its zone letter: any item
     * from that second or later has it as a prefix and sorts after it. An item is thus never taken
     * early, at most up to a second late.
     */
    public void forEachCreatedBefore(Instant cutoff, Consumer<OutboxMessage> action) {
        String bound = cutoff.truncatedTo(ChronoUnit.SECONDS).toString();
        bound = bound.substring(0, bound.length() - 1);
        for (String shard : shardKeys()) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder()
                        .tableName(table)
                        .indexName(ComplaintKeys.GSI1)
                        .keyConditionExpression("#pk = :shard AND #sk < :bound")
                        .expressionAttributeNames(Map.of("#pk", ComplaintKeys.GSI1_PK, "#sk", ComplaintKeys.GSI1_SK))
                        .expressionAttributeValues(Map.of(":shard", Attr.s(shard), ":bound", Attr.s(bound)))
                        .scanIndexForward(true)
                        .limit(pageSize);
                if (startKey != null) {
                    query.exclusiveStartKey(startKey);
                }
                QueryResponse page = dynamo.query(query.build());
                // The index projects every attribute, so the item needs no second read.
                page.items().forEach(item -> action.accept(OutboxMessage.fromItem(item)));
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
    }
}
