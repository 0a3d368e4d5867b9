package vn.pakn.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.outbox.testing.InMemoryOutboxTable;
import vn.pakn.outbox.testing.RecordingSqs;

class OutboxPublisherTest {
    private static final String FIFO = "https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-intake.fifo";
    private static final String STANDARD = "https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-agency-bn-ubnd-kinh-bac";

    private final List<String> journal = new ArrayList<>();
    private final RecordingSqs sqs = new RecordingSqs(journal);
    private final InMemoryOutboxTable table = new InMemoryOutboxTable(journal);
    private final Consumer<String> previousLog = Log.redirect(line -> { });

    @AfterEach
    void restoreLog() {
        Log.redirect(previousLog);
    }

    @Test
    void fifoQueue_groupAndDeduplicationIdsSet_thenItemDeleted() {
        OutboxMessage m = pending(OutboxMessage.INTAKE);

        assertEquals(Map.of(), publisher(QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, FIFO)))
                .publishAll(List.of(m), new HashSet<>()));

        SendMessageRequest sent = sqs.sent.get(0);
        assertEquals(FIFO, sent.queueUrl());
        assertEquals(m.body(), sent.messageBody());
        assertEquals(m.groupId(), sent.messageGroupId());
        assertEquals(m.deduplicationId(), sent.messageDeduplicationId());
        assertEquals(m.deduplicationId(),
                sent.messageAttributes().get(OutboxPublisher.DEDUPLICATION_ID_ATTRIBUTE).stringValue());
        assertEquals(List.of("send " + m.deduplicationId(), "delete " + m.sk()), journal, "send, then delete");
        assertFalse(table.contains(m));
    }

    @Test
    void standardQueue_noFifoParameters_deduplicationIdTravelsAsAttribute() {
        OutboxMessage m = pending("agency:bn-ubnd-kinh-bac");

        assertEquals(Map.of(), publisher(QueueDirectory.fixed(Map.of("agency:bn-ubnd-kinh-bac", STANDARD)))
                .publishAll(List.of(m), new HashSet<>()));

        SendMessageRequest sent = sqs.sent.get(0);
        assertEquals(STANDARD, sent.queueUrl());
        assertNull(sent.messageGroupId(), "standard queues reject a group id");
        assertNull(sent.messageDeduplicationId(), "standard queues reject a deduplication id");
        assertEquals(m.deduplicationId(),
                sent.messageAttributes().get(OutboxPublisher.DEDUPLICATION_ID_ATTRIBUTE).stringValue());
        assertFalse(table.contains(m));
    }

    @Test
    void sendFails_itemKeptForTheNextAttempt() {
        OutboxMessage m = pending(OutboxMessage.INTAKE);
        sqs.failWhen(request -> true);

        var failures = publisher(QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, FIFO)))
                .publishAll(List.of(m), new HashSet<>());

        assertTrue(failures.get(m) instanceof OutboxPublisher.EntryNotSentException, String.valueOf(failures));

        assertTrue(table.contains(m));
        assertEquals(List.of("send-failed " + m.deduplicationId()), journal);
    }

    @Test
    void destinationsKeptAsData_resolvedByAChainedDirectory() {
        // The shape per-agency queues will take: the fixed intake queue, then a look-up by agency id.
        QueueDirectory agencies = destination -> destination.startsWith("agency:")
                ? Optional.of("https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-agency-"
                        + destination.substring("agency:".length()) + ".fifo")
                : Optional.empty();
        QueueDirectory directory = QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, FIFO)).orElse(agencies);
        OutboxMessage toIntake = pending(OutboxMessage.INTAKE);
        OutboxMessage toAgency = pending("agency:bn-ubnd-vo-cuong");

        assertEquals(Map.of(), publisher(directory).publishAll(List.of(toIntake), new HashSet<>()));
        assertEquals(Map.of(), publisher(directory).publishAll(List.of(toAgency), new HashSet<>()));

        assertEquals(FIFO, sqs.sent.get(0).queueUrl());
        assertEquals("https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-agency-bn-ubnd-vo-cuong.fifo",
                sqs.sent.get(1).queueUrl());
    }

    @Test
    void unknownDestination_nothingSentNothingDeleted() {
        OutboxMessage m = pending("agency:unknown");

        var failures = publisher(QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, FIFO)))
                .publishAll(List.of(m), new HashSet<>());

        assertTrue(failures.get(m) instanceof QueueDirectory.UnknownDestinationException, String.valueOf(failures));

        assertTrue(journal.isEmpty());
        assertTrue(table.contains(m));
    }

    private OutboxPublisher publisher(QueueDirectory directory) {
        return new OutboxPublisher(sqs, table, "complaints", directory);
    }

    private OutboxMessage pending(String destination) {
        Instant now = Instant.now();
        String id = Ids.newId(now);
        OutboxMessage m = new OutboxMessage(ComplaintKeys.complaintPk(id), ComplaintKeys.outboxSk(1, destination),
                destination, id, id + "#1", "{\"complaintId\":\"" + id + "\"}", now);
        table.put(m);
        return m;
    }
}
