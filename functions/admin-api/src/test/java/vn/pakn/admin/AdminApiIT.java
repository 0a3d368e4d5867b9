package vn.pakn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.AgencyQueueDirectory;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;
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
import vn.pakn.domain.routing.Routing;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/**
 * The admin API through its real handler, configured from template.yaml's environment, on
 * DynamoDB Local and ElasticMQ, with the demo province loaded as the local runtime loads it.
 * Requests carry claims as API Gateway's JWT authorizer passes them. Each test works on areas and
 * agencies of its own.
 */
class AdminApiIT {
    private static LocalAwsServices services;
    private static SamTemplate template;
    private static AdminApiHandler handler;
    private static String referenceTable;
    private static String complaintsTable;
    private static String queuePrefix;
    private static DynamoComplaintRepository repository;
    private static DynamoComplaintStore store;

    @BeforeAll
    static void start() throws Exception {
        services = LocalAwsServices.start(line -> { }, Map.of());
        template = SamTemplate.load();
        LocalDeployment deployment = Provisioner.provision(template, services, line -> { });
        Map<String, String> environment = deployment.functionEnvironment(template.function("AdminApiFunction"));
        queuePrefix = environment.get(AgencyQueues.PREFIX_VARIABLE);
        referenceTable = deployment.tableName("ReferenceTable");
        complaintsTable = deployment.tableName("ComplaintsTable");
        Path seed = template.path().getParent().resolve("infra/seed");
        var provisioning = new AgencyProvisioning(new DynamoAgencies(services.dynamoDb(), referenceTable),
                new AgencyQueues(services.sqs(), queuePrefix));
        try (InputStream categories = Files.newInputStream(seed.resolve("categories.json"));
             InputStream province = Files.newInputStream(seed.resolve("demo-bac-ninh.json"))) {
            var importer = new ReferenceImporter(services.dynamoDb(), referenceTable);
            importer.importCategories(categories);
            importer.importProvince(province, provisioning::save);
        }
        repository = new DynamoComplaintRepository(services.dynamoDb(), complaintsTable);
        store = new DynamoComplaintStore(services.dynamoDb(), complaintsTable, new AssignmentMessages(
                services.s3Presigner(), deployment.bucketName("PhotosBucket"), Clock.systemUTC()));
        handler = new AdminApiHandler(environment);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        Log.bind("it-" + System.nanoTime(), "AdminApiFunction");
        return handler.handleRequest(event, null);
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse response, int status) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    /** A fresh view, as another function's cache would hold once it expires. */
    private static Routing freshRouting() {
        return new Routing(new DynamoReferenceData(services.dynamoDb(), referenceTable, Duration.ofHours(1),
                Clock.systemUTC()));
    }

    private static Map<String, String> queueAttributes(String url) {
        return services.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
    }

    private static long itemCount(String table) {
        return services.dynamoDb().scan(b -> b.tableName(table).select(Select.COUNT).consistentRead(true)).count();
    }

    // ------------------------------------------------------------------ agencies and their queues

    @Test
    void creatingAnAgency_createsItsQueueAndDeadLetterQueue_withoutATemplateChange() throws Exception {
        String id = "bn-ban-qlda";
        assertTrue(template.resources().values().stream().noneMatch(r -> r.logicalId().toLowerCase().contains("qlda")));

        JsonNode agency = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_AGENCY,
                "{\"name\": \"Ban Quản lý dự án\", \"level\": \"province\", \"parent\": \"bn-triage\", \"area\": \"24\"}",
                id)), 201);

        assertTrue(agency.get("enabled").asBoolean());
        String queueUrl = agency.get("queueUrl").asText();
        String deadLetterUrl = agency.get("deadLetterQueueUrl").asText();
        assertTrue(queueUrl.endsWith("/" + queuePrefix + id), queueUrl);
        assertTrue(deadLetterUrl.endsWith("/" + queuePrefix + id + AgencyQueues.DEAD_LETTER_SUFFIX), deadLetterUrl);
        Map<String, String> queue = queueAttributes(queueUrl);
        JsonNode redrive = Json.read(queue.get(QueueAttributeName.REDRIVE_POLICY.toString()));
        assertTrue(redrive.get("maxReceiveCount").asInt() >= 5, redrive.toString());
        assertEquals(queueAttributes(deadLetterUrl).get(QueueAttributeName.QUEUE_ARN.toString()),
                redrive.get("deadLetterTargetArn").asText());
        // Where the outbox relay will send its assignments.
        assertEquals(queueUrl, new AgencyQueueDirectory(new DynamoAgencies(services.dynamoDb(), referenceTable),
                Duration.ZERO, Clock.systemUTC()).find(AgencyQueueDirectory.destination(id)).orElseThrow());

        JsonNode listed = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.LIST_AGENCIES, null)), 200);
        boolean found = false;
        for (JsonNode a : listed.get("agencies")) {
            found |= a.get("id").asText().equals(id) && a.get("queueUrl").asText().equals(queueUrl);
        }
        assertTrue(found, "listed with its queue");
        assertEquals(200, call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_AGENCY,
                "{\"name\": \"Ban QLDA\", \"level\": \"province\", \"parent\": \"bn-triage\", \"area\": \"24\"}",
                id)).getStatusCode(), "a second PUT updates");
    }

    @Test
    void disablingAnAgency_stopsRoutingToIt_andEnablingRestoresIt() throws Exception {
        assertEquals("bn-ubnd-tu-son", freshRouting().route("noise", "24-tu-son").orElseThrow().agency().id());

        JsonNode disabled = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.DISABLE_AGENCY, null,
                "bn-ubnd-tu-son")), 200);
        assertFalse(disabled.get("enabled").asBoolean());
        assertFalse(disabled.get("queueUrl").isNull(), "it keeps its queue to finish what it was given");
        assertEquals("bn-triage", freshRouting().route("noise", "24-tu-son").orElseThrow().agency().id());

        JsonNode enabled = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.ENABLE_AGENCY, null,
                "bn-ubnd-tu-son")), 200);
        assertTrue(enabled.get("enabled").asBoolean());
        assertEquals("bn-ubnd-tu-son", freshRouting().route("noise", "24-tu-son").orElseThrow().agency().id());
    }

    // ------------------------------------------------------------------ who may call

    /** The template's routes, so a route added there without its check here fails this test. */
    private static List<String> templateRoutes() {
        List<String> routes = new ArrayList<>();
        for (EventSpec event : template.function("AdminApiFunction").eventsOfType("HttpApi")) {
            routes.add(event.properties().get("Method") + " " + event.properties().get("Path"));
            assertEquals(Map.of("Authorizer", "AgencyJwt"), event.properties().get("Auth"), event.name());
        }
        return routes;
    }

    @Test
    void anAgencyToken_gets403_onEveryAdminRoute_andWritesNothing() throws Exception {
        List<String> routes = templateRoutes();
        assertEquals(new java.util.TreeSet<>(AdminApi.ROUTES), new java.util.TreeSet<>(routes));
        long referenceItems = itemCount(referenceTable);
        long complaintItems = itemCount(complaintsTable);
        for (String route : routes) {
            String body = route.startsWith("GET") || route.startsWith("DELETE") ? null
                    : "{\"into\": \"24-vu-ninh\", \"name\": \"X\", \"level\": \"commune\", \"parent\": \"24\","
                    + " \"area\": \"24\"}";
            APIGatewayV2HTTPResponse response = call(AdminEvents.request(AdminEvents.officer("bn-ubnd-kinh-bac"),
                    route, body, "24-kinh-bac", "24"));
            assertEquals(403, response.getStatusCode(), route + ": " + response.getBody());
            assertEquals("admin_role_required", Json.read(response.getBody()).at("/error/code").asText(), route);
            APIGatewayV2HTTPResponse anonymous = call(AdminEvents.request(null, route, body, "24-kinh-bac", "24"));
            assertEquals(401, anonymous.getStatusCode(), route + ": " + anonymous.getBody());
        }
        assertEquals(referenceItems, itemCount(referenceTable));
        assertEquals(complaintItems, itemCount(complaintsTable));
    }

    // ------------------------------------------------------------------ boundary changes

    /** Received as the citizen API stores it, then routed to {@code agencyId} as the router does. */
    private static String routed(String category, String area, String agencyId) {
        Instant now = Instant.now();
        String id = Ids.newId(now);
        Complaint c = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area, null,
                "Loa kẹo kéo ồn ào sau 22 giờ", List.of(), new Reporter(null, null, null), false, Channel.WEB, now,
                now, CitizenSecret.hash("secret"));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), now, null);
        assertTrue(repository.create(new NewComplaint(c, first, List.of(), null)) instanceof CreateOutcome.Created);
        Lifecycle lifecycle = new Lifecycle(new DynamoReferenceData(services.dynamoDb(), referenceTable,
                Duration.ZERO, Clock.systemUTC()));
        store.append(lifecycle.apply(c, new Command.Route(agencyId, "rule"), Actor.system("router"), now));
        return id;
    }

    private static List<ComplaintEvent> events(String id) {
        return store.findById(id).orElseThrow().events();
    }

    private static List<Map<String, AttributeValue>> outbox(String id, int seq, String agencyId) {
        String prefix = ComplaintKeys.outboxSk(seq, AgencyQueueDirectory.destination(agencyId));
        return services.dynamoDb().query(b -> b.tableName(complaintsTable).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(ComplaintKeys.complaintPk(id)), ":sk", Attr.s(prefix))))
                .items();
    }

    @Test
    void mergingCommuneAIntoB_reroutesAsOpenComplaintsToBsCommittee_once() throws Exception {
        String assigned = routed("noise", "24-yen-dung", "bn-ubnd-yen-dung");
        String acknowledged = routed("waste", "24-yen-dung", "bn-ubnd-yen-dung");
        store.append(new Lifecycle(new DynamoReferenceData(services.dynamoDb(), referenceTable, Duration.ZERO,
                Clock.systemUTC())).apply(store.findById(acknowledged).orElseThrow().complaint(),
                new Command.Acknowledge(null), new Actor(Actor.Kind.AGENCY, "yen-dung-01"), Instant.now()));
        String roads = routed("roads", "24-yen-dung", "bn-so-xay-dung");
        String neighbour = routed("noise", "24-bac-giang", "bn-ubnd-bac-giang");
        String note = "boundary-change: area 24-yen-dung merged into 24-bac-giang";

        JsonNode summary = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.MERGE_AREA,
                "{\"into\": \"24-bac-giang\"}", "24-yen-dung")), 200);

        assertEquals(2, summary.get("rerouted").asInt(), summary.toString());
        assertEquals(2, summary.get("unchanged").asInt(), summary.toString());
        assertEquals(0, summary.get("failed").size(), summary.toString());
        assertTrue(summary.get("complete").asBoolean());
        for (String id : List.of(assigned, acknowledged)) {
            List<ComplaintEvent> transfers = events(id).stream().filter(e -> e.type().equals("TRANSFERRED")).toList();
            assertEquals(1, transfers.size(), id);
            ComplaintEvent transfer = transfers.get(0);
            assertEquals(note, transfer.note());
            assertEquals(Actor.system("boundary-change"), transfer.actor());
            assertEquals("bn-ubnd-bac-giang", transfer.agencyId());
            Complaint after = store.findById(id).orElseThrow().complaint();
            assertEquals(Status.ASSIGNED, after.status());
            assertEquals("bn-ubnd-bac-giang", after.handling().agencyId());
            assertEquals(1, after.handling().transfers());
            List<Map<String, AttributeValue>> message = outbox(id, transfer.seq(), "bn-ubnd-bac-giang");
            assertEquals(1, message.size(), "one assignment for the new agency's queue");
            JsonNode body = Json.read(Attr.str(message.get(0), "body"));
            assertEquals("TRANSFERRED", body.get("reason").asText());
            assertEquals(note, body.get("note").asText());
        }
        assertTrue(events(roads).stream().noneMatch(e -> e.type().equals("TRANSFERRED")), "the department keeps roads");
        assertTrue(events(neighbour).stream().noneMatch(e -> e.type().equals("TRANSFERRED")));
        // New complaints filed under the old code go to the target's committee too.
        assertEquals("bn-ubnd-bac-giang", freshRouting().route("noise", "24-yen-dung").orElseThrow().agency().id());
        JsonNode areas = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.LIST_AREAS, null)), 200);
        for (JsonNode a : areas.get("areas")) {
            if (a.get("code").asText().equals("24-yen-dung")) {
                assertEquals("24-bac-giang", a.get("mergedInto").asText());
                assertEquals("24-bac-giang", a.get("parent").asText());
            }
        }

        int eventsBefore = events(assigned).size() + events(acknowledged).size();
        JsonNode again = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.MERGE_AREA,
                "{\"into\": \"24-bac-giang\"}", "24-yen-dung")), 200);
        assertEquals(0, again.get("rerouted").asInt(), again.toString());
        assertEquals(4, again.get("unchanged").asInt(), again.toString());
        assertTrue(again.get("alreadyMerged").asBoolean());
        assertEquals(eventsBefore, events(assigned).size() + events(acknowledged).size());
    }

    // ------------------------------------------------------------------ import

    @Test
    void importingAProvinceFile_writesItWhole_withQueues_orNothing() throws Exception {
        String invalid = "{\"province\": \"77\", \"areas\": [{\"code\": \"77\", \"name\": \"Tỉnh\", \"level\": \"province\"}],"
                + " \"agencies\": [{\"id\": \"t77-triage\", \"name\": \"Tổ\", \"level\": \"province\", \"area\": \"78\"}]}";
        long before = itemCount(referenceTable);
        APIGatewayV2HTTPResponse refused = call(AdminEvents.request(AdminEvents.admin(), AdminApi.IMPORT, invalid));
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        assertEquals("invalid_province_file", Json.read(refused.getBody()).at("/error/code").asText());
        assertEquals(before, itemCount(referenceTable));

        String file = "{\"province\": \"77\", \"areas\": ["
                + "{\"code\": \"77\", \"name\": \"Tỉnh Thử\", \"level\": \"province\"},"
                + "{\"code\": \"77-a\", \"name\": \"Xã A\", \"level\": \"commune\", \"parent\": \"77\"}],"
                + " \"agencies\": ["
                + "{\"id\": \"t77-triage\", \"name\": \"Tổ tiếp nhận\", \"level\": \"province\", \"area\": \"77\"},"
                + "{\"id\": \"t77-ubnd-a\", \"name\": \"UBND xã A\", \"level\": \"commune\", \"parent\": \"t77-triage\", \"area\": \"77-a\"}],"
                + " \"rules\": [{\"category\": \"*\", \"area\": \"77\", \"agency\": \"t77-triage\"},"
                + "{\"category\": \"noise\", \"area\": \"77-*\", \"agency\": \"UBND of the commune\"}],"
                + " \"holidays2027\": [{\"date\": \"2027-01-01\", \"name\": \"Tết Dương lịch\"}]}";
        JsonNode imported = ok(call(AdminEvents.request(AdminEvents.admin(), AdminApi.IMPORT, file)), 200);
        assertEquals(2, imported.get("queues").size());
        assertTrue(imported.at("/queues/t77-ubnd-a").asText().endsWith("/" + queuePrefix + "t77-ubnd-a"));
        assertTrue(queueAttributes(imported.at("/queues/t77-ubnd-a").asText())
                .containsKey(QueueAttributeName.REDRIVE_POLICY.toString()));
        assertEquals("t77-ubnd-a", freshRouting().route("noise", "77-a").orElseThrow().agency().id());
    }

    @Test
    void snapStartPriming_writesNothing_andCreatesNoQueue() {
        long references = itemCount(referenceTable);
        long complaints = itemCount(complaintsTable);
        int queues = services.sqs().listQueues(b -> b.queueNamePrefix(queuePrefix)).queueUrls().size();
        handler.getApplicationContext().getBean(AdminApiPriming.class).prime();
        assertEquals(references, itemCount(referenceTable));
        assertEquals(complaints, itemCount(complaintsTable));
        assertEquals(queues, services.sqs().listQueues(b -> b.queueNamePrefix(queuePrefix)).queueUrls().size());
    }
}
