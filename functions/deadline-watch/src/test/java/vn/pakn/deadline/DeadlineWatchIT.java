package vn.pakn.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * The watch on the embedded DynamoDB Local, as deployed: the handler is built from the template's
 * environment for DeadlineWatchFunction, the demo province and categories are imported, complaints
 * are moved through their states with {@link Lifecycle} and {@link DynamoComplaintStore}, and the
 * watch runs with a clock set past their deadlines.
 */
class DeadlineWatchIT {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-it");

    private static LocalAwsServices services;
    private static Map<String, String> env;
    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoComplaintStore store;
    private static Lifecycle lifecycle;
    private static final List<DeadlineWatchHandler> handlers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        LocalDeployment deployment = demo.deployment();
        env = deployment.functionEnvironment(template.function("DeadlineWatchFunction"));
        dynamo = services.dynamoDb();
        table = env.get("COMPLAINTS_TABLE");
        var reference = new DynamoReferenceData(dynamo, env.get("REFERENCE_TABLE"), Duration.ZERO, Clock.systemUTC());
        assertTrue(reference.category("electricity").orElseThrow().escalateWhenOverdue(), "seeded flag");
        assertFalse(reference.category("noise").orElseThrow().escalateWhenOverdue());
        store = new DynamoComplaintStore(dynamo, table,
                new AssignmentMessages(services.s3Presigner(), env.get("PHOTOS_BUCKET"), Clock.systemUTC()));
        lifecycle = new Lifecycle(reference);
    }

    @AfterAll
    static void stop() throws Exception {
        for (DeadlineWatchHandler handler : handlers) {
            handler.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void pastTheDeadline_markedOverdueThroughTheIndex_urgentOnesEscalatedToTheParent_once() throws Exception {
        Instant now = Instant.now();
        String urgent = routed("electricity", "bn-dien-luc", now);
        String ordinary = routed("noise", "bn-ubnd-kinh-bac", now);
        String paused = routed("noise", "bn-ubnd-vo-cuong", now);
        act(paused, new Command.Acknowledge(null), now);
        act(paused, new Command.RequestInfo("Địa chỉ cụ thể ở đâu?"), now);
        String unindexed = routed("noise", "bn-ubnd-tu-son", now);
        // Take one out of the index by hand: if the watch scanned the table, it would still find it.
        dynamo.updateItem(b -> b.tableName(table).key(ComplaintKeys.stateKey(unindexed))
                .updateExpression("REMOVE gsi3pk, gsi3sk"));
        assertEquals("DUE", Attr.str(state(ordinary), ComplaintKeys.GSI3_PK).split("#")[0]);
        Instant late = now.plus(Duration.ofDays(2));

        String result = watchAt(late).handleRequest(new ScheduledEvent(), null);
        watchAt(late.plus(Duration.ofMinutes(5))).handleRequest(new ScheduledEvent(), null);

        assertTrue(result.contains("escalated"), result);
        assertEquals(List.of("RECEIVED", "ASSIGNED", "OVERDUE", "ESCALATED"), types(urgent));
        Map<String, AttributeValue> escalated = state(urgent);
        Map<String, AttributeValue> handling = Attr.map(escalated, "handling");
        assertEquals("bn-triage", Attr.str(handling, "agencyId"), "Công ty Điện lực's parent");
        assertEquals(1L, Attr.num(handling, "escalations"));
        assertTrue(Attr.bool(handling, "overdue"));
        assertEquals(ComplaintKeys.overdueInbox("bn-triage"), Attr.str(escalated, ComplaintKeys.GSI4_PK));
        // The parent agency's fresh deadlines are watched in their turn.
        assertTrue(Attr.str(escalated, ComplaintKeys.GSI3_SK).startsWith(Attr.str(handling, "acknowledgeBy")),
                "the parent's acknowledgement deadline is watched");
        Map<String, AttributeValue> outbox = outbox(urgent, 4, "agency:bn-triage");
        assertFalse(outbox.isEmpty(), "the escalation's assignment message waits in the outbox for the relay");
        var message = Json.read(Attr.str(outbox, "body"));
        assertEquals("ESCALATED", message.get("reason").asText());
        assertEquals("bn-triage", message.get("agencyId").asText());

        assertEquals(List.of("RECEIVED", "ASSIGNED", "OVERDUE"), types(ordinary));
        Map<String, AttributeValue> marked = state(ordinary);
        assertEquals("bn-ubnd-kinh-bac", Attr.str(Attr.map(marked, "handling"), "agencyId"));
        assertEquals(ComplaintKeys.overdueInbox("bn-ubnd-kinh-bac"), Attr.str(marked, ComplaintKeys.GSI4_PK));
        assertFalse(marked.containsKey(ComplaintKeys.GSI3_PK));

        assertEquals("INFO_REQUESTED", last(types(paused)), "the clock is paused while the citizen is asked");
        assertEquals(List.of("RECEIVED", "ASSIGNED"), types(unindexed), "only the index is read, never the table");
    }

    @Test
    void twoWatchesAtTheSameTime_oneOverdueEventAndOneEscalationEach() throws Exception {
        Instant now = Instant.now();
        List<String> urgent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            urgent.add(routed("fire-safety", "bn-cong-an", now));
        }
        Instant late = now.plus(Duration.ofHours(3));
        DeadlineWatchHandler first = watchAt(late);
        DeadlineWatchHandler second = watchAt(late);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> runs = pool.invokeAll(List.<Callable<String>>of(
                    () -> first.handleRequest(new ScheduledEvent(), null),
                    () -> second.handleRequest(new ScheduledEvent(), null)));
            for (Future<String> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String id : urgent) {
            assertEquals(List.of("RECEIVED", "ASSIGNED", "OVERDUE", "ESCALATED"), types(id), id);
            assertEquals("bn-triage", Attr.str(Attr.map(state(id), "handling"), "agencyId"));
        }
    }

    @Test
    void resolvedAndUnansweredForAutoCloseDays_closesItself() throws Exception {
        Instant now = Instant.now();
        String id = routed("roads", "bn-so-xay-dung", now);
        act(id, new Command.Acknowledge(null), now);
        act(id, new Command.Resolve("Đã vá ổ gà."), now);
        assertEquals(ComplaintKeys.resolvedShard(id), Attr.str(state(id), ComplaintKeys.GSI3_PK),
                "a resolved complaint waits in the same index for the citizen");
        Duration autoClose = Duration.ofDays(Long.parseLong(env.get("AUTO_CLOSE_DAYS")));

        watchAt(now.plus(autoClose).minus(Duration.ofHours(1))).handleRequest(new ScheduledEvent(), null);
        assertEquals("RESOLVED", Attr.str(state(id), "status"));

        String result = watchAt(now.plus(autoClose).plus(Duration.ofMinutes(10))).handleRequest(new ScheduledEvent(), null);

        assertTrue(result.contains("auto-closed"), result);
        Map<String, AttributeValue> closed = state(id);
        assertEquals("CLOSED", Attr.str(closed, "status"));
        assertEquals("AUTO_CLOSED", last(types(id)));
        assertFalse(closed.containsKey(ComplaintKeys.GSI3_PK), "closed: out of every working index");
        assertFalse(closed.containsKey(ComplaintKeys.GSI4_PK));
    }

    // ---------------------------------------------------------------- helpers

    private static DeadlineWatchHandler watchAt(Instant now) {
        DeadlineWatchHandler handler = new DeadlineWatchHandler(env, Clock.fixed(now, ZoneOffset.UTC));
        handlers.add(handler);
        return handler;
    }

    /** Stored as the citizen API stores a submission, then routed to {@code agencyId} at {@code at}. */
    private static String routed(String category, String agencyId, Instant at) {
        String id = Ids.newId(at);
        Complaint complaint = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, "24-kinh-bac",
                null, "Sự cố cần xử lý gấp", List.of(), new Reporter("Lê Văn C", "0901234567", null), false,
                Channel.WEB, at, at, CitizenSecret.hash(CitizenSecret.generate()));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), at, null);
        CreateOutcome outcome = new DynamoComplaintRepository(dynamo, table)
                .create(new NewComplaint(complaint, first, List.of(), null));
        assertTrue(outcome instanceof CreateOutcome.Created, outcome.toString());
        store.append(lifecycle.apply(complaint, new Command.Route(agencyId, "routed"), Actor.system("router"), at));
        return id;
    }

    private static void act(String id, Command command, Instant at) {
        Complaint current = store.findById(id).orElseThrow().complaint();
        store.append(lifecycle.apply(current, command, OFFICER, at.plus(1, ChronoUnit.SECONDS)));
    }

    private static List<String> types(String id) {
        return store.findById(id).orElseThrow().events().stream().map(ComplaintEvent::type).toList();
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    private static Map<String, AttributeValue> state(String id) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(ComplaintKeys.stateKey(id))).item();
    }

    private static Map<String, AttributeValue> outbox(String id, int seq, String destination) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.key(ComplaintKeys.complaintPk(id), ComplaintKeys.outboxSk(seq, destination)))).item();
    }
}
