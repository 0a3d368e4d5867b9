package vn.pakn.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.aws.outbox.StreamImages;
import vn.pakn.outbox.testing.InMemoryOutboxTable;
import vn.pakn.outbox.testing.RecordingSqs;

/**
 * The relay reads the event JSON Lambda sends (capitalised {@code Records}, DynamoDB JSON images)
 * through the serializer the Lambda Java runtime uses, not through Micronaut serde, which has
 * returned events with null Records.
 */
class DynamodbStreamFixtureTest {
    private static final String FIRST = "01KAM6Y3D8Q0W5N1B6C2V7X9ZT";
    private static final String SECOND = "01KAM6Z0RX4J8M2N5P7Q9S3T6V";

    private final List<String> journal = new ArrayList<>();
    private final RecordingSqs sqs = new RecordingSqs(journal);
    private final InMemoryOutboxTable table = new InMemoryOutboxTable(journal);
    private final Consumer<String> previousLog = Log.redirect(line -> { });

    private final List<AutoCloseable> handlers = new ArrayList<>();

    @AfterEach
    void restoreLogAndCloseHandlers() throws Exception {
        Log.redirect(previousLog);
        for (AutoCloseable handler : handlers) {
            handler.close();
        }
    }

    @Test
    void streamEventJson_newComplaintAndOutboxInsertsSent_onlyOutboxItemsDeleted() throws Exception {
        DynamodbEvent event = fixture();
        assertNotNull(event.getRecords(), "Records must be read from the capitalised key");
        assertEquals(4, event.getRecords().size());

        StreamsEventResponse response = relay().handleRequest(event, null);

        assertEquals(List.of(), OutboxRelayHandlerTest.identifiers(response));
        // A new complaint's state, an assignment outbox item, a removal, and an intake outbox item
        // written before intake messages moved onto the state item (in flight during a deployment).
        assertEquals(List.of(FIRST, FIRST, SECOND), sqs.sent.stream().map(SendMessageRequest::messageGroupId).toList());
        SendMessageRequest first = sqs.sent.get(0);
        assertEquals(FIRST + "#1", first.messageDeduplicationId());
        assertEquals("complaint.received", Json.read(first.messageBody()).path("type").asText());
        assertEquals(FIRST, Json.read(first.messageBody()).path("complaintId").asText());
        assertEquals("7KX4-9QMB", Json.read(first.messageBody()).path("trackingCode").asText());
        // Both destinations are one queue here: the complaint's second message waits for a request
        // of its own, which takes the other complaint's message too; sent, then settled.
        assertEquals(List.of(
                "send " + FIRST + "#1",
                "send " + FIRST + "#2", "send " + SECOND + "#1",
                "delete OUTBOX#00000002#agency:bn-ubnd-kinh-bac", "delete OUTBOX#00000001#intake"), journal);
        assertEquals(List.of(1, 2), sqs.batchSizes);
    }

    @Test
    void failureResponse_serializesAsLambdaExpects() throws Exception {
        sqs.failWhen(request -> request.messageGroupId().equals(SECOND));

        StreamsEventResponse response = relay().handleRequest(fixture(), null);

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(StreamsEventResponse.class, getClass().getClassLoader())
                .toJson(response, json);
        assertEquals(Json.read("{\"batchItemFailures\":[{\"itemIdentifier\":\"1405400000000002063282835\"}]}"),
                Json.read(json.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void everyAttributeTypeInAStreamImage_convertsToTheSdkValue() throws Exception {
        Map<String, AttributeValue> item = Map.ofEntries(
                Map.entry("pk", Attr.s("C#" + FIRST)),
                Map.entry("sk", Attr.s("STATE")),
                Map.entry("text", Attr.s("Phản ánh")),
                Map.entry("number", Attr.n(21.1861)),
                Map.entry("bytes", AttributeValue.builder().b(SdkBytes.fromUtf8String("ảnh")).build()),
                Map.entry("strings", AttributeValue.builder().ss("a", "b").build()),
                Map.entry("numbers", AttributeValue.builder().ns("1", "2.5").build()),
                Map.entry("byteSet", AttributeValue.builder().bs(SdkBytes.fromUtf8String("x"),
                        SdkBytes.fromUtf8String("y")).build()),
                Map.entry("map", Attr.m(Map.of("nested", Attr.m(Map.of("flag", Attr.bool(false)))))),
                Map.entry("list", AttributeValue.builder().l(Attr.s("one"), Attr.n(2), Attr.bool(true)).build()),
                Map.entry("emptyList", AttributeValue.builder().l(List.of()).build()),
                Map.entry("yes", Attr.bool(true)),
                Map.entry("nothing", AttributeValue.builder().nul(true).build()));

        DynamodbEvent event = StreamEventJson.event(List.of(OutboxRelayHandlerTest.insert("1", item)));

        assertEquals(item, StreamImages.toSdk(event.getRecords().get(0).getDynamodb().getNewImage()));
    }

    private DynamodbEvent fixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/dynamodb-stream-outbox.json")) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader()).fromJson(in);
        }
    }

    private OutboxRelayHandler relay() {
        OutboxRelayHandler handler = new OutboxRelayHandler(OutboxRelayHandlerTest.ENV, new OutboxPublisher(sqs, table, "complaints",
                QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, OutboxRelayHandlerTest.QUEUE,
                        "agency:bn-ubnd-kinh-bac", OutboxRelayHandlerTest.QUEUE))));
        handlers.add(handler);
        return handler;
    }
}
