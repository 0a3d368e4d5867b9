package vn.pakn.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintStore;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.AreaTree;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.reference.RoutingRule;

class DeadlineWatchTest {
    /** Monday 16 November 2026, 09:00 in Vietnam. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T02:00:00Z");
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-1");
    private static final Duration AUTO_CLOSE = Duration.ofDays(7);
    /** Urgent: goes up to the parent agency as soon as it is overdue. */
    static final Category ELECTRICITY = new Category("electricity",
            new LocalizedText("Điện, an toàn lưới điện", "Electricity and grid safety"), 4, 2, false, true, true);

    private final WithUrgentCategory reference = new WithUrgentCategory();
    private final Lifecycle lifecycle = new Lifecycle(reference);
    private final InMemoryComplaintStore store = new InMemoryComplaintStore();
    private final InMemoryDeadlineIndex index = new InMemoryDeadlineIndex(store);
    private final DeadlineWatch watch = new DeadlineWatch(index, store, reference, AUTO_CLOSE);

    // ---------------------------------------------------------------- overdue

    @Test
    void pastTheAcknowledgeDeadline_markedOverdueOnce_evenWhenTheWatchRunsAgain() {
        String id = routed("noise", "ubnd-kinh-bac");
        Instant ackBy = handling(id).acknowledgeBy();
        assertEquals(MONDAY.plus(Duration.ofHours(24)), ackBy);

        var first = watch.run(ackBy.plusSeconds(1));
        var second = watch.run(ackBy.plusSeconds(600));

        assertEquals(1, first.markedOverdue());
        assertEquals(0, second.markedOverdue());
        assertEquals(List.of("RECEIVED", "ASSIGNED", "OVERDUE"), types(id));
        ComplaintEvent overdue = last(id);
        assertEquals("acknowledge", overdue.note());
        assertEquals(Actor.Kind.SYSTEM, overdue.actor().kind());
        assertEquals(Status.ASSIGNED, overdue.to(), "the status stays; the mark is what counts");
        assertTrue(handling(id).overdue());
        assertEquals("ubnd-kinh-bac", handling(id).agencyId(), "noise is not an escalating category");
        assertTrue(store.assignments.stream().noneMatch(a -> a.getValue().type().equals("ESCALATED")));
        Map<String, ?> keys = ComplaintItems.indexKeys(current(id));
        assertEquals(Attr.s(ComplaintKeys.overdueInbox("ubnd-kinh-bac")), keys.get(ComplaintKeys.GSI4_PK),
                "now in the agency's overdue inbox");
        assertFalse(index.contains(id), "and out of the deadline watch");
    }

    @Test
    void beforeTheDeadline_nothingHappens() {
        String id = routed("noise", "ubnd-kinh-bac");
        var summary = watch.run(handling(id).acknowledgeBy().minusSeconds(1));
        assertEquals(0, summary.checked());
        assertEquals(List.of("RECEIVED", "ASSIGNED"), types(id));
        assertTrue(index.contains(id));
    }

    @Test
    void acknowledgedInTime_butNotResolved_markedOverdueOnTheResolveDeadline() {
        String id = routed("noise", "ubnd-kinh-bac");
        agency(id, new Command.Acknowledge(null));
        agency(id, new Command.Start(null));
        Instant resolveBy = handling(id).resolveBy();

        assertEquals(0, watch.run(handling(id).acknowledgeBy().plusSeconds(60)).markedOverdue());
        assertEquals(1, watch.run(resolveBy.plusSeconds(1)).markedOverdue());

        assertEquals("resolve", last(id).note());
        assertEquals(Status.IN_PROGRESS, current(id).status());
    }

    @Test
    void waitingForTheCitizen_isNeverMarked_theClockIsPaused() {
        String id = routed("noise", "ubnd-kinh-bac");
        agency(id, new Command.Acknowledge(null));
        agency(id, new Command.RequestInfo("Ở đâu?"));
        Instant longAfter = handling(id).resolveBy().plus(Duration.ofDays(30));

        assertFalse(index.contains(id), "a paused complaint leaves the index");
        watch.run(longAfter);
        // Even handed to the watch directly (an index lagging behind), it is left alone.
        watch.settle(id, longAfter, new DeadlineWatch.Summary());

        assertEquals(Status.NEEDS_INFO, current(id).status());
        assertFalse(handling(id).overdue());
        assertEquals("INFO_REQUESTED", last(id).type());
    }

    @Test
    void resolvedRejectedAndClosedComplaints_areNeverMarkedOverdue() {
        String resolved = routed("noise", "ubnd-kinh-bac");
        agency(resolved, new Command.Acknowledge(null));
        agency(resolved, new Command.Resolve("Đã xử lý."));
        String rejected = routed("noise", "ubnd-kinh-bac");
        agency(rejected, new Command.Reject(vn.pakn.domain.lifecycle.RejectReason.INVALID, null, null));

        watch.run(MONDAY.plus(Duration.ofDays(3)));

        assertFalse(handling(resolved).overdue());
        assertFalse(handling(rejected).overdue());
        assertFalse(index.contains(rejected));
    }

    // ---------------------------------------------------------------- escalation

    @Test
    void flaggedCategory_overdueThenEscalatedToTheParentOnce_withAnAssignmentForIt() {
        String id = routed("electricity", "ubnd-kinh-bac");
        Instant late = handling(id).acknowledgeBy().plusSeconds(1);

        var first = watch.run(late);
        var second = watch.run(late.plus(Duration.ofHours(1)));

        assertEquals(1, first.markedOverdue());
        assertEquals(1, first.escalated());
        assertEquals(0, second.markedOverdue() + second.escalated());
        assertEquals(List.of("RECEIVED", "ASSIGNED", "OVERDUE", "ESCALATED"), types(id));
        assertEquals("overdue: the acknowledge deadline passed", last(id).note());
        assertEquals("triage", handling(id).agencyId());
        assertEquals(1, handling(id).escalations());
        assertTrue(handling(id).overdue(), "the mark carries over to the parent");
        assertEquals(Status.ASSIGNED, current(id).status());
        assertEquals(late.plus(Duration.ofHours(4)), handling(id).acknowledgeBy(), "fresh deadlines for the parent");
        var assignment = store.assignments.get(store.assignments.size() - 1);
        assertEquals("triage", assignment.getKey());
        assertEquals("ESCALATED", assignment.getValue().type());
        assertEquals(Attr.s(ComplaintKeys.overdueInbox("triage")),
                ComplaintItems.indexKeys(current(id)).get(ComplaintKeys.GSI4_PK), "the overdue inbox follows the agency");
    }

    @Test
    void flaggedCategory_whoseAgencyActedSinceTheMark_isNotEscalated() {
        String id = routed("electricity", "ubnd-kinh-bac");
        Instant late = handling(id).acknowledgeBy().plusSeconds(1);
        // Another watch marked it; the agency acknowledged before this one got to escalate.
        store.append(lifecycle.apply(current(id), new Command.MarkOverdue("acknowledge"), DeadlineWatch.WATCH, late));
        agency(id, new Command.Acknowledge(null));

        watch.settle(id, late.plusSeconds(5), new DeadlineWatch.Summary());

        assertEquals("ubnd-kinh-bac", handling(id).agencyId());
        assertEquals("ACKNOWLEDGED", last(id).type());
    }

    @Test
    void flaggedCategory_atTheTopAgency_isMarkedAndReported_notFailed() {
        String id = routed("electricity", "triage");

        var summary = watch.run(handling(id).acknowledgeBy().plusSeconds(1));

        assertEquals(1, summary.markedOverdue());
        assertEquals(0, summary.escalated());
        assertEquals(1, summary.notEscalated());
        assertEquals(0, summary.failed());
        assertEquals("triage", handling(id).agencyId());
    }

    @Test
    void twoWatchesAtOnce_oneOverdueEventAndOneEscalation() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(routed("electricity", "ubnd-kinh-bac"));
            ids.add(routed("noise", "ubnd-tu-son"));
        }
        Instant late = MONDAY.plus(Duration.ofDays(2));
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<DeadlineWatch.Summary>> runs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                // Each watch reads each complaint at the same moment as the other, then writes; the
                // loser's re-read is not held, so the two stay in step complaint by complaint.
                Set<String> readOnce = new java.util.HashSet<>();
                ComplaintStore lockstep = new ComplaintStore() {
                    @Override
                    public Optional<ComplaintHistory> findById(String id) {
                        Optional<ComplaintHistory> read = store.findById(id);
                        if (readOnce.add(id)) {
                            try {
                                bothRead.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException("the watches fell out of step", e);
                            }
                        }
                        return read;
                    }

                    @Override
                    public void append(Transition t) {
                        store.append(t);
                    }

                    @Override
                    public void appendAll(List<Transition> ts) {
                        store.appendAll(ts);
                    }
                };
                DeadlineWatch racer = new DeadlineWatch(index, lockstep, reference, AUTO_CLOSE);
                runs.add(pool.submit(() -> racer.run(late)));
            }
            int marked = 0;
            int escalated = 0;
            for (Future<DeadlineWatch.Summary> run : runs) {
                DeadlineWatch.Summary s = run.get(60, TimeUnit.SECONDS);
                assertEquals(0, s.failed());
                marked += s.markedOverdue();
                escalated += s.escalated();
            }
            assertEquals(10, marked);
            assertEquals(5, escalated);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertEquals(1, types(id).stream().filter("OVERDUE"::equals).count(), id + ": " + types(id));
            boolean urgent = current(id).categoryCode().equals("electricity");
            assertEquals(urgent ? 1 : 0, types(id).stream().filter("ESCALATED"::equals).count(), id + ": " + types(id));
        }
    }

    @Test
    void lostRace_rereadsAndDecidesAgain_withoutASecondEscalation() {
        String id = routed("electricity", "ubnd-kinh-bac");
        Instant late = handling(id).acknowledgeBy().plusSeconds(1);
        ComplaintStore overtaken = new ComplaintStore() {
            boolean overtake = true;

            @Override
            public Optional<ComplaintHistory> findById(String complaintId) {
                return store.findById(complaintId);
            }

            @Override
            public void append(Transition t) {
                appendAll(List.of(t));
            }

            @Override
            public void appendAll(List<Transition> ts) {
                if (overtake) {
                    overtake = false;
                    // Another watch marks and escalates between this one's read and its write.
                    new DeadlineWatch(index, store, reference, AUTO_CLOSE).settle(id, late, new DeadlineWatch.Summary());
                }
                store.appendAll(ts);
            }
        };

        DeadlineWatch.Summary summary = new DeadlineWatch.Summary();
        new DeadlineWatch(index, overtaken, reference, AUTO_CLOSE).settle(id, late, summary);

        assertEquals(0, summary.markedOverdue() + summary.escalated());
        assertEquals(List.of("RECEIVED", "ASSIGNED", "OVERDUE", "ESCALATED"), types(id));
    }

    // ---------------------------------------------------------------- auto-close

    @Test
    void resolvedAndUnansweredForTheConfiguredDays_closesItself_once() {
        String id = routed("noise", "ubnd-kinh-bac");
        agency(id, new Command.Acknowledge(null));
        agency(id, new Command.Resolve("Đã nhắc nhở quán karaoke."));
        Instant resolvedAt = handling(id).resolvedAt();
        assertTrue(index.contains(id), "resolved complaints wait in the index for the citizen");

        assertEquals(0, watch.run(resolvedAt.plus(AUTO_CLOSE).minusSeconds(1)).autoClosed());
        assertEquals(Status.RESOLVED, current(id).status());

        assertEquals(1, watch.run(resolvedAt.plus(AUTO_CLOSE).plusSeconds(1)).autoClosed());
        assertEquals(0, watch.run(resolvedAt.plus(AUTO_CLOSE).plus(Duration.ofDays(1))).autoClosed());

        assertEquals(Status.CLOSED, current(id).status());
        assertEquals("AUTO_CLOSED", last(id).type());
        assertNull(handling(id).rating(), "closing by silence is no rating");
        assertFalse(index.contains(id));
        assertEquals(1, types(id).stream().filter("AUTO_CLOSED"::equals).count());
    }

    @Test
    void resolvedLate_stillClosesItself() {
        String id = routed("noise", "ubnd-kinh-bac");
        watch.run(handling(id).acknowledgeBy().plusSeconds(1));
        agency(id, new Command.Acknowledge(null));
        agency(id, new Command.Resolve("Muộn nhưng đã xong."));
        assertTrue(handling(id).overdue());

        assertEquals(1, watch.run(handling(id).resolvedAt().plus(AUTO_CLOSE).plusSeconds(1)).autoClosed());
        assertEquals(Status.CLOSED, current(id).status());
    }

    @Test
    void answeredByTheCitizen_isNotClosedBehindTheirBack() {
        String confirmed = routed("noise", "ubnd-kinh-bac");
        agency(confirmed, new Command.Acknowledge(null));
        agency(confirmed, new Command.Resolve("Xong."));
        String reopened = routed("noise", "ubnd-kinh-bac");
        agency(reopened, new Command.Acknowledge(null));
        agency(reopened, new Command.Resolve("Xong."));
        Instant resolvedAt = handling(reopened).resolvedAt();
        citizen(confirmed, new Command.Confirm(4, null));
        citizen(reopened, new Command.Reopen("Chưa xong"));

        var summary = watch.run(resolvedAt.plus(AUTO_CLOSE).plusSeconds(1));

        assertEquals(0, summary.autoClosed());
        assertEquals(4, handling(confirmed).rating());
        assertEquals(Status.REOPENED, current(reopened).status());
    }

    @Test
    void oneComplaintFailing_doesNotHoldBackTheOthers() {
        String broken = routed("noise", "ubnd-kinh-bac");
        String fine = routed("noise", "ubnd-tu-son");
        ComplaintStore failingForOne = new ComplaintStore() {
            @Override
            public Optional<ComplaintHistory> findById(String id) {
                if (id.equals(broken)) {
                    throw new IllegalStateException("simulated read failure");
                }
                return store.findById(id);
            }

            @Override
            public void append(Transition t) {
                store.append(t);
            }

            @Override
            public void appendAll(List<Transition> ts) {
                store.appendAll(ts);
            }
        };

        var summary = new DeadlineWatch(index, failingForOne, reference, AUTO_CLOSE).run(MONDAY.plus(Duration.ofDays(2)));

        assertEquals(1, summary.failed());
        assertEquals(1, summary.markedOverdue());
        assertTrue(handling(fine).overdue());
        assertTrue(index.contains(broken), "still in the index for the next run");
    }

    // ---------------------------------------------------------------- handler

    @Test
    void handler_readsTheScheduledEventLambdaSends_andFailsTheInvocationWhenAComplaintFailed() throws Exception {
        String json = """
                {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
                 "source": "aws.events", "account": "123456789012", "time": "2026-11-17T02:05:00Z",
                 "region": "ap-southeast-1", "resources": ["arn:aws:events:ap-southeast-1:123456789012:rule/watch"],
                 "detail": {}}""";
        ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("aws.events", event.getSource());
        String id = routed("noise", "ubnd-kinh-bac");
        Instant late = handling(id).acknowledgeBy().plusSeconds(1);

        String result = new Probe(watch, late).execute(event);

        assertTrue(result.contains("marked 1 overdue"), result);
        DeadlineWatch failing = new DeadlineWatch(index, new ComplaintStore() {
            @Override
            public Optional<ComplaintHistory> findById(String complaintId) {
                throw new IllegalStateException("simulated outage");
            }

            @Override
            public void append(Transition t) {
                throw new IllegalStateException("unreachable");
            }
        }, reference, AUTO_CLOSE);
        routed("noise", "ubnd-tu-son");
        assertThrows(IllegalStateException.class, () -> new Probe(failing, late.plus(Duration.ofDays(1))).execute(event));
    }

    /** The handler's own logic, without a Micronaut context or AWS clients. */
    static final class Probe extends DeadlineWatchHandler {
        Probe(DeadlineWatch watch, Instant now) {
            super(Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y",
                    "COMPLAINTS_TABLE", "t", "REFERENCE_TABLE", "r", "PHOTOS_BUCKET", "p"),
                    java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
            this.watch = watch;
        }
    }

    // ---------------------------------------------------------------- set-up

    /** Received on Monday morning and routed at once to {@code agencyId}. */
    private String routed(String category, String agencyId) {
        String id = "C" + store.byId.size();
        Complaint received = new Complaint(id, "TEST-" + store.byId.size(), Status.RECEIVED, 1, category,
                "24-kinh-bac", null, "x", List.of(), new Reporter(null, null, null), false, Channel.WEB,
                MONDAY, MONDAY, "hash");
        store.put(received, List.of(new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), MONDAY, null)));
        store.append(lifecycle.apply(received, new Command.Route(agencyId, "routed"), Actor.system("router"), MONDAY));
        return id;
    }

    private void agency(String id, Command command) {
        store.append(lifecycle.apply(current(id), command, OFFICER, MONDAY.plusSeconds(60L * current(id).version())));
    }

    private void citizen(String id, Command command) {
        Instant at = current(id).handling().resolvedAt().plus(Duration.ofDays(1));
        store.append(lifecycle.apply(current(id), command, Actor.citizen(Channel.WEB), at));
    }

    private Complaint current(String id) {
        return store.byId.get(id).complaint();
    }

    private vn.pakn.domain.complaint.Handling handling(String id) {
        return current(id).handling();
    }

    private List<String> types(String id) {
        return store.byId.get(id).events().stream().map(ComplaintEvent::type).toList();
    }

    private ComplaintEvent last(String id) {
        List<ComplaintEvent> events = store.byId.get(id).events();
        return events.get(events.size() - 1);
    }

    /** The small test province, with one category that escalates when overdue. */
    static final class WithUrgentCategory implements ReferenceData {
        private final FixedReferenceData base = new FixedReferenceData();

        @Override
        public List<Category> categories() {
            List<Category> all = new ArrayList<>(base.categories());
            all.add(ELECTRICITY);
            return all;
        }

        @Override
        public AreaTree areas() {
            return base.areas();
        }

        @Override
        public List<Agency> agencies() {
            return base.agencies();
        }

        @Override
        public List<RoutingRule> rules() {
            return base.rules();
        }

        @Override
        public Set<LocalDate> holidays() {
            return base.holidays();
        }
    }
}
