package vn.pakn.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.outbox.testing.InMemoryOutboxTable;
import vn.pakn.outbox.testing.RecordingSqs;



class OutboxRelayHandlerTest {
    static final String QUEUE = "https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-intake.fifo";
    static final Map<String, String> ENV = Map.of(
            "COMPLAINTS_TABLE", "complaints", "INTAKE_QUEUE_URL", QUEUE,
            "AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
    private static final String TRACKING_CODE = "7KX4-9QMB";

    private final List<String> journal = new ArrayList<>();
    private final RecordingSqs sqs = new RecordingSqs(journal);
    private final InMemoryOutboxTable table = new InMemoryOutboxTable(journal);
    private final List<String> logLines = new ArrayList<>();
    private final Consumer<String> previousLog = Log.redirect(logLines::add);

    private final List<AutoCloseable> handlers = new ArrayList<>();

    @AfterEach
    void restoreLogAndCloseHandlers() throws Exception {
        Log.redirect(previousLog);
        for (AutoCloseable handler : handlers) {
            handler.close();
        }
    }

    @Test
    void failingMessage_itsRecordAndEveryLaterOneReported_othersOfItsRequestSentAndSettled() throws Exception {
        OutboxMessage a = pending();
        OutboxMessage b = pending();
        OutboxMessage c = pending();
        sqs.failWhen(request -> request.messageDeduplicationId().equals(b.deduplicationId()));
        DynamodbEvent batch = StreamEventJson.event(List.of(
                insert("100", a.toItem()),
                insert("101", eventItem(b.groupId())),
                insert("102", b.toItem()),
                insert("103", c.toItem()),
                modify("104", stateItem(c.groupId()))));

        StreamsEventResponse response = relay().handleRequest(batch, null);

        assertEquals(List.of("102", "103", "104"), identifiers(response));
        assertEquals(List.of("send " + a.deduplicationId(), "send-failed " + b.deduplicationId(),
                "send " + c.deduplicationId(), "delete " + a.sk(), "delete " + c.sk()), journal,
                "one request for the three; what it sent is settled");
        assertEquals(1, sqs.batchSizes.size());
        assertFalse(table.contains(a));
        assertTrue(table.contains(b), "the failed one stays pending");
        assertFalse(table.contains(c));
        assertTrue(logLines.stream().anyMatch(l -> l.contains("outbox.relay.failed") && l.contains("\"102\"")));
        assertTrue(logLines.stream().noneMatch(l -> l.contains(TRACKING_CODE)), "logs carry identifiers only");
    }

    @Test
    void redeliveryFromTheFailedRecord_sendsWhatWasNotConfirmed_underTheSameDeduplicationIds() throws Exception {
        OutboxMessage a = pending();
        OutboxMessage b = pending();
        OutboxMessage c = pending();
        List<ObjectNode> records = List.of(insert("100", a.toItem()), insert("101", b.toItem()), insert("102", c.toItem()));
        AtomicInteger outage = new AtomicInteger(1);
        sqs.failWhen(request -> request.messageDeduplicationId().equals(b.deduplicationId())
                && outage.getAndDecrement() > 0);

        StreamsEventResponse first = relay().handleRequest(StreamEventJson.event(records), null);
        StreamsEventResponse retry = relay().handleRequest(StreamEventJson.event(records.subList(1, 3)), null);

        assertEquals(List.of("101", "102"), identifiers(first));
        assertEquals(List.of(), identifiers(retry));
        // c was sent beside the failed b and is sent again with it: a FIFO queue drops the second.
        assertEquals(List.of(a.deduplicationId(), c.deduplicationId(), b.deduplicationId(), c.deduplicationId()),
                sqs.sent.stream().map(SendMessageRequest::messageDeduplicationId).toList());
        assertFalse(table.contains(a) || table.contains(b) || table.contains(c), "all settled");
    }

    @Test
    void twoMessagesOfOneComplaint_theSecondWaitsForTheFirst_andIsNotSentWhenTheFirstFails() throws Exception {
        OutboxMessage first = pending();
        OutboxMessage other = pending();
        OutboxMessage second = next(first);
        sqs.failWhen(request -> request.messageDeduplicationId().equals(first.deduplicationId()));
        DynamodbEvent batch = StreamEventJson.event(List.of(
                insert("700", first.toItem()), insert("701", other.toItem()), insert("702", second.toItem())));

        StreamsEventResponse failed = relay().handleRequest(batch, null);

        assertEquals(List.of("700", "701", "702"), identifiers(failed));
        assertEquals(List.of(2), sqs.batchSizes, "the second of the complaint's messages waits for a later request");
        assertTrue(table.contains(second));

        sqs.failWhen(request -> false);
        StreamsEventResponse retried = relay().handleRequest(batch, null);

        assertEquals(List.of(), identifiers(retried));
        assertEquals(List.of(2, 2, 1), sqs.batchSizes);
        List<String> sentOfTheComplaint = sqs.sent.stream().map(SendMessageRequest::messageDeduplicationId)
                .filter(id -> id.startsWith(first.groupId())).toList();
        assertEquals(List.of(first.deduplicationId(), second.deduplicationId()), sentOfTheComplaint, "in order");
    }

    @Test
    void batchOfTwelve_sentInRequestsOfAtMostTen_inOrder() throws Exception {
        List<OutboxMessage> messages = new ArrayList<>();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            OutboxMessage message = pending();
            messages.add(message);
            records.add(insert(Integer.toString(800 + i), message.toItem()));
        }

        StreamsEventResponse response = relay().handleRequest(StreamEventJson.event(records), null);

        assertEquals(List.of(), identifiers(response));
        assertEquals(List.of(10, 2), sqs.batchSizes);
        assertEquals(messages.stream().map(OutboxMessage::deduplicationId).toList(),
                sqs.sent.stream().map(SendMessageRequest::messageDeduplicationId).toList());
        assertTrue(messages.stream().noneMatch(table::contains), "each one settled");
    }

    @Test
    void deleteFailsAfterSend_recordReported_redeliveryResendsUnderTheSameDeduplicationId() throws Exception {
        OutboxMessage a = pending();
        AtomicInteger outage = new AtomicInteger(1);
        table.failDeletesWhen(request -> outage.getAndDecrement() > 0);
        DynamodbEvent batch = StreamEventJson.event(List.of(insert("200", a.toItem())));

        StreamsEventResponse first = relay().handleRequest(batch, null);
        assertEquals(List.of("200"), identifiers(first));
        assertTrue(table.contains(a), "the item stays until a send is confirmed by its delete");

        StreamsEventResponse retry = relay().handleRequest(batch, null);

        assertEquals(List.of(), identifiers(retry));
        assertFalse(table.contains(a));
        assertEquals(2, sqs.sent.size());
        // Same group and deduplication id: the FIFO queue drops the second within five minutes.
        assertEquals(sqs.sent.get(0).messageDeduplicationId(), sqs.sent.get(1).messageDeduplicationId());
        assertEquals(sqs.sent.get(0).messageGroupId(), sqs.sent.get(1).messageGroupId());
    }

    @Test
    void nonOutboxItemsForeignStateAndOutboxModifyOrRemove_skipped() throws Exception {
        OutboxMessage a = pending();
        String id = a.groupId();
        DynamodbEvent batch = StreamEventJson.event(List.of(
                modify("300", stateItem(id)),
                insert("301", eventItem(id)),
                insert("302", Map.of(ComplaintKeys.PK, Attr.s(ComplaintKeys.trackingPk(TRACKING_CODE)),
                        ComplaintKeys.SK, Attr.s("TRACK"), "complaintId", Attr.s(id))),
                insert("302a", Map.of(ComplaintKeys.PK, Attr.s("FLOOR#" + id), ComplaintKeys.SK, Attr.s("STATE"))),
                modify("303", a.toItem()),
                StreamEventJson.record("REMOVE", "304", null, a.toItem())));

        StreamsEventResponse response = relay().handleRequest(batch, null);

        assertEquals(List.of(), identifiers(response));
        assertTrue(sqs.sent.isEmpty());
        assertTrue(journal.isEmpty(), "nothing sent, nothing deleted: " + journal);
    }

    @Test
    void newComplaintInserted_intakeMessageSentFromItsState_complaintLeftPendingForTheRouter() throws Exception {
        Instant now = Instant.now();
        String id = Ids.newId(now);
        Complaint complaint = new Complaint(id, TRACKING_CODE, Status.RECEIVED, 1, "roads", "24-kinh-bac",
                new GeoPoint(21.1861, 106.0763), "Ổ gà lớn trước số 12 đường Nguyễn Trãi.", List.of(),
                new Reporter("Nguyễn Thị Lan", "0912345678", "lan.nguyen@example.vn"), true, Channel.MOBILE,
                now, now, "hash");
        OutboxMessage intake = table.putNewComplaint(complaint);
        Map<String, AttributeValue> stored = new HashMap<>(ComplaintItems.stateItem(complaint));
        stored.putAll(intake.pendingKeys());

        StreamsEventResponse response = relay().handleRequest(
                StreamEventJson.event(List.of(insert("600", stored))), null);

        assertEquals(List.of(), identifiers(response));
        assertEquals(List.of("send " + id + "#1"), journal, "sent, and no write: the router's transition settles it");
        assertTrue(table.isPending(intake));
        JsonNode body = Json.read(sqs.sent.get(0).messageBody());
        assertEquals("complaint.received", body.path("type").asText());
        assertEquals(id, body.path("complaintId").asText());
        assertEquals(1, body.path("eventSeq").asInt());
        assertEquals("24-kinh-bac", body.path("areaCode").asText());
        assertEquals(id, sqs.sent.get(0).messageGroupId());
        assertFalse(sqs.sent.get(0).messageBody().contains("0912345678"), "no reporter data on the queue");
    }

    @Test
    void outboxInsertWithoutNewImage_reportedNotSkipped() throws Exception {
        OutboxMessage a = pending();
        ObjectNode keysOnly = insert("400", a.toItem());
        keysOnly.with("dynamodb").remove("NewImage");

        StreamsEventResponse response = relay().handleRequest(StreamEventJson.event(List.of(keysOnly)), null);

        assertEquals(List.of("400"), identifiers(response));
        assertTrue(table.contains(a));
    }

    @Test
    void destinationWithoutQueue_reportedAndItemKept() throws Exception {
        Instant now = Instant.now();
        String id = Ids.newId(now);
        OutboxMessage toAgency = new OutboxMessage(ComplaintKeys.complaintPk(id),
                ComplaintKeys.outboxSk(2, "agency:bn-ubnd-kinh-bac"), "agency:bn-ubnd-kinh-bac", id, id + "#2",
                "{\"complaintId\":\"" + id + "\"}", now);
        table.put(toAgency);

        StreamsEventResponse response = relay().handleRequest(
                StreamEventJson.event(List.of(insert("500", toAgency.toItem()))), null);

        assertEquals(List.of("500"), identifiers(response));
        assertTrue(sqs.sent.isEmpty());
        assertTrue(table.contains(toAgency));
    }

    @Test
    void eventWithoutRecords_invocationFails() {
        OutboxRelayHandler relay = relay();

        assertThrows(IllegalArgumentException.class, () -> relay.handleRequest(new DynamodbEvent(), null));
    }

    private OutboxRelayHandler relay() {
        OutboxRelayHandler handler = new OutboxRelayHandler(ENV, new OutboxPublisher(sqs, table, "complaints",
                QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, QUEUE))));
        handlers.add(handler);
        return handler;
    }

    private OutboxMessage pending() {
        Instant now = Instant.now();
        String id = Ids.newId(now);
        OutboxMessage message = new OutboxMessage(ComplaintKeys.complaintPk(id),
                ComplaintKeys.outboxSk(1, OutboxMessage.INTAKE), OutboxMessage.INTAKE, id, id + "#1",
                "{\"type\":\"complaint.received\",\"complaintId\":\"" + id + "\",\"eventSeq\":1,\"trackingCode\":\""
                        + TRACKING_CODE + "\"}", now);
        table.put(message);
        return message;
    }

    /** The complaint's next outbox message after {@code message}, to the same queue. */
    private OutboxMessage next(OutboxMessage message) {
        OutboxMessage next = new OutboxMessage(message.pk(), ComplaintKeys.outboxSk(2, OutboxMessage.INTAKE),
                OutboxMessage.INTAKE, message.groupId(), message.groupId() + "#2",
                "{\"complaintId\":\"" + message.groupId() + "\",\"eventSeq\":2}", message.createdAt());
        table.put(next);
        return next;
    }

    private static Map<String, AttributeValue> eventItem(String complaintId) {
        return Map.of(ComplaintKeys.PK, Attr.s(ComplaintKeys.complaintPk(complaintId)),
                ComplaintKeys.SK, Attr.s(ComplaintKeys.eventSk(1)), "eventType", Attr.s("RECEIVED"));
    }

    private static Map<String, AttributeValue> stateItem(String complaintId) {
        return Map.of(ComplaintKeys.PK, Attr.s(ComplaintKeys.complaintPk(complaintId)),
                ComplaintKeys.SK, Attr.s(ComplaintKeys.STATE_SK), "status", Attr.s("RECEIVED"), "version", Attr.n(1));
    }

    static ObjectNode insert(String sequenceNumber, Map<String, AttributeValue> item) {
        return StreamEventJson.record("INSERT", sequenceNumber, item, null);
    }

    private static ObjectNode modify(String sequenceNumber, Map<String, AttributeValue> item) {
        return StreamEventJson.record("MODIFY", sequenceNumber, item, item);
    }

    static List<String> identifiers(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }
}
