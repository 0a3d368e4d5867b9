package vn.pakn.aws.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A DynamoDB client that records the writes it is asked for, in order, and answers GetItem from
 * items a test puts in. Every other operation fails (the SDK interface's defaults), so a test
 * notices when code does more than it should.
 */
public final class RecordingDynamo implements DynamoDbClient {
    /** One line per write: {@code put <pk>/<sk>} or {@code update <pk>/<sk> <expression>}. */
    public final List<String> writes = new ArrayList<>();
    public final List<Map<String, AttributeValue>> putItems = new ArrayList<>();
    public final List<UpdateItemRequest> updates = new ArrayList<>();
    public final List<GetItemRequest> gets = new ArrayList<>();
    private final Map<String, Map<String, AttributeValue>> items = new HashMap<>();

    public void item(Map<String, AttributeValue> item) {
        items.put(key(item), item);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        request.requestItems().values().forEach(batch -> {
            for (WriteRequest write : batch) {
                Map<String, AttributeValue> item = write.putRequest().item();
                putItems.add(item);
                writes.add("put " + key(item));
            }
        });
        return BatchWriteItemResponse.builder().build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        updates.add(request);
        writes.add("update " + key(request.key()) + " " + request.updateExpression());
        return UpdateItemResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        gets.add(request);
        Map<String, AttributeValue> item = items.get(key(request.key()));
        return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "/" + item.get("sk").s();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
