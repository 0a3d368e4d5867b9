package vn.pakn.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.json.Json;

/**
 * DynamoDB stream events as Lambda sends them: the JSON of the event (capitalised
 * {@code Records}, images in DynamoDB JSON), read by the serializer the Lambda Java runtime uses.
 */
final class StreamEventJson {
    static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:000000000000:table/ComplaintsTable/stream/2026-11-22T00:00:00.000";
    private static final PojoSerializer<DynamodbEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamEventJson.class.getClassLoader());

    private StreamEventJson() {
    }

    /** Reads an event the way the Lambda runtime does before calling the handler. */
    static DynamodbEvent event(List<ObjectNode> records) {
        ObjectNode root = Json.object();
        root.putArray("Records").addAll(records);
        return SERIALIZER.fromJson(Json.write(root));
    }

    /** A record of a change to {@code item}; images are omitted where the event has none. */
    static ObjectNode record(String eventName, String sequenceNumber, Map<String, AttributeValue> newImage,
                             Map<String, AttributeValue> oldImage) {
        Map<String, AttributeValue> item = newImage != null ? newImage : oldImage;
        ObjectNode dynamodb = Json.object();
        dynamodb.put("ApproximateCreationDateTime", 1795860000L);
        dynamodb.set("Keys", image(Map.of(ComplaintKeys.PK, item.get(ComplaintKeys.PK),
                ComplaintKeys.SK, item.get(ComplaintKeys.SK))));
        if (newImage != null) {
            dynamodb.set("NewImage", image(newImage));
        }
        if (oldImage != null) {
            dynamodb.set("OldImage", image(oldImage));
        }
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("SizeBytes", 512);
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        return envelope("evt-" + sequenceNumber, eventName, "us-east-1", dynamodb, STREAM_ARN);
    }

    static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode out = Json.object();
        item.forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    private static ObjectNode envelope(String eventId, String eventName, String region, ObjectNode dynamodb,
                                       String streamArn) {
        ObjectNode record = Json.object();
        record.put("eventID", eventId);
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", region);
        record.set("dynamodb", dynamodb);
        record.put("eventSourceARN", streamArn);
        return record;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode out = Json.object();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", base64(v.b()));
            case SS -> strings(out.putArray("SS"), v.ss());
            case NS -> strings(out.putArray("NS"), v.ns());
            case BS -> v.bs().forEach(b -> out.withArray("BS").add(base64(b)));
            case M -> out.set("M", image(v.m()));
            case L -> {
                ArrayNode list = out.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            default -> throw new IllegalArgumentException("unknown attribute type " + v);
        }
        return out;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
