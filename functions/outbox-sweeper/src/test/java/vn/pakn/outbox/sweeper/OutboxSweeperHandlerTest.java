package vn.pakn.outbox.sweeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.PendingOutbox;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Status;
import vn.pakn.outbox.testing.InMemoryOutboxTable;
import vn.pakn.outbox.testing.RecordingSqs;

class OutboxSweeperHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.400Z");
    private static final String QUEUE = "https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-intake.fifo";
    private static final Map<String, String> ENV = Map.of(
            "COMPLAINTS_TABLE", "complaints", "INTAKE_QUEUE_URL", QUEUE, "OUTBOX_GRACE_SECONDS", "120",
            "AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");

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
    void pendingOlderThanGrace_sentOldestFirst_youngerLeftPending() {
        OutboxMessage hourOld = pending(NOW.minusSeconds(3600));
        OutboxMessage justPastGrace = pending(NOW.minusSeconds(122));
        OutboxMessage withinGrace = pending(NOW.minusSeconds(119));
        OutboxMessage fresh = pending(NOW.minusMillis(300));

        String summary = sweeper(2).execute(new ScheduledEvent());

        assertEquals("sent 2 pending outbox messages", summary);
        assertEquals(Set.of(hourOld.deduplicationId(), justPastGrace.deduplicationId()), sentIds());
        assertFalse(table.contains(hourOld));
        assertFalse(table.contains(justPastGrace));
        assertTrue(table.contains(withinGrace));
        assertTrue(table.contains(fresh));
    }

    @Test
    void newComplaintNobodyRoutedPastGrace_intakeMessageSentOnce_complaintKeptAndNoLongerPending() {
        Instant receivedAt = NOW.minusSeconds(600);
        String id = Ids.newId(receivedAt);
        OutboxMessage intake = table.putNewComplaint(new Complaint(id, "7KX4-9QMB", Status.RECEIVED, 1, "roads",
                "24-kinh-bac", null, "Đèn đường hỏng trước số 8 phố Lý Thái Tổ.", List.of(), null, false,
                Channel.WEB, receivedAt, receivedAt, "hash"));

        String first = sweeper(100).execute(new ScheduledEvent());
        String second = sweeper(100).execute(new ScheduledEvent());

        assertEquals("sent 1 pending outbox messages", first);
        assertEquals("sent 0 pending outbox messages", second, "sent once: the next sweep finds it settled");
        assertEquals(List.of("send " + id + "#1", "unpend STATE"), journal);
        assertTrue(table.contains(intake), "the complaint itself stays");
        assertFalse(table.isPending(intake));
        assertEquals(id, sqs.sent.get(0).messageGroupId());
    }

    @Test
    void youngerThanGraceByLessThanASecond_notSentEarly() {
        // Instant.toString() prints "09:58:00Z" but "09:58:00.500Z", and '.' sorts before 'Z':
        // a plain string comparison would take the younger item as older than the cutoff.
        Instant wholeSecond = Instant.parse("2026-11-22T10:00:00Z");
        OutboxMessage halfSecondTooYoung = pending(Instant.parse("2026-11-22T09:58:00.500Z"));
        OutboxMessage old = pending(Instant.parse("2026-11-22T09:57:59.500Z"));

        sweeper(100, wholeSecond).execute(new ScheduledEvent());

        assertEquals(Set.of(old.deduplicationId()), sentIds());
        assertTrue(table.contains(halfSecondTooYoung));
    }

    @Test
    void createdInTheSecondOfTheCutoff_waitsForTheNextRun() {
        // The cutoff is 09:58:00.400; index keys compare exactly only to the second, and being a
        // second late is harmless where being early is not.
        OutboxMessage beforeTheSecond = pending(Instant.parse("2026-11-22T09:57:59.999Z"));
        OutboxMessage sameSecondEarlier = pending(Instant.parse("2026-11-22T09:58:00.100Z"));
        OutboxMessage sameSecondWhole = pending(Instant.parse("2026-11-22T09:58:00Z"));

        sweeper(100).execute(new ScheduledEvent());

        assertEquals(Set.of(beforeTheSecond.deduplicationId()), sentIds());
        assertTrue(table.contains(sameSecondEarlier));
        assertTrue(table.contains(sameSecondWhole));
    }

    @Test
    void backlogLongerThanOnePage_everyMessageSentOnce() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            expected.add(pending(NOW.minusSeconds(600 + i)).deduplicationId());
        }

        String summary = sweeper(2).execute(new ScheduledEvent());

        assertEquals("sent 23 pending outbox messages", summary);
        List<String> sent = sqs.sent.stream().map(OutboxSweeperHandlerTest::dedupId).toList();
        assertEquals(23, sent.size(), "each exactly once: " + sent);
        assertEquals(expected, Set.copyOf(sent));
        assertTrue(table.queries.stream().anyMatch(q -> q.hasExclusiveStartKey()), "pages were followed");
    }

    @Test
    void oneSendFails_othersStillSent_failedOneStaysPending_invocationFails() {
        OutboxMessage first = pending(NOW.minusSeconds(900));
        OutboxMessage poisoned = pending(NOW.minusSeconds(800));
        OutboxMessage last = pending(NOW.minusSeconds(700));
        sqs.failWhen(request -> dedupId(request).equals(poisoned.deduplicationId()));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> sweeper(100).execute(new ScheduledEvent()));

        assertTrue(failure.getMessage().contains("1 failed"), failure.getMessage());
        assertEquals(Set.of(first.deduplicationId(), last.deduplicationId()), sentIds());
        assertTrue(table.contains(poisoned), "an unsent message must stay pending");
        assertFalse(table.contains(first));
        assertFalse(table.contains(last));
    }

    @Test
    void backlogAfterAnOutage_sentTenARequest_notOneByOne() {
        for (int i = 0; i < 250; i++) {
            pending(NOW.minusSeconds(3600 + i));
        }

        String summary = sweeper(100).execute(new ScheduledEvent());

        assertEquals("sent 250 pending outbox messages", summary);
        assertEquals(250, sentIds().size());
        assertEquals(250, sqs.batchSizes.stream().mapToInt(Integer::intValue).sum(), "every one in a batch");
        assertTrue(sqs.batchSizes.stream().allMatch(size -> size <= 10), String.valueOf(sqs.batchSizes));
        // Eight shards read in parts: a request is short only at a shard's or a part's end.
        assertTrue(sqs.batchSizes.size() <= 25 + 2 * ComplaintKeys.OUTBOX_SHARDS + 3,
                sqs.batchSizes.size() + " requests for 250 messages: " + sqs.batchSizes);
    }

    @Test
    void complaintsEarlierMessageFails_itsLaterMessageHeldBack_otherComplaintsSent() {
        String id = Ids.newId(NOW.minusSeconds(900));
        OutboxMessage assigned = pendingOf(id, 2, NOW.minusSeconds(900));
        OutboxMessage transferred = pendingOf(id, 3, NOW.minusSeconds(800));
        OutboxMessage other = pending(NOW.minusSeconds(850));
        sqs.failWhen(request -> dedupId(request).equals(assigned.deduplicationId()));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> sweeper(100).execute(new ScheduledEvent()));

        assertTrue(failure.getMessage().contains("1 failed and 1 were held back"), failure.getMessage());
        assertEquals(Set.of(other.deduplicationId()), sentIds(), "the agency must not get message 3 before 2");
        assertTrue(table.contains(assigned));
        assertTrue(table.contains(transferred), "held back, still pending for the next sweep");
        assertFalse(table.contains(other));

        sqs.failWhen(request -> false);
        sweeper(100).execute(new ScheduledEvent());

        List<String> sent = sqs.sent.stream().map(OutboxSweeperHandlerTest::dedupId).toList();
        assertEquals(List.of(other.deduplicationId(), assigned.deduplicationId(), transferred.deduplicationId()), sent,
                "the next sweep sends the complaint's messages in order");
    }

    @Test
    void everyShardIsSwept() {
        Set<String> shards = new HashSet<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; shards.size() < ComplaintKeys.OUTBOX_SHARDS; i++) {
            OutboxMessage m = pending(NOW.minusSeconds(1000 + i));
            shards.add(ComplaintKeys.outboxShard(m.groupId()));
            expected.add(m.deduplicationId());
        }

        sweeper(100).execute(new ScheduledEvent());

        assertEquals(expected, sentIds());
    }

    @Test
    void scheduleEventJson_readAsTheLambdaRuntimeReadsIt_sweeps() throws Exception {
        OutboxMessage old = pending(NOW.minusSeconds(600));
        ScheduledEvent event;
        try (InputStream in = getClass().getResourceAsStream("/events/scheduled-sweep.json")) {
            event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader()).fromJson(in);
        }
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli(), event.getTime().getMillis());

        String summary = sweeper(100).handleRequest(event, null);

        assertEquals("sent 1 pending outbox messages", summary);
        assertEquals(Set.of(old.deduplicationId()), sentIds());
    }

    @Test
    void shardKeys_includeEveryShardAComplaintIsAssignedTo() {
        Set<String> assigned = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assigned.add(ComplaintKeys.outboxShard(Ids.newId(NOW.plusMillis(i))));
        }
        assertEquals(Set.copyOf(PendingOutbox.shardKeys()), assigned);
    }

    private OutboxSweeperHandler sweeper(int pageSize) {
        return sweeper(pageSize, NOW);
    }

    private OutboxSweeperHandler sweeper(int pageSize, Instant now) {
        OutboxPublisher publisher = new OutboxPublisher(sqs, table, "complaints",
                QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, QUEUE)));
        OutboxSweeperHandler handler = new OutboxSweeperHandler(ENV, Clock.fixed(now, ZoneOffset.UTC),
                new PendingOutbox(table, "complaints", pageSize), publisher);
        handlers.add(handler);
        return handler;
    }

    private OutboxMessage pending(Instant createdAt) {
        return pendingOf(Ids.newId(createdAt), 1, createdAt);
    }

    /** Message {@code seq} of complaint {@code id}, on the intake queue, pending since {@code createdAt}. */
    private OutboxMessage pendingOf(String id, int seq, Instant createdAt) {
        OutboxMessage message = new OutboxMessage(ComplaintKeys.complaintPk(id),
                ComplaintKeys.outboxSk(seq, OutboxMessage.INTAKE), OutboxMessage.INTAKE, id, id + "#" + seq,
                "{\"type\":\"complaint.received\",\"complaintId\":\"" + id + "\",\"eventSeq\":" + seq + "}",
                createdAt);
        table.put(message);
        return message;
    }

    private Set<String> sentIds() {
        List<String> ids = sqs.sent.stream().map(OutboxSweeperHandlerTest::dedupId).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size(), "a message was sent twice: " + ids);
        return Set.copyOf(ids);
    }

    private static String dedupId(SendMessageRequest request) {
        return request.messageDeduplicationId();
    }
}
