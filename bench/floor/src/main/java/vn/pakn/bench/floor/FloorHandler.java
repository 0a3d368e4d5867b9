package vn.pakn.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The floor of the cold-start benchmark: the least a handler can do to answer the same requests
 * as pakn's API functions with the same DynamoDB calls (same operations, same tables, items of
 * about the same size), built the way a careful hand-written handler would be: one client made in
 * the constructor, no framework, no dependency injection, no validation, Jackson for the JSON.
 *
 * <p>The SDK client is configured exactly as pakn's (URLConnection HTTP client, region and
 * endpoint from the environment, the default credentials chain that SnapStart needs), so the
 * difference to pakn is what pakn adds on top: Micronaut, its own code and its choices.
 *
 * <p>{@code FLOOR_EAGER_S3=true} also builds an S3 client and presigner at init, as pakn's
 * citizen API does, to measure what building clients a request does not use costs.
 *
 * <p>It writes under {@code FLOOR#} keys, so that none of the table's stream consumers
 * (filtered on {@code OUTBOX#} and {@code EVENT#} sort keys) acts on its items.
 */
public final class FloorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reference table's partitions, read once per cold start as pakn's reference cache does. */
    private static final List<String> REFERENCE_KINDS = List.of("CATEGORY", "AREA", "AGENCY", "RULE", "HOLIDAY");

    private final DynamoDbClient dynamo;
    private final String complaints;
    private final String reference;
    private boolean referenceRead;

    public FloorHandler() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env("AWS_REGION", "us-east-1")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        String endpoint = env("AWS_ENDPOINT_URL_DYNAMODB", env("AWS_ENDPOINT_URL", null));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        dynamo = builder.build();
        if (Boolean.parseBoolean(env("FLOOR_EAGER_S3", "false"))) {
            // What pakn's citizen API does at init: what does building clients a request may not need cost?
            S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(env("AWS_REGION", "us-east-1")))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build()).forcePathStyle(true).build();
            S3Presigner.builder().region(Region.of(env("AWS_REGION", "us-east-1")))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        }
        complaints = env("COMPLAINTS_TABLE", null);
        reference = env("REFERENCE_TABLE", null);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            switch (event.getRouteKey()) {
                case "POST /v1/complaints":
                    return submit(event);
                case "POST /v1/agency/complaints/{id}/actions/{action}":
                    return act(event);
                case "PUT /v1/admin/categories/{code}":
                    return putCategory(event);
                default:
                    return response(404, JSON.createObjectNode().put("error", "not_found"));
            }
        } catch (Exception e) {
            return response(500, JSON.createObjectNode().put("error", e.toString()));
        }
    }

    /**
     * Reference data (5 queries), then as pakn's: with an idempotency key, a conditional put of the
     * tracking code's item and one batch of the complaint and its first event; without one, one
     * transaction of the three.
     */
    private APIGatewayV2HTTPResponse submit(APIGatewayV2HTTPEvent event) throws Exception {
        JsonNode body = JSON.readTree(event.getBody());
        readReference();
        String key = event.getHeaders() == null ? null : event.getHeaders().get("idempotency-key");
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        String pk = "FLOOR#" + id;
        Map<String, AttributeValue> state = new HashMap<>(key(pk, "STATE"));
        body.fields().forEachRemaining(f -> state.put(f.getKey(), AttributeValue.fromS(f.getValue().toString())));
        state.put("status", AttributeValue.fromS("RECEIVED"));
        state.put("receivedAt", AttributeValue.fromS(now));
        Map<String, AttributeValue> first = new HashMap<>(key(pk, "FLOOR-EVENT#00000001"));
        first.put("type", AttributeValue.fromS("RECEIVED"));
        first.put("at", AttributeValue.fromS(now));
        Map<String, AttributeValue> track = new HashMap<>(key("FLOOR#TRACK#" + id, "TRACK"));
        track.put("complaintId", AttributeValue.fromS(id));
        if (key != null) {
            track.put("keyHash", AttributeValue.fromS(Integer.toHexString(key.hashCode())));
            track.put("receivedAt", AttributeValue.fromS(now));
            dynamo.putItem(b -> b.tableName(complaints).item(track).conditionExpression("attribute_not_exists(pk)"));
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(complaints, List.of(
                    WriteRequest.builder().putRequest(p -> p.item(state)).build(),
                    WriteRequest.builder().putRequest(p -> p.item(first)).build()))));
        } else {
            dynamo.transactWriteItems(b -> b.transactItems(List.of(put(state), put(first), put(track))));
        }
        ObjectNode out = JSON.createObjectNode().put("id", id).put("status", "RECEIVED").put("receivedAt", now);
        return response(201, out);
    }

    /** Reference data, the complaint with its events (one query), one transaction: state, event, outbox. */
    private APIGatewayV2HTTPResponse act(APIGatewayV2HTTPEvent event) throws Exception {
        String id = event.getPathParameters().get("id");
        readReference();
        List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(complaints).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("C#" + id)))).items();
        if (items.isEmpty()) {
            return response(404, JSON.createObjectNode().put("error", "not_found"));
        }
        String now = Instant.now().toString();
        String pk = "FLOOR#" + id;
        String seq = items.size() + "#" + UUID.randomUUID();
        Map<String, AttributeValue> next = new HashMap<>(key(pk, "FLOOR-EVENT#" + seq));
        next.put("type", AttributeValue.fromS(event.getPathParameters().get("action")));
        next.put("at", AttributeValue.fromS(now));
        Map<String, AttributeValue> outbox = new HashMap<>(key(pk, "FLOOR-OUTBOX#" + seq));
        outbox.put("body", AttributeValue.fromS(items.get(0).toString()));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(complaints).key(key(pk, "STATE"))
                        .updateExpression("SET #s = :s, version = :v")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("ACKNOWLEDGED"),
                                ":v", AttributeValue.fromN(Integer.toString(items.size()))))
                        .build()).build(),
                put(next), put(outbox));
        dynamo.transactWriteItems(b -> b.transactItems(writes));
        return response(200, JSON.createObjectNode().put("id", id).put("status", "ACKNOWLEDGED"));
    }

    /** Reference data (to tell a new category from a changed one), one put into the reference table. */
    private APIGatewayV2HTTPResponse putCategory(APIGatewayV2HTTPEvent event) throws Exception {
        JsonNode body = JSON.readTree(event.getBody());
        readReference();
        Map<String, AttributeValue> item = new HashMap<>(key("FLOOR#CATEGORY", event.getPathParameters().get("code")));
        body.fields().forEachRemaining(f -> item.put(f.getKey(), AttributeValue.fromS(f.getValue().toString())));
        dynamo.putItem(b -> b.tableName(reference).item(item));
        return response(200, (ObjectNode) body);
    }

    private void readReference() {
        if (referenceRead) {
            return;
        }
        for (String kind : REFERENCE_KINDS) {
            dynamo.queryPaginator(b -> b.tableName(reference).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(kind)))).items().forEach(i -> { });
        }
        referenceRead = true;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(complaints).item(item).conditionExpression("attribute_not_exists(pk)").build())
                .build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", AttributeValue.fromS(pk));
        key.put("sk", AttributeValue.fromS(sk));
        return key;
    }

    private static APIGatewayV2HTTPResponse response(int status, ObjectNode body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
