package vn.pakn.deadline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;

/**
 * The deadline index ({@value ComplaintKeys#GSI3}, sparse, keys only), read shard by shard,
 * earliest first. {@code ComplaintItems.indexKeys} decides who is in it.
 */
public final class DynamoDeadlineIndex implements DeadlineIndex {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDeadlineIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void forEachDueBefore(Instant now, Consumer<String> complaintId) {
        query(ComplaintKeys::dueShard, now, complaintId);
    }

    @Override
    public void forEachResolvedBefore(Instant cutoff, Consumer<String> complaintId) {
        query(ComplaintKeys::resolvedShard, cutoff, complaintId);
    }

    private void query(IntFunction<String> shardKey, Instant before, Consumer<String> complaintId) {
        // Sort keys are ISO instants of varying precision, and "…00.5Z" sorts before "…00Z": a bound
        // in whole seconds keeps the string order true to time order, give or take that one second,
        // and the watch re-checks every candidate against the exact deadline anyway.
        String bound = before.truncatedTo(ChronoUnit.SECONDS).toString();
        for (int shard = 0; shard < ComplaintKeys.DUE_SHARDS; shard++) {
            String pk = shardKey.apply(shard);
            dynamo.queryPaginator(b -> b.tableName(table).indexName(ComplaintKeys.GSI3)
                            .keyConditionExpression("#pk = :pk AND #sk < :before")
                            .expressionAttributeNames(Map.of("#pk", ComplaintKeys.GSI3_PK, "#sk", ComplaintKeys.GSI3_SK))
                            .expressionAttributeValues(Map.of(":pk", Attr.s(pk), ":before", Attr.s(bound))))
                    .items()
                    .forEach(item -> complaintId.accept(ComplaintKeys.complaintIdFromPk(Attr.str(item, ComplaintKeys.PK))));
        }
    }
}
