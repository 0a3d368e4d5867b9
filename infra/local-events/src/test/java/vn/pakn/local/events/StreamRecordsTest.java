package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamRecordsTest {

    private static final String STREAM_ARN = "arn:aws:dynamodb:ap-southeast-1:123456789012:table/pakn-ComplaintsTable-1ABC"
            + "/stream/2024-03-13T09:00:00.000";

    /** The same change as the fixture, as the SDK reads it from the stream. */
    private static Record sdkRecord() {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("pk", AttributeValue.fromS("COMPLAINT#01HS2Q7X"));
        image.put("sk", AttributeValue.fromS("OUTBOX#0001"));
        image.put("attempts", AttributeValue.fromN("0"));
        image.put("ready", AttributeValue.fromBool(true));
        image.put("note", AttributeValue.fromNul(true));
        image.put("payload", AttributeValue.fromB(SdkBytes.fromUtf8String("{\"type\":\"ComplaintReceived\"}")));
        image.put("tags", AttributeValue.fromSs(List.of("roads", "urgent")));
        image.put("weights", AttributeValue.fromNs(List.of("1", "2.5")));
        image.put("target", AttributeValue.fromM(Map.of(
                "queue", AttributeValue.fromS("intake"),
                "groups", AttributeValue.fromL(List.of(AttributeValue.fromS("24-kinh-bac"), AttributeValue.fromN("7"))))));
        return Record.builder()
                .eventID("c4ca4238a0b923820dcc509a6f75849b")
                .eventName(OperationType.INSERT)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("ddblocal")
                .dynamodb(StreamRecord.builder()
                        .approximateCreationDateTime(Instant.ofEpochSecond(1710322884))
                        .keys(Map.of("pk", AttributeValue.fromS("COMPLAINT#01HS2Q7X"),
                                "sk", AttributeValue.fromS("OUTBOX#0001")))
                        .newImage(image)
                        .sequenceNumber("111500000000012345678901")
                        .sizeBytes(231L)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build();
    }

    @Test
    void sdkRecord_becomesTheRecordLambdaDelivers() {
        DynamodbEvent.DynamodbStreamRecord expected = Fixtures.event("/events/dynamodb-stream-outbox-insert.json",
                DynamodbEvent.class).getRecords().get(0);

        DynamodbEvent.DynamodbStreamRecord actual = StreamRecords.toLambda(sdkRecord(), STREAM_ARN, "ap-southeast-1");

        assertEquals(expected.getEventID(), actual.getEventID());
        assertEquals(expected.getEventName(), actual.getEventName());
        assertEquals(expected.getEventVersion(), actual.getEventVersion());
        assertEquals(expected.getEventSource(), actual.getEventSource());
        assertEquals(expected.getAwsRegion(), actual.getAwsRegion());
        assertEquals(expected.getEventSourceARN(), actual.getEventSourceARN());
        assertEquals(expected.getDynamodb().getKeys(), actual.getDynamodb().getKeys());
        assertEquals(expected.getDynamodb().getNewImage(), actual.getDynamodb().getNewImage());
        assertEquals(expected.getDynamodb().getOldImage(), actual.getDynamodb().getOldImage());
        assertEquals(expected.getDynamodb().getSequenceNumber(), actual.getDynamodb().getSequenceNumber());
        assertEquals(expected.getDynamodb().getSizeBytes(), actual.getDynamodb().getSizeBytes());
        assertEquals(expected.getDynamodb().getStreamViewType(), actual.getDynamodb().getStreamViewType());
        assertEquals(expected.getDynamodb().getApproximateCreationDateTime(),
                actual.getDynamodb().getApproximateCreationDateTime());
        assertEquals("{\"type\":\"ComplaintReceived\"}", new String(Base64.getDecoder().decode(
                "eyJ0eXBlIjoiQ29tcGxhaW50UmVjZWl2ZWQifQ==")), "the fixture's B value is the same bytes");
    }

    @Test
    void jsonForm_isDynamoDbJson_asFilterPatternsSeeIt() {
        var json = StreamRecords.toJson(StreamRecords.toLambda(sdkRecord(), STREAM_ARN, "ap-southeast-1"));
        assertEquals("INSERT", json.path("eventName").asText());
        assertEquals("OUTBOX#0001", json.path("dynamodb").path("Keys").path("sk").path("S").asText());
        var image = json.path("dynamodb").path("NewImage");
        assertTrue(image.path("attempts").path("N").isTextual(), "numbers stay strings in DynamoDB JSON");
        assertEquals("eyJ0eXBlIjoiQ29tcGxhaW50UmVjZWl2ZWQifQ==", image.path("payload").path("B").asText());
        assertEquals("urgent", image.path("tags").path("SS").get(1).asText());
        assertEquals("7", image.path("target").path("M").path("groups").path("L").get(1).path("N").asText());
        assertTrue(image.path("ready").path("BOOL").asBoolean());
        assertTrue(image.path("note").path("NULL").asBoolean());
        assertEquals(1710322884, json.path("dynamodb").path("ApproximateCreationDateTime").asLong());
    }
}
