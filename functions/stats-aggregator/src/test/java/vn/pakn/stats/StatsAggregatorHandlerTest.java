package vn.pakn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.dynamo.ComplaintKeys;

class StatsAggregatorHandlerTest {
    private static final Map<String, String> ENV = Map.of(
            "COMPLAINTS_TABLE", "complaints", "REFERENCE_TABLE", "reference", "STATS_TABLE", "stats",
            "AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");

    private final List<String> applied = new ArrayList<>();
    private final List<StatsAggregatorHandler> handlers = new ArrayList<>();

    @AfterEach
    void close() {
        handlers.forEach(StatsAggregatorHandler::close);
    }

    /** Records every event asked for; fails on the one named. */
    private StatsAggregatorHandler handler(String failOn) {
        StatsAggregator aggregator = new StatsAggregator(null, null, null, null) {
            @Override
            public boolean apply(String complaintId, int seq) {
                String event = complaintId + "#" + seq;
                if (event.equals(failOn)) {
                    throw new IllegalStateException("store down");
                }
                applied.add(event);
                return true;
            }
        };
        StatsAggregatorHandler handler = new StatsAggregatorHandler(ENV, aggregator);
        handlers.add(handler);
        return handler;
    }

    @Test
    void onlyEventInserts_reachTheAggregator() {
        StreamsEventResponse response = handler(null).handleRequest(event(
                record("1", "INSERT", "C#c1", "EVENT#00000001"),
                record("2", "INSERT", "C#c1", "STATE"),
                record("3", "INSERT", "C#c1", ComplaintKeys.outboxSk(1, "intake")),
                record("4", "MODIFY", "C#c1", "STATE"),
                record("5", "REMOVE", "C#c1", ComplaintKeys.outboxSk(1, "intake")),
                record("6", "INSERT", "TRACK#7KX4", "EVENT#00000001"),
                record("7", "INSERT", "C#c1", "EVENT#00000012")), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(List.of("c1#1", "c1#12"), applied);
    }

    @Test
    void failingRecord_itAndEveryLaterRecordReported_nothingAfterItAttempted() {
        StreamsEventResponse response = handler("c1#2").handleRequest(event(
                record("10", "INSERT", "C#c1", "EVENT#00000001"),
                record("11", "INSERT", "C#c1", "EVENT#00000002"),
                record("12", "INSERT", "C#c1", "STATE"),
                record("13", "INSERT", "C#c1", "EVENT#00000003")), null);

        assertEquals(List.of("11", "12", "13"),
                response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of("c1#1"), applied);
    }

    @Test
    void eventWithoutRecords_invocationFails() {
        StatsAggregatorHandler handler = handler(null);

        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(new DynamodbEvent(), null));
    }

    private static DynamodbEvent event(DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static DynamodbStreamRecord record(String sequenceNumber, String eventName, String pk, String sk) {
        StreamRecord change = new StreamRecord();
        change.setSequenceNumber(sequenceNumber);
        change.setKeys(Map.of(ComplaintKeys.PK, new AttributeValue(pk), ComplaintKeys.SK, new AttributeValue(sk)));
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setDynamodb(change);
        return record;
    }
}
