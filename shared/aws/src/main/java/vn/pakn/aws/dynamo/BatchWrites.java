package vn.pakn.aws.dynamo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code BatchWriteItem} of any number of writes to one table: 25 a request, and what DynamoDB
 * leaves unprocessed (it does under throttling) asked again after a pause that doubles.
 */
public final class BatchWrites {
    private static final int PER_REQUEST = 25;

    private BatchWrites() {
    }

    /** {@link #writeAll} of a put of each item. */
    public static void putAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items,
                              int attempts, String what) {
        writeAll(dynamo, table, items.stream()
                .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList(), attempts, what);
    }

    /**
     * @param attempts requests per batch of 25 before giving up ({@link Integer#MAX_VALUE}: never)
     * @param what     what is being written, for the failure's message
     */
    public static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> writes, int attempts,
                                String what) {
        for (int from = 0; from < writes.size(); from += PER_REQUEST) {
            Map<String, List<WriteRequest>> pending = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + PER_REQUEST)));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == attempts) {
                    throw new IllegalStateException("DynamoDB left writes of " + what + " unprocessed after "
                            + attempts + " requests");
                }
                if (attempt > 0) {
                    pause(attempt, what);
                }
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    private static void pause(int attempt, String what) {
        try {
            Thread.sleep(Math.min(2000, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing " + what, e);
        }
    }
}
