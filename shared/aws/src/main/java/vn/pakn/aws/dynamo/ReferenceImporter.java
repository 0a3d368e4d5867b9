package vn.pakn.aws.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.pakn.aws.json.Json;

/**
 * Loads reference data from files shaped like infra/seed/categories.json and a province file
 * such as infra/seed/demo-bac-ninh.json. Re-running it overwrites the same items, so it is
 * safe to run on every start.
 */
public final class ReferenceImporter {
    private final DynamoDbClient dynamo;
    private final String table;

    public ReferenceImporter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** @return how many categories were written */
    public int importCategories(InputStream categoriesJson) throws IOException {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (JsonNode c : Json.MAPPER.readTree(categoriesJson).path("categories")) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", Attr.s(DynamoReferenceData.CATEGORY_PK));
            item.put("sk", Attr.s(text(c, "code")));
            item.put("nameVi", Attr.s(text(c, "vi")));
            item.put("nameEn", Attr.s(text(c, "en")));
            item.put("ackHours", Attr.n(c.path("ackHours").asInt(24)));
            item.put("resolveDays", Attr.n(c.path("resolveDays").asInt(10)));
            item.put("photoRequired", Attr.bool(c.path("photoRequired").asBoolean(false)));
            item.put("publicFeed", Attr.bool(c.path("publicFeed").asBoolean(true)));
            items.add(item);
        }
        write(items);
        return items.size();
    }

    /** @return how many areas were written */
    public int importAreas(InputStream provinceJson) throws IOException {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (JsonNode a : Json.MAPPER.readTree(provinceJson).path("areas")) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", Attr.s(DynamoReferenceData.AREA_PK));
            item.put("sk", Attr.s(text(a, "code")));
            item.put("name", Attr.s(text(a, "name")));
            item.put("level", Attr.s(text(a, "level")));
            if (a.hasNonNull("parent")) {
                item.put("parent", Attr.s(a.get("parent").asText()));
            }
            JsonNode centroid = a.path("centroid");
            if (centroid.isArray() && centroid.size() == 2) {
                item.put("centroidLat", Attr.n(centroid.get(0).asDouble()));
                item.put("centroidLon", Attr.n(centroid.get(1).asDouble()));
            }
            items.add(item);
        }
        write(items);
        return items.size();
    }

    private void write(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 8) {
                    throw new IllegalStateException("DynamoDB kept throttling the reference data import");
                }
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                if (!pending.isEmpty()) {
                    sleep(50L << attempt);
                }
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Reference data entry lacks \"" + field + "\": " + node);
        }
        return value.asText();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
