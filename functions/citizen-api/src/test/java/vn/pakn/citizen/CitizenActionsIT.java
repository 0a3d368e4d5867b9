package vn.pakn.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * The citizen's answers on the embedded services, through the real handler built from
 * template.yaml's environment; the agency's side is played with {@link Lifecycle} and
 * {@link DynamoComplaintStore}, as the agency API does it.
 */
class CitizenActionsIT {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-it");
    private static final String PHONE = "0912 345 678";

    private static LocalAwsServices services;
    private static CitizenApiHandler handler;
    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoComplaintStore store;
    private static Lifecycle lifecycle;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        LocalDeployment deployment = demo.deployment();
        Map<String, String> env = deployment.functionEnvironment(template.function("CitizenApiFunction"));
        handler = new CitizenApiHandler(env);
        dynamo = services.dynamoDb();
        table = env.get("COMPLAINTS_TABLE");
        store = new DynamoComplaintStore(dynamo, table,
                new AssignmentMessages(services.s3Presigner(), env.get("PHOTOS_BUCKET"), Clock.systemUTC()));
        lifecycle = new Lifecycle(new DynamoReferenceData(dynamo, env.get("REFERENCE_TABLE"), Duration.ZERO,
                Clock.systemUTC()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (handler != null) {
            handler.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void citizenAnswersTheQuestion_thenSaysItIsNotFixed_backOnTheSameAgencysQueue() throws Exception {
        Receipt r = submit();
        agency(r, new Command.Route("bn-ubnd-kinh-bac", "routed"));
        agency(r, new Command.Acknowledge(null));
        agency(r, new Command.RequestInfo("Quán karaoke ở số nhà nào?"));

        var answered = call(action("info", r, r.secret, "{\"answer\": \"Số 12, gọi tôi: " + PHONE + "\"}"));

        assertEquals(200, answered.getStatusCode(), answered.getBody());
        assertEquals("ACKNOWLEDGED", Attr.str(state(r), "status"));
        assertFalse(answered.getBody().contains(PHONE), "the answer is kept for the agency only");
        assertTrue(lastEvent(r).privateNote().contains(PHONE));

        agency(r, new Command.Resolve("Đã lập biên bản, quán cam kết tắt loa sau 22 giờ."));
        var reopened = call(action("reopen", r, r.secret, "{\"note\": \"Đêm qua vẫn hát đến 1 giờ sáng\"}"));

        assertEquals(200, reopened.getStatusCode(), reopened.getBody());
        Map<String, AttributeValue> after = state(r);
        assertEquals("REOPENED", Attr.str(after, "status"));
        assertEquals(1L, Attr.num(Attr.map(after, "handling"), "reopens"));
        assertEquals(ComplaintKeys.agencyInbox("bn-ubnd-kinh-bac", "REOPENED"), Attr.str(after, ComplaintKeys.GSI2_PK));
        int seq = Attr.num(after, "version").intValue();
        Map<String, AttributeValue> outbox = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(ComplaintKeys.key(ComplaintKeys.complaintPk(r.id),
                        ComplaintKeys.outboxSk(seq, "agency:bn-ubnd-kinh-bac")))).item();
        assertFalse(outbox == null || outbox.isEmpty(), "the assignment waits in the outbox for the same agency");
        JsonNode message = Json.read(Attr.str(outbox, "body"));
        assertEquals("REOPENED", message.get("reason").asText());
        assertEquals("bn-ubnd-kinh-bac", message.get("agencyId").asText());
        assertEquals(1, message.get("reopens").asInt());

        JsonNode view = Json.read(call(get(r)).getBody());
        assertEquals("REOPENED", view.get("status").asText());
        assertEquals("UBND phường Kinh Bắc", view.at("/agency/name").asText());
        assertEquals(Attr.str(Attr.map(after, "handling"), "resolveBy"), view.get("dueAt").asText());
        assertFalse(view.toString().contains("1 giờ sáng"), "the citizen's note is private");
    }

    @Test
    void citizenConfirmsAndRates_closed_publicViewShowsTheResponse() throws Exception {
        Receipt r = resolved();

        assertEquals(400, call(action("confirm", r, r.secret, "{\"rating\": 7}")).getStatusCode());
        var confirmed = call(action("confirm", r, r.secret, "{\"rating\": 5, \"comment\": \"Cảm ơn\"}"));

        assertEquals(200, confirmed.getStatusCode(), confirmed.getBody());
        Map<String, AttributeValue> after = state(r);
        assertEquals("CLOSED", Attr.str(after, "status"));
        assertEquals(5L, Attr.num(Attr.map(after, "handling"), "rating"));
        assertFalse(after.containsKey(ComplaintKeys.GSI3_PK), "nothing left for the deadline watch");
        JsonNode view = Json.read(call(get(r)).getBody());
        assertEquals("Đã xử lý xong.", view.get("response").asText());
        assertFalse(view.toString().contains(PHONE));
        assertFalse(view.toString().contains(r.secret));

        var again = call(action("reopen", r, r.secret, "{\"note\": \"x\"}"));
        assertEquals(409, again.getStatusCode(), again.getBody());
        assertTrue(Json.read(again.getBody()).at("/error/message/en").asText().endsWith("Allowed: none."));
    }

    @Test
    void wrongSecret_is403_andTheTableIsUntouched() throws Exception {
        Receipt r = resolved();
        Map<String, AttributeValue> before = state(r);
        long items = items(r);

        var refused = call(action("confirm", r, r.secret + "x", "{\"rating\": 5}"));
        var missing = call(action("reopen", r, null, "{\"note\": \"x\"}"));

        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals(403, missing.getStatusCode(), missing.getBody());
        assertEquals(before, state(r));
        assertEquals(items, items(r));
    }

    // ---------------------------------------------------------------- helpers

    private record Receipt(String id, String trackingCode, String secret) {
    }

    private static Receipt submit() throws Exception {
        APIGatewayV2HTTPResponse response = call(CitizenApiScenarios.post("/v1/complaints", """
                {"category": "noise", "description": "Karaoke sau 23 giờ mỗi đêm", "areaCode": "24-kinh-bac",
                 "reporter": {"name": "Nguyễn Văn A", "phone": "%s"}, "hideIdentity": true, "channel": "web"}"""
                .formatted(PHONE), Map.of()));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = Json.read(response.getBody());
        return new Receipt(receipt.get("id").asText(), receipt.get("trackingCode").asText(),
                receipt.get("citizenSecret").asText());
    }

    private static Receipt resolved() throws Exception {
        Receipt r = submit();
        agency(r, new Command.Route("bn-ubnd-kinh-bac", "routed"));
        agency(r, new Command.Acknowledge(null));
        agency(r, new Command.Resolve("Đã xử lý xong."));
        return r;
    }

    private static void agency(Receipt r, Command command) {
        Complaint current = store.findById(r.id).orElseThrow().complaint();
        store.append(lifecycle.apply(current, command, OFFICER, Instant.now()));
    }

    private static ComplaintEvent lastEvent(Receipt r) {
        List<ComplaintEvent> events = store.findById(r.id).orElseThrow().events();
        return events.get(events.size() - 1);
    }

    private static Map<String, AttributeValue> state(Receipt r) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(ComplaintKeys.stateKey(r.id))).item();
    }

    private static long items(Receipt r) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(ComplaintKeys.complaintPk(r.id))))).count();
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        Log.bind("test-" + System.nanoTime(), "CitizenApiFunction");
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPEvent action(String route, Receipt r, String secret, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (secret != null) {
            headers.put("x-citizen-secret", secret);
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/complaints/{trackingCode}/" + route)
                .withRawPath("/v1/complaints/" + r.trackingCode + "/" + route)
                .withPathParameters(Map.of("trackingCode", r.trackingCode)).withHeaders(headers).withBody(body).build();
    }

    private static APIGatewayV2HTTPEvent get(Receipt r) {
        return CitizenApiScenarios.get(r.trackingCode);
    }
}
