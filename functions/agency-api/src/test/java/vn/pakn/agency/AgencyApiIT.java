package vn.pakn.agency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.intake.PhotoKeys;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * The agency API through its real handler, configured from template.yaml, on DynamoDB Local and
 * s3proxy: complaints are created as the citizen API creates them and routed as the router does
 * (the lifecycle plus the version-conditioned store), and requests carry JWT claims exactly as
 * API Gateway's authorizer passes them. Each test works with agencies of its own.
 */
class AgencyApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAwsServices services;
    private static LocalDeployment deployment;
    private static AgencyApiHandler handler;
    private static DynamoComplaintRepository repository;
    private static DynamoComplaintStore store;
    private static Lifecycle lifecycle;
    private static String table;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        deployment = demo.deployment();
        String referenceTable = deployment.tableName("ReferenceTable");
        table = deployment.tableName("ComplaintsTable");
        repository = new DynamoComplaintRepository(services.dynamoDb(), table);
        store = new DynamoComplaintStore(services.dynamoDb(), table, new AssignmentMessages(services.s3Presigner(),
                deployment.bucketName("PhotosBucket"), Clock.systemUTC()));
        lifecycle = new Lifecycle(new DynamoReferenceData(services.dynamoDb(), referenceTable, Duration.ZERO,
                Clock.systemUTC()));
        handler = new AgencyApiHandler(deployment.functionEnvironment(template.function("AgencyApiFunction")));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        Log.bind("it-" + System.nanoTime(), "AgencyApiFunction");
        return handler.handleRequest(event, null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    /** Submitted as the citizen API stores it, then routed to {@code agencyId} as the router does. */
    private static String routed(String agencyId, String category) {
        Instant now = Instant.now();
        NewComplaint nc = TestComplaints.received(category, "24-kinh-bac", now);
        assertTrue(repository.create(nc) instanceof CreateOutcome.Created);
        store.append(lifecycle.apply(nc.complaint(), new Command.Route(agencyId, "rule"), Actor.system("router"), now));
        return nc.complaint().id();
    }

    private static Complaint stored(String id) {
        return store.findById(id).orElseThrow().complaint();
    }

    private static void system(String id, Command command) {
        store.append(lifecycle.apply(stored(id), command, Actor.system("it"), Instant.now()));
    }

    private static void officer(String id, Command command) {
        store.append(lifecycle.apply(stored(id), command, new Actor(Actor.Kind.AGENCY, "it-setup"), Instant.now()));
    }

    private static String sortKey(String id) {
        return ComplaintItems.indexKeys(stored(id)).get(ComplaintKeys.GSI2_SK).s();
    }

    private static List<String> allPages(Map<String, String> claims, Map<String, String> query) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> q = new HashMap<>(query);
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            APIGatewayV2HTTPResponse response = call(AgencyEvents.list(claims, q));
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode page = json(response);
            page.get("items").forEach(i -> ids.add(i.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            assertTrue(++pages < 30, "pagination does not end");
        } while (cursor != null);
        return ids;
    }

    /** Indexes may trail the table by a moment on AWS: wait for what must become true, with a deadline. */
    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }

    private static long itemCount() {
        return services.dynamoDb().scan(b -> b.tableName(table).select(Select.COUNT)).count();
    }

    // ------------------------------------------------------------------ listing

    @Test
    void list_byStatusAndOverdue_paginatesAcrossPagesInDeadlineOrder() throws Exception {
        String agency = "bn-ubnd-vu-ninh";
        Map<String, String> officer = AgencyEvents.officer(agency, "vu-ninh-01");
        String[] categories = {"noise", "waste", "roads", "electricity", "construction", "trees", "water-supply"};
        List<String> all = new ArrayList<>();
        List<String> assigned = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        for (int i = 0; i < categories.length; i++) {
            String id = routed(agency, categories[i]);
            all.add(id);
            if (i % 2 == 1) {
                officer(id, new Command.Acknowledge(null));
            } else {
                assigned.add(id);
            }
            if (i % 3 == 0) {
                system(id, new Command.MarkOverdue("acknowledge"));
                overdue.add(id);
            }
        }
        Comparator<String> byDeadline = Comparator.comparing(AgencyApiIT::sortKey);
        all.sort(byDeadline);
        assigned.sort(byDeadline);
        overdue.sort(byDeadline);
        routed("bn-ubnd-vo-cuong", "noise"); // another agency's: never listed here

        List<String> listed = eventually(() -> {
            try {
                return allPages(officer, Map.of("limit", "2"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, all::equals);
        assertEquals(all, listed, "every open status merged, in deadline order, over 4 pages");
        assertEquals(assigned, allPages(officer, Map.of("status", "ASSIGNED", "limit", "3")));
        assertEquals(overdue, allPages(officer, Map.of("overdue", "true", "limit", "2")));

        JsonNode firstOverdue = json(call(AgencyEvents.list(officer, Map.of("overdue", "true", "limit", "1"))));
        assertTrue(firstOverdue.at("/items/0/overdue").asBoolean());
        assertEquals(1, firstOverdue.get("items").size());
        assertFalse(firstOverdue.get("nextCursor").isNull());
        JsonNode item = json(call(AgencyEvents.list(officer, Map.of("limit", "1")))).at("/items/0");
        Complaint first = stored(all.get(0));
        assertEquals(first.trackingCode(), item.get("trackingCode").asText());
        assertEquals(first.handling().resolveBy().toString(), item.get("dueAt").asText());
        assertEquals(first.handling().acknowledgeBy().toString(), item.get("acknowledgeBy").asText());
        assertEquals(first.receivedAt().toString(), item.get("receivedAt").asText());
        assertEquals(first.categoryCode(), item.get("category").asText());
        assertEquals("24-kinh-bac", item.get("area").asText());

        // A cursor another agency obtained works only for that agency.
        String cursor = json(call(AgencyEvents.list(officer, Map.of("limit", "1")))).get("nextCursor").asText();
        APIGatewayV2HTTPResponse stolen = call(AgencyEvents.list(
                AgencyEvents.officer("bn-ubnd-vo-cuong", "vo-cuong-01"), Map.of("limit", "1", "cursor", cursor)));
        assertEquals(400, stolen.getStatusCode());
        assertEquals("invalid_cursor", json(stolen).at("/error/code").asText());
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentAcknowledgements_exactlyOneWins_theOthersGet409() throws Exception {
        String agency = "bn-ubnd-bac-giang";
        String id = routed(agency, "noise");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Map<String, String> officer = AgencyEvents.officer(agency, "bac-giang-0" + i);
                calls.add(() -> {
                    go.await();
                    return call(AgencyEvents.act(officer, id, "acknowledge", "{}"));
                });
            }
            List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
            for (Callable<APIGatewayV2HTTPResponse> c : calls) {
                futures.add(pool.submit(c));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new HashMap<>();
            for (Future<APIGatewayV2HTTPResponse> f : futures) {
                APIGatewayV2HTTPResponse response = f.get();
                byStatus.merge(response.getStatusCode(), 1, Integer::sum);
                if (response.getStatusCode() == 409) {
                    String code = json(response).at("/error/code").asText();
                    assertTrue(code.equals("concurrent_update") || code.equals("action_not_allowed"), code);
                }
            }
            assertEquals(Map.of(200, 1, 409, threads - 1), byStatus);
        } finally {
            pool.shutdownNow();
        }
        var history = store.findById(id).orElseThrow();
        assertEquals(3, history.complaint().version());
        assertEquals(3, history.events().size(), "one ACKNOWLEDGED event, not eight");
    }

    // ------------------------------------------------------------------ access matrix

    @Test
    void accessMatrix_onlyTheAgencyInChargeSeesOrActs() throws Exception {
        String inCharge = "bn-ubnd-kinh-bac";
        // The others include its parent (escalation goes there, reading does not) and a department.
        List<String> others = List.of("bn-ubnd-tu-son", "bn-triage", "bn-so-xay-dung", "bn-ubnd-not-an-agency");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("acknowledge", "{}");
        bodies.put("start", "{}");
        bodies.put("request-info", "{\"question\": \"Số nhà chính xác là bao nhiêu?\"}");
        bodies.put("resolve", "{\"response\": \"Đã xử lý xong\"}");
        bodies.put("reject", "{\"reason\": \"not-actionable\"}");
        bodies.put("transfer", "{\"toAgencyId\": \"bn-so-xay-dung\", \"reason\": \"Thuộc ngành xây dựng\"}");
        bodies.put("escalate", "{\"reason\": \"Vượt thẩm quyền\"}");
        for (Map.Entry<String, String> action : bodies.entrySet()) {
            String id = routed(inCharge, "noise");
            if (List.of("start", "request-info", "resolve").contains(action.getKey())) {
                officer(id, new Command.Acknowledge(null));
            }
            int version = stored(id).version();
            for (String other : others) {
                Map<String, String> claims = AgencyEvents.officer(other, other + "-officer");
                String where = other + " " + action.getKey();
                assertEquals(404, call(AgencyEvents.get(claims, id)).getStatusCode(), where + " get");
                APIGatewayV2HTTPResponse acted = call(AgencyEvents.act(claims, id, action.getKey(), action.getValue()));
                assertEquals(404, acted.getStatusCode(), where + ": " + acted.getBody());
                for (Map<String, String> query : List.of(Map.<String, String>of(), Map.of("status", "ASSIGNED,ACKNOWLEDGED"),
                        Map.of("overdue", "true"))) {
                    assertFalse(allPages(claims, query).contains(id), where + " list " + query);
                }
            }
            assertEquals(version, stored(id).version(), "refused requests wrote nothing");
            Map<String, String> owner = AgencyEvents.officer(inCharge, "kinh-bac-01");
            assertEquals(200, call(AgencyEvents.get(owner, id)).getStatusCode());
            assertTrue(eventually(() -> {
                try {
                    return allPages(owner, Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, ids -> ids.contains(id)).contains(id));
            APIGatewayV2HTTPResponse acted = call(AgencyEvents.act(owner, id, action.getKey(),
                    action.getValue().replace("{", "{\"expectedVersion\": " + version + ", ").replace(", }", "}")));
            assertEquals(200, acted.getStatusCode(), action.getKey() + ": " + acted.getBody());
            assertEquals(version + 1, stored(id).version());
        }
    }

    // ------------------------------------------------------------------ transfer and the full view

    @Test
    void transfer_writesAnAssignmentOutboxItemForTheNewAgency() throws Exception {
        String from = "bn-ubnd-yen-dung";
        String to = "bn-ubnd-vo-cuong";
        String id = routed(from, "trees");
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(AgencyEvents.officer(from, "yen-dung-01"), id,
                "transfer", "{\"toAgencyId\": \"" + to + "\", \"reason\": \"Cây nằm trên địa bàn Võ Cường\", "
                        + "\"expectedVersion\": 2}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(to, json(response).at("/handling/agencyId").asText());
        assertEquals(1, json(response).at("/handling/transfers").asInt());

        Map<String, AttributeValue> outbox = services.dynamoDb().getItem(b -> b.tableName(table).key(ComplaintKeys.key(
                ComplaintKeys.complaintPk(id), ComplaintKeys.outboxSk(3, vn.pakn.aws.outbox.AgencyQueueDirectory.destination(to)))))
                .item();
        assertFalse(outbox == null || outbox.isEmpty(), "the transfer queued the complaint for " + to);
        assertEquals("agency:" + to, outbox.get("destination").s());
        JsonNode message = Json.read(outbox.get("body").s());
        assertEquals("complaint.assigned", message.get("type").asText());
        assertEquals(to, message.get("agencyId").asText());
        assertEquals("TRANSFERRED", message.get("reason").asText());
        assertEquals(3, message.get("eventSeq").asInt());

        assertEquals(404, call(AgencyEvents.get(AgencyEvents.officer(from, "yen-dung-01"), id)).getStatusCode());
        assertEquals(200, call(AgencyEvents.get(AgencyEvents.officer(to, "vo-cuong-01"), id)).getStatusCode());
    }

    @Test
    void get_givesTheFullViewWithWorkingPhotoLinks() throws Exception {
        String agency = "bn-so-y-te";
        String id = routed(agency, "food-safety");
        Complaint c = stored(id);
        String photoId = c.photos().get(0).uploadId();
        byte[] bytes = "not really a jpeg, but the bytes the check kept".getBytes();
        services.s3().putObject(b -> b.bucket(deployment.bucketName("PhotosBucket"))
                .key(PhotoKeys.original(photoId, ImageType.JPEG)), RequestBody.fromBytes(bytes));
        officer(id, new Command.Acknowledge(null));
        officer(id, new Command.RequestInfo("Cửa hàng tên là gì?"));

        APIGatewayV2HTTPResponse response = call(AgencyEvents.get(AgencyEvents.officer(agency, "y-te-01"), id));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode view = json(response);
        assertEquals("NEEDS_INFO", view.get("status").asText());
        assertEquals(TestComplaints.DESCRIPTION, view.get("description").asText());
        assertEquals(TestComplaints.LOCATION.lon(), view.at("/location/lon").asDouble(), 0);
        assertEquals(TestComplaints.REPORTER_PHONE, view.at("/reporter/phone").asText());
        assertEquals("Phường Kinh Bắc", view.at("/area/name").asText());
        assertEquals(agency, view.at("/handling/agencyId").asText());
        assertTrue(view.at("/handling/pausedAt").isTextual());
        assertEquals(List.of("RECEIVED", "ASSIGNED", "ACKNOWLEDGED", "INFO_REQUESTED"),
                view.get("history").findValuesAsText("type"));
        String url = view.at("/photos/0/url").asText();
        HttpResponse<byte[]> photo = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, photo.statusCode(), "the presigned link opens the original");
        assertArrayEquals(bytes, photo.body());
        // Another id's last character: one of 32, so a fixed replacement would sometimes change nothing.
        char last = photoId.charAt(photoId.length() - 1);
        String otherId = photoId.substring(0, photoId.length() - 1) + (last == 'X' ? 'Y' : 'X');
        HttpResponse<byte[]> tampered = HTTP.send(HttpRequest.newBuilder(URI.create(url.replace(photoId, otherId)))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, tampered.statusCode(), "the link opens only what it was signed for");
    }

    @Test
    void withoutClaims_is401() {
        String id = routed("bn-ubnd-vo-cuong", "noise");
        APIGatewayV2HTTPResponse response = call(AgencyEvents.event(null, AgencyApi.GET,
                "/v1/agency/complaints/" + id, Map.of("id", id), null, null));
        assertEquals(401, response.getStatusCode());
    }

    @Test
    void priming_writesNothing() {
        routed("bn-ubnd-vo-cuong", "noise");
        long before = itemCount();
        handler.getApplicationContext().getBean(AgencyApiPriming.class).prime();
        assertEquals(before, itemCount());
    }
}
