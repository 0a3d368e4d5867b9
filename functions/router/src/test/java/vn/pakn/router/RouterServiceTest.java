package vn.pakn.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintStore;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Transition;

class RouterServiceTest {
    private final Instant now = Instant.parse("2026-11-20T03:00:00Z");
    private final FixedReferenceData reference = new FixedReferenceData();
    private final InMemoryComplaintStore store = new InMemoryComplaintStore();
    private final RouterService router = new RouterService(store, reference, Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void receivedComplaint_isAssignedByTheMostSpecificRule() {
        store.put(received("C1", "noise", "24-tu-son"), List.of());
        router.handle(message("C1"));
        Complaint c = store.byId.get("C1").complaint();
        assertEquals(Status.ASSIGNED, c.status());
        assertEquals("ubnd-tu-son", c.handling().agencyId());
        assertEquals(List.of("ubnd-tu-son"), store.assignments.stream().map(e -> e.getKey()).toList());
        assertTrue(store.byId.get("C1").events().get(0).note().contains("noise@24-tu-son"));
    }

    @Test
    void redelivery_neverAssignsTwice() {
        store.put(received("C1", "roads", "24-kinh-bac"), List.of());
        for (int i = 0; i < 3; i++) {
            router.handle(message("C1"));
        }
        assertEquals(1, store.assignments.size());
        assertEquals(1, store.byId.get("C1").events().size());
    }

    @Test
    void lostRace_withAnotherRouter_isAcknowledgedWithoutASecondAssignment() {
        store.put(received("C1", "roads", "24-kinh-bac"), List.of());
        ComplaintStore racing = new ComplaintStore() {
            boolean first = true;

            @Override
            public java.util.Optional<ComplaintHistory> findById(String id) {
                return store.findById(id);
            }

            @Override
            public void append(Transition t) {
                if (first) {
                    first = false;
                    store.append(t); // the other router wins in between our read and our write
                    throw new ConcurrentUpdateException(t.before().id());
                }
                store.append(t);
            }
        };
        new RouterService(racing, reference, Clock.fixed(now, ZoneOffset.UTC)).handle(message("C1"));
        assertEquals(1, store.assignments.size());
    }

    @Test
    void noEnabledAgency_failsSoTheMessageIsRetriedAndFinallyDeadLettered() {
        reference.agencies.clear();
        store.put(received("C1", "roads", "24-kinh-bac"), List.of());
        assertThrows(IllegalStateException.class, () -> router.handle(message("C1")));
        assertEquals(Status.RECEIVED, store.byId.get("C1").complaint().status());
    }

    @Test
    void fifoBatch_stopsAtTheFirstFailureAndReportsTheRest() {
        store.put(received("C1", "roads", "24-kinh-bac"), List.of());
        store.put(received("C3", "noise", "24-kinh-bac"), List.of());
        RouterHandlerProbe handler = new RouterHandlerProbe(router);
        SQSBatchResponse response = handler.execute(event(message("C1"), "{not json", message("C3")));
        assertEquals(List.of("m1", "m2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(Status.ASSIGNED, store.byId.get("C1").complaint().status());
        assertEquals(Status.RECEIVED, store.byId.get("C3").complaint().status(), "not processed out of order");
    }

    /** The handler's batch logic without a Micronaut context. */
    static final class RouterHandlerProbe extends RouterHandler {
        RouterHandlerProbe(RouterService service) {
            super(java.util.Map.of("AWS_REGION", "us-east-1", "COMPLAINTS_TABLE", "t", "REFERENCE_TABLE", "r",
                    "PHOTOS_BUCKET", "p", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y"));
            this.router = service;
        }
    }

    private SQSEvent event(String... bodies) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setBody(bodies[i]);
            records.add(m);
        }
        event.setRecords(records);
        return event;
    }

    private static String message(String id) {
        return "{\"type\":\"complaint.received\",\"complaintId\":\"" + id + "\",\"eventSeq\":1}";
    }

    private Complaint received(String id, String category, String area) {
        return new Complaint(id, "ABCD-EFGH", Status.RECEIVED, 1, category, area, null, "x", List.of(),
                new Reporter(null, null, null), false, Channel.WEB, now, now, "h");
    }
}
