package vn.pakn.outbox.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.domain.complaint.Complaint;


/**
 * The complaints table as far as the outbox uses it: items by key, DeleteItem, the UpdateItem that
 * takes a complaint out of the pending index, and Query on the sparse index gsi1 with {@code gsi1pk = :shard AND gsi1sk < :bound}, ordered and paginated as
 * DynamoDB does.
 */
public final class InMemoryOutboxTable implements DynamoDbClient {
    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private final List<String> journal;
    public final List<QueryRequest> queries = new ArrayList<>();
    private Predicate<DeleteItemRequest> failing = request -> false;

    public InMemoryOutboxTable(List<String> journal) {
        this.journal = journal;
    }

    public InMemoryOutboxTable put(OutboxMessage message) {
        items.put(message.pk() + "|" + message.sk(), message.toItem());
        return this;
    }

    /** A new complaint as the citizen API stores it: its state item, pending its intake message. */
    public OutboxMessage putNewComplaint(Complaint complaint) {
        OutboxMessage intake = OutboxMessage.intake(complaint);
        Map<String, AttributeValue> item = new HashMap<>(ComplaintItems.stateItem(complaint));
        item.putAll(intake.pendingKeys());
        items.put(intake.pk() + "|" + intake.sk(), item);
        return intake;
    }

    /** True while the item is in the pending index (an outbox item, or a complaint not yet acted on). */
    public boolean isPending(OutboxMessage message) {
        Map<String, AttributeValue> item = items.get(message.pk() + "|" + message.sk());
        return item != null && item.containsKey(ComplaintKeys.GSI1_PK);
    }

    public boolean contains(OutboxMessage message) {
        return items.containsKey(message.pk() + "|" + message.sk());
    }

    public InMemoryOutboxTable failDeletesWhen(Predicate<DeleteItemRequest> failing) {
        this.failing = failing;
        return this;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        String sk = Attr.str(request.key(), ComplaintKeys.SK);
        if (failing.test(request)) {
            journal.add("delete-failed " + sk);
            throw (DynamoDbException) DynamoDbException.builder().message("simulated DynamoDB outage").statusCode(500).build();
        }
        items.remove(Attr.str(request.key(), ComplaintKeys.PK) + "|" + sk);
        journal.add("delete " + sk);
        return DeleteItemResponse.builder().build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        String sk = Attr.str(request.key(), ComplaintKeys.SK);
        if (!"REMOVE #pk, #sk".equals(request.updateExpression())
                || !ComplaintKeys.GSI1_PK.equals(request.expressionAttributeNames().get("#pk"))
                || !ComplaintKeys.GSI1_SK.equals(request.expressionAttributeNames().get("#sk"))) {
            throw new UnsupportedOperationException("this fake serves only the removal of the pending keys: " + request);
        }
        Map<String, AttributeValue> item = items.get(Attr.str(request.key(), ComplaintKeys.PK) + "|" + sk);
        if (item == null) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        item.remove(ComplaintKeys.GSI1_PK);
        item.remove(ComplaintKeys.GSI1_SK);
        journal.add("unpend " + sk);
        return UpdateItemResponse.builder().build();
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        queries.add(request);
        if (!ComplaintKeys.GSI1.equals(request.indexName())
                || !"#pk = :shard AND #sk < :bound".equals(request.keyConditionExpression())
                || !ComplaintKeys.GSI1_PK.equals(request.expressionAttributeNames().get("#pk"))
                || !ComplaintKeys.GSI1_SK.equals(request.expressionAttributeNames().get("#sk"))) {
            throw new UnsupportedOperationException("this fake serves only the sweeper's gsi1 query: " + request);
        }
        String shard = request.expressionAttributeValues().get(":shard").s();
        String bound = request.expressionAttributeValues().get(":bound").s();
        Comparator<Map<String, AttributeValue>> indexOrder = Comparator
                .comparing((Map<String, AttributeValue> i) -> Attr.str(i, ComplaintKeys.GSI1_SK))
                .thenComparing(i -> Attr.str(i, ComplaintKeys.PK))
                .thenComparing(i -> Attr.str(i, ComplaintKeys.SK));
        List<Map<String, AttributeValue>> matching = items.values().stream()
                .filter(i -> shard.equals(Attr.str(i, ComplaintKeys.GSI1_PK)))
                .filter(i -> Attr.str(i, ComplaintKeys.GSI1_SK).compareTo(bound) < 0)
                .sorted(request.scanIndexForward() == Boolean.FALSE ? indexOrder.reversed() : indexOrder)
                .toList();
        int from = 0;
        if (request.hasExclusiveStartKey()) {
            Map<String, AttributeValue> start = request.exclusiveStartKey();
            // Like DynamoDB: continue after the position of the start key, even if that item is gone.
            from = (int) matching.stream().filter(i -> indexOrder.compare(i, start) <= 0).count();
        }
        int limit = request.limit() == null ? Integer.MAX_VALUE : request.limit();
        List<Map<String, AttributeValue>> page = matching.subList(from, (int) Math.min(matching.size(), (long) from + limit));
        QueryResponse.Builder response = QueryResponse.builder().items(page).count(page.size());
        // Like DynamoDB: a full page always has a next key, even when the next page turns out empty.
        if (!page.isEmpty() && page.size() == limit) {
            Map<String, AttributeValue> last = page.get(page.size() - 1);
            response.lastEvaluatedKey(Map.of(ComplaintKeys.PK, last.get(ComplaintKeys.PK),
                    ComplaintKeys.SK, last.get(ComplaintKeys.SK),
                    ComplaintKeys.GSI1_PK, last.get(ComplaintKeys.GSI1_PK),
                    ComplaintKeys.GSI1_SK, last.get(ComplaintKeys.GSI1_SK)));
        }
        return response.build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
