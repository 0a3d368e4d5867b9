package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.http.Caller;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.sla.WorkingCalendar;
import vn.pakn.local.events.EventSettings;
import vn.pakn.local.events.HttpApiRoute;
import vn.pakn.local.events.LocalJwtIssuer;

/**
 * docs/openapi.yaml against the running system: the routes the local runtime serves from
 * template.yaml are exactly the documented operations, and real requests to every operation, a
 * success and a refusal each, get a status the document lists for it, the headers it promises,
 * and a body its schema accepts (with every {@code $ref} resolved). The requests the API accepts
 * are checked against the document's request schemas too. One runtime start for all of it.
 */
class OpenApiContractIT {
    /** Open311 GeoReport v2 is a published standard with its own specification (docs/open311.md). */
    private static final String OPEN311_PREFIX = "/open311/";
    /** Served by the local runtime beside the template's routes (S3 and the identity provider do it in AWS). */
    private static final List<String> LOCAL_ONLY_PREFIXES = List.of("/open-data/", LocalJwtIssuer.ISSUER_PATH + "/");
    private static final String NO_SUCH_ULID = "01KAAAAAAAAAAAAAAAAAAAAAAA";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final OpenApiDocument DOC = OpenApiDocument.load();
    private static LocalRuntime runtime;

    /** operationId -> statuses seen, each answer checked against the document. */
    private final Map<String, Set<Integer>> seen = new TreeMap<>();

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(new LocalRuntime.Options().apiPort(0).environment(Map.of())
                .requireAllFunctions(true).eventSettings(EventSettings.fast()).progress(line -> { }));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    // ---------------------------------------------------------------- routes

    @Test
    void servedRoutes_areExactlyTheDocumentedOperations() {
        Set<String> served = new TreeSet<>();
        for (HttpApiRoute route : runtime.routes()) {
            if (!excluded(route.path())) {
                served.add(route.routeKey());
            }
        }
        Set<String> documented = new TreeSet<>();
        DOC.operations().forEach(op -> documented.add(op.routeKey()));
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertTrue(undocumented.isEmpty() && notServed.isEmpty(),
                "served by template.yaml but missing from docs/openapi.yaml: " + undocumented
                        + "\ndocumented in docs/openapi.yaml but not served: " + notServed);
        assertTrue(runtime.routes().stream().anyMatch(r -> r.path().startsWith(OPEN311_PREFIX)),
                "Open311 is left out because it is served and specified elsewhere, not because it is gone");
    }

    @Test
    void routesBehindTheJwtAuthorizer_areExactlyTheOperationsDocumentedWithAgencyJwt() {
        Map<String, String> authorizers = new TreeMap<>();
        runtime.routes().stream().filter(r -> !excluded(r.path()))
                .forEach(r -> authorizers.put(r.routeKey(), String.valueOf(r.authorizer())));
        Map<String, String> documented = new TreeMap<>();
        for (OpenApiDocument.Operation op : DOC.operations()) {
            boolean jwt = op.node().path("security").toString().contains("\"AgencyJwt\"");
            documented.put(op.routeKey(), jwt ? "AgencyJwt" : "null");
        }
        assertEquals(authorizers, documented);
    }

    private static boolean excluded(String path) {
        return path.startsWith(OPEN311_PREFIX) || LOCAL_ONLY_PREFIXES.stream().anyMatch(path::startsWith);
    }

    // ---------------------------------------------------------------- every operation

    @Test
    void everyOperation_answersAsDocumented_successesAndRefusals() throws Exception {
        String admin = DevToken.admin(runtime, "quan-tri-openapi");
        String kinhBac = DevToken.agency(runtime, "bn-ubnd-kinh-bac", "can-bo-openapi");

        // ---- citizen: pickers, upload, submission, tracking
        call("GET", "/v1/categories").expect(200);
        call("GET", "/v1/areas").expect(200);
        call("POST", "/v1/uploads").json("{\"contentType\": \"image/gif\", \"contentLength\": 10}").expect(400);
        call("POST", "/v1/uploads").body("text/plain", "photo please").expect(415);
        String uploadId = upload("infra/seed/samples/pothole.jpg");

        JsonNode first = call("POST", "/v1/complaints").header("Idempotency-Key", "openapi-contract-1").json("""
                {"category": "noise", "description": "Karaoke sau 23 giờ mỗi đêm", "areaCode": "24-kinh-bac",
                 "reporter": {"name": "Trần Thị B", "phone": "0912 345 678", "email": "b@example.vn"},
                 "hideIdentity": true, "channel": "mobile"}""").expect(201).body();
        call("POST", "/v1/complaints").header("Idempotency-Key", "openapi-contract-1")
                .json("{\"category\": \"noise\", \"description\": \"Another text\", \"areaCode\": \"24-kinh-bac\"}")
                .expect(422);
        call("POST", "/v1/complaints")
                .json("{\"category\": \"roads\", \"description\": \"x\", \"areaCode\": \"24-kinh-bac\"}").expect(400);
        JsonNode second = call("POST", "/v1/complaints").json("""
                {"category": "roads", "description": "Ổ gà lớn trước cổng chợ",
                 "location": {"lat": 21.186143, "lon": 106.076337}, "areaCode": "24-kinh-bac",
                 "photos": ["%s"]}""".formatted(uploadId)).expect(201).body();
        String c1 = first.get("id").asText();
        String code1 = first.get("trackingCode").asText();
        String secret1 = first.get("citizenSecret").asText();
        String c2 = second.get("id").asText();
        String code2 = second.get("trackingCode").asText();
        // The feed below is filtered by c2's day of receipt; this test can run past midnight in Vietnam.
        String receivedDay = Instant.parse(second.get("receivedAt").asText()).atZone(WorkingCalendar.VIETNAM)
                .toLocalDate().toString();
        call("GET", "/v1/complaints/" + code1.toLowerCase(Locale.ROOT).replace("-", "")).expect(200);

        // ---- admin, while the router works: every route refuses an officer before reading anything,
        // and works for an administrator
        for (OpenApiDocument.Operation op : DOC.operations()) {
            if (op.node().path("tags").path(0).asText().equals("admin")) {
                String path = op.path().replace("{code}", "roads").replace("{id}", "bn-triage")
                        .replace("{category}", "roads").replace("{area}", "24").replace("{date}", "2031-01-01");
                Call refused = call(op.method().toUpperCase(Locale.ROOT), path).token(kinhBac);
                (op.method().equals("put") || op.method().equals("post") ? refused.json("{}") : refused).expect(403);
            }
        }
        call("GET", "/v1/admin/categories").expect(401);

        call("GET", "/v1/admin/categories").token(admin).expect(200);
        call("GET", "/v1/admin/categories/roads").token(admin).expect(200);
        call("GET", "/v1/admin/categories/no-such-category").token(admin).expect(404);
        String category = "{\"name\": {\"vi\": \"Thử hợp đồng\", \"en\": \"Contract test\"}, \"ackHours\": 8, \"resolveDays\": 5}";
        call("PUT", "/v1/admin/categories/openapi-test").token(admin).json(category).expect(201);
        call("PUT", "/v1/admin/categories/openapi-test").token(admin).json(category.replace("5}",
                "5, \"photoRequired\": true, \"publicFeed\": false, \"escalateWhenOverdue\": true}")).expect(200);
        call("PUT", "/v1/admin/categories/openapi-test").token(admin).json(category.replace("5}", "5, \"colour\": \"red\"}"))
                .expect(400);

        call("GET", "/v1/admin/areas").token(admin).expect(200);
        for (String area : List.of("24-openapi-a", "24-openapi-b", "24-openapi-c")) {
            call("PUT", "/v1/admin/areas/" + area).token(admin)
                    .json("{\"name\": \"Xã " + area + "\", \"level\": \"commune\", \"parent\": \"24\"}").expect(201);
        }
        JsonNode moved = call("PUT", "/v1/admin/areas/24-openapi-c").token(admin).json("""
                {"code": "24-openapi-c", "name": "Thôn C", "level": "village", "parent": "24-openapi-a",
                 "centroid": {"lat": 21.19, "lon": 106.08}}""").expect(200).body();
        assertTrue(moved.has("rerouting"), "a new parent is a boundary change: " + moved);
        call("PUT", "/v1/admin/areas/24-openapi-c").token(admin).json("{\"name\": \"Thôn C\", \"level\": \"village\"}")
                .expect(400);
        call("POST", "/v1/admin/areas/24-openapi-b/merge").token(admin).json("{\"into\": \"24-openapi-a\"}").expect(200);
        call("POST", "/v1/admin/areas/24-no-such-area/merge").token(admin).json("{\"into\": \"24-openapi-a\"}").expect(404);
        call("PUT", "/v1/admin/areas/24-openapi-b").token(admin)
                .json("{\"name\": \"Xã B\", \"level\": \"commune\", \"parent\": \"24\"}").expect(409);

        call("GET", "/v1/admin/agencies").token(admin).expect(200);
        call("PUT", "/v1/admin/agencies/openapi-agency").token(admin).json("""
                {"name": "UBND xã thử", "level": "commune", "parent": "bn-triage", "area": "24-openapi-a"}""").expect(201);
        call("PUT", "/v1/admin/agencies/openapi-agency").token(admin).json("""
                {"id": "openapi-agency", "name": "UBND xã thử", "level": "commune", "parent": "bn-triage",
                 "area": "24-openapi-a", "enabled": true}""").expect(200);
        call("PUT", "/v1/admin/agencies/openapi-agency").token(admin).json("{\"id\": \"other\", \"name\": \"x\"}").expect(400);
        call("POST", "/v1/admin/agencies/openapi-agency/disable").token(admin).noBody().expect(200);
        call("POST", "/v1/admin/agencies/openapi-agency/enable").token(admin).noBody().expect(200);
        call("POST", "/v1/admin/agencies/no-such-agency/disable").token(admin).noBody().expect(404);
        call("POST", "/v1/admin/agencies/no-such-agency/enable").token(admin).noBody().expect(404);

        call("GET", "/v1/admin/rules").token(admin).expect(200);
        String rule = "{\"category\": \"roads\", \"area\": \"24-openapi-a\", \"agency\": \"openapi-agency\"}";
        call("PUT", "/v1/admin/rules").token(admin).json(rule).expect(201);
        call("PUT", "/v1/admin/rules").token(admin).json(rule).expect(200);
        call("PUT", "/v1/admin/rules").token(admin).json(rule.replace("openapi-agency", "no-such-agency")).expect(400);
        call("DELETE", "/v1/admin/rules/roads/24-openapi-a").token(admin).expect(200);
        call("DELETE", "/v1/admin/rules/roads/24-openapi-a").token(admin).expect(404);
        call("DELETE", "/v1/admin/rules/%2A/24").token(admin).expect(409);

        call("GET", "/v1/admin/holidays").token(admin).expect(200);
        call("PUT", "/v1/admin/holidays/2031-09-02").token(admin).noBody().expect(201);
        call("PUT", "/v1/admin/holidays/2031-09-02").token(admin).json("{\"name\": \"Quốc khánh\"}").expect(200);
        call("PUT", "/v1/admin/holidays/2031-02-30").token(admin).noBody().expect(400);
        call("DELETE", "/v1/admin/holidays/2031-09-02").token(admin).expect(200);
        call("DELETE", "/v1/admin/holidays/2031-09-02").token(admin).expect(404);

        call("GET", "/v1/complaints/0000-0000").expect(400);
        call("GET", "/v1/complaints/" + unusedTrackingCode()).expect(404);
        Await.until(() -> call("GET", "/v1/complaints/" + code1).expect(200).body(),
                v -> v.path("status").asText().equals("ASSIGNED"), "the first complaint routed");
        JsonNode tracked2 = Await.until(() -> call("GET", "/v1/complaints/" + code2).expect(200).body(),
                v -> v.path("status").asText().equals("ASSIGNED") && v.at("/photos/0/status").asText().equals("ACCEPTED"),
                "the second complaint routed and its photo checked");
        String roadsAgency = tracked2.at("/agency/id").asText();

        // ---- agency: refusals before the function, and by it
        call("GET", "/v1/agency/complaints").expect(401);
        String forged = DevToken.mint(LocalJwtIssuer.ephemeral(runtime.jwtIssuer().issuer()), runtime.jwtAudiences().get(0),
                new Caller("can-bo-openapi", "bn-ubnd-kinh-bac", Caller.Role.AGENCY), Duration.ofMinutes(10));
        call("GET", "/v1/agency/complaints").token(forged).expect(401);
        call("GET", "/v1/agency/complaints?sort=deadline").token(kinhBac).expect(400);
        call("GET", "/v1/agency/complaints?agencyId=bn-triage").token(kinhBac).expect(403);
        Await.until(() -> call("GET", "/v1/agency/complaints").token(kinhBac).expect(200).body(),
                page -> page.toString().contains(c1), "the first complaint in the commune's inbox");
        call("GET", "/v1/agency/complaints?status=assigned,in-progress&limit=5").token(kinhBac).expect(200);
        call("GET", "/v1/agency/complaints?overdue=true").token(kinhBac).expect(200);
        call("GET", "/v1/agency/complaints?agencyId=bn-ubnd-kinh-bac").token(admin).expect(200);
        call("GET", "/v1/agency/complaints/" + c1).token(kinhBac).expect(200);
        call("GET", "/v1/agency/complaints/" + c2).token(admin).expect(200);
        call("GET", "/v1/agency/complaints/" + NO_SUCH_ULID).token(kinhBac).expect(404);
        call("POST", actions(c1, "resolve")).token(kinhBac).json("{\"response\": \"Đã xử lý\"}").expect(409);
        call("POST", actions(c1, "acknowledge")).token(admin).json("{}").expect(403);
        call("POST", actions(c1, "fly")).token(kinhBac).json("{}").expect(404);
        call("POST", actions(c1, "acknowledge")).token(kinhBac).body("text/plain", "ok").expect(415);

        // ---- the first complaint's life: question and answer, resolved, reopened, resolved, rated
        call("POST", actions(c1, "acknowledge")).token(kinhBac).noBody().expect(200);
        JsonNode asked = call("POST", actions(c1, "request-info")).token(kinhBac)
                .json("{\"question\": \"Quán ở số nhà nào?\"}").expect(200).body();
        call("POST", "/v1/complaints/" + code1 + "/info").json("{\"answer\": \"Số 15\"}").expect(403);
        call("POST", "/v1/complaints/" + code1 + "/info").secret(secret1).json("{\"answer\": \"Số 15\"}").expect(200);
        call("POST", actions(c1, "resolve")).token(kinhBac).json("{\"response\": \"Đã nhắc nhở chủ quán\", \"expectedVersion\": "
                + asked.get("version").asInt() + "}").expect(409);
        call("POST", actions(c1, "resolve")).token(kinhBac).json("{\"response\": \"Đã nhắc nhở chủ quán\"}").expect(200);
        call("POST", "/v1/complaints/" + code1 + "/reopen").secret(secret1).json("{\"note\": \"Vẫn hát đến 1 giờ sáng\"}")
                .expect(200);
        call("POST", actions(c1, "acknowledge")).token(kinhBac).json("{\"note\": \"Tiếp nhận lại\"}").expect(200);
        call("POST", actions(c1, "start")).token(kinhBac).json("{}").expect(200);
        call("POST", actions(c1, "resolve")).token(kinhBac).json("{\"response\": \"Đã lập biên bản\"}").expect(200);
        call("POST", "/v1/complaints/" + code1 + "/confirm").secret(secret1).json("{\"rating\": 9}").expect(400);
        call("POST", "/v1/complaints/" + code1 + "/confirm").secret(secret1)
                .json("{\"rating\": 5, \"comment\": \"Cảm ơn\"}").expect(200);
        call("POST", "/v1/complaints/" + code1 + "/reopen").secret(secret1).json("{\"note\": \"Lại hát\"}").expect(409);
        call("GET", "/v1/complaints/" + code1).expect(200);

        // ---- the second: photo published, transferred, escalated, rejected as a duplicate
        String roads = DevToken.agency(runtime, roadsAgency, "can-bo-openapi");
        String publish = "{\"uploadIds\": [\"" + uploadId + "\"], \"publishable\": true}";
        call("POST", actions(c2, "publish-photos")).token(roads).json(publish).expect(200);
        call("POST", actions(c2, "publish-photos")).token(roads).json(publish).expect(409);
        call("POST", actions(c2, "transfer")).token(roads)
                .json("{\"toAgencyId\": \"bn-ubnd-tu-son\", \"reason\": \"Thuộc địa bàn\", \"note\": \"x\"}").expect(400);
        call("POST", actions(c2, "transfer")).token(roads)
                .json("{\"toAgencyId\": \"bn-ubnd-tu-son\", \"reason\": \"Thuộc địa bàn phường Từ Sơn\"}").expect(200);
        String tuSon = DevToken.agency(runtime, "bn-ubnd-tu-son", "can-bo-openapi");
        call("POST", actions(c2, "escalate")).token(tuSon).json("{\"reason\": \"Cần tỉnh hỗ trợ\"}").expect(200);
        String triage = DevToken.agency(runtime, "bn-triage", "can-bo-openapi");
        call("POST", actions(c2, "escalate")).token(triage).json("{}").expect(409);
        call("POST", actions(c2, "reject")).token(triage).json("{\"reason\": \"duplicate-of\", \"duplicateOf\": \""
                + code1.toLowerCase(Locale.ROOT).replace("-", "") + "\", \"note\": \"Trùng phản ánh trước\"}").expect(200);
        call("GET", "/v1/agency/complaints/" + c2).token(triage).expect(200);

        // ---- public feed and statistics
        call("GET", "/v1/public/complaints?sort=newest").expect(400);
        String feed = "/v1/public/complaints?category=roads&status=REJECTED,resolved&from=" + receivedDay
                + "&to=" + receivedDay;
        Await.until(() -> call("GET", feed).expect(200).body(),
                page -> page.toString().contains(c2) && page.toString().contains("\"contentType\""),
                "the second complaint in the feed with its published photo");
        call("GET", "/v1/public/complaints?area=24&limit=1").expect(200);
        call("GET", "/v1/public/complaints/" + c2).expect(200);
        call("GET", "/v1/public/complaints/" + code2).expect(404);
        // The aggregator counts events a moment after them: the tag holds once both lives' last events are in.
        Await.until(() -> call("GET", "/v1/public/stats").expect(200).body(),
                s -> s.at("/total/rejected").asInt() == 1 && s.at("/total/ratings").asInt() == 1,
                "the rejection and the rating counted");
        Exchange stats = call("GET", "/v1/public/stats").expect(200);
        call("GET", "/v1/public/stats").header("If-None-Match", stats.header("etag")).expect(304);
        call("GET", "/v1/public/stats?groupBy=day&from=" + LocalDate.parse(receivedDay).withDayOfMonth(1)).expect(200);
        call("GET", "/v1/public/stats?groupBy=category&area=24-kinh-bac").expect(200);
        call("GET", "/v1/public/stats?groupBy=channel&from=2025-01-01&to=2025-12-31").expect(200);
        call("GET", "/v1/public/stats?groupBy=agency&channel=web").expect(400);

        // ---- a second province, last: nothing above depends on there being one
        call("POST", "/v1/admin/import").token(admin).json("{\"province\": \"98\", \"areas\": []}").expect(400);
        call("POST", "/v1/admin/import").token(admin).json("""
                {"_about": "A province for the contract test", "province": "98",
                 "areas": [{"code": "98", "name": "Tỉnh Thử", "level": "province", "parent": null},
                           {"code": "98-a", "name": "Xã A", "level": "commune", "parent": "98", "centroid": [21.0, 105.8]}],
                 "agencies": [{"id": "openapi-triage", "name": "Tổ tiếp nhận", "level": "province", "parent": null, "area": "98"}],
                 "rules": [{"category": "*", "area": "98", "agency": "openapi-triage"}],
                 "holidays2031": ["2031-01-01", {"date": "2031-04-30", "name": "Giải phóng miền Nam"}]}""").expect(200);

        assertEveryOperationCovered();
    }

    /** Each operation answered at least once with success, and with a refusal when it documents any. */
    private void assertEveryOperationCovered() {
        List<String> gaps = new ArrayList<>();
        for (OpenApiDocument.Operation op : DOC.operations()) {
            Set<Integer> statuses = seen.getOrDefault(op.id(), Set.of());
            if (statuses.stream().noneMatch(s -> s < 400)) {
                gaps.add(op.id() + ": no success checked (saw " + statuses + ")");
            }
            boolean refusals = op.node().path("responses").properties().stream()
                    .anyMatch(r -> r.getKey().startsWith("4") && !r.getKey().equals("429"));
            if (refusals && statuses.stream().noneMatch(s -> s >= 400 && s < 500)) {
                gaps.add(op.id() + ": no refusal checked (saw " + statuses + ")");
            }
        }
        assertEquals(List.of(), gaps);
    }

    // ---------------------------------------------------------------- requests and their checks

    private static String actions(String id, String action) {
        return "/v1/agency/complaints/" + id + "/actions/" + action;
    }

    /** A valid tracking code (its check character right) that no complaint of this run has. */
    private static String unusedTrackingCode() throws Exception {
        while (true) {
            String code = TrackingCode.generate();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints/" + code)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                return code;
            }
        }
    }

    /** Through the API, then straight to S3 with the presigned URL, as a phone would. */
    private String upload(String sample) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("pakn.root", "../..")).resolve(sample));
        JsonNode slot = call("POST", "/v1/uploads")
                .json("{\"contentType\": \"image/jpeg\", \"contentLength\": " + bytes.length + "}").expect(201).body();
        HttpResponse<Void> put = HTTP.send(HttpRequest.newBuilder(URI.create(slot.at("/upload/url").asText()))
                        .header("Content-Type", slot.at("/upload/headers/Content-Type").asText())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, put.statusCode());
        return slot.get("uploadId").asText();
    }

    private Call call(String method, String path) {
        return new Call(method, path);
    }

    /** One request, sent by {@link #expect(int)}, which checks the answer against the document. */
    private final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Call secret(String secret) {
            return header("X-Citizen-Secret", secret);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call json(String json) {
            return body("application/json", json);
        }

        Call body(String contentType, String text) {
            headers.put("Content-Type", contentType);
            this.body = text;
            return this;
        }

        Call noBody() {
            this.body = null;
            return this;
        }

        Exchange expect(int status) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String what = method + " " + path;
            assertEquals(status, response.statusCode(), what + " answered " + response.body());
            return check(what, this, response);
        }
    }

    private record Exchange(HttpResponse<String> response, JsonNode body) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** The answer's status, headers and body against the document's operation for the request. */
    private Exchange check(String what, Call call, HttpResponse<String> response) throws Exception {
        OpenApiDocument.Operation op = operation(call.method, call.path);
        int status = response.statusCode();
        seen.computeIfAbsent(op.id(), k -> new TreeSet<>()).add(status);
        JsonNode declared = op.node().path("responses").get(String.valueOf(status));
        if (declared == null) {
            fail(what + ": status " + status + " is not documented for " + op.id() + "; body " + response.body());
        }
        OpenApiDocument.Resolved documented = DOC.resolve(op.pointer() + "/responses/" + status, declared);

        for (Map.Entry<String, JsonNode> h : documented.node().path("headers").properties()) {
            String pointer = documented.pointer() + "/headers/" + OpenApiDocument.escape(h.getKey());
            OpenApiDocument.Resolved header = DOC.resolve(pointer, h.getValue());
            Optional<String> value = response.headers().firstValue(h.getKey());
            if (header.node().path("required").asBoolean()) {
                assertTrue(value.isPresent(), what + ": header " + h.getKey() + " is required; got " + response.headers().map());
            }
            value.ifPresent(v -> assertEquals(List.of(), DOC.problems(header.pointer() + "/schema", TextNode.valueOf(v)),
                    what + ": header " + h.getKey() + ": " + v));
        }

        JsonNode body = null;
        JsonNode media = documented.node().path("content").path("application/json");
        if (media.isMissingNode()) {
            assertTrue(response.body().isEmpty(), what + ": no body is documented; got " + response.body());
        } else {
            String contentType = response.headers().firstValue("content-type").orElse("");
            assertTrue(contentType.startsWith("application/json"), what + ": content-type " + contentType);
            body = JSON.readTree(response.body());
            List<String> problems = DOC.problems(documented.pointer() + "/content/application~1json/schema", body);
            assertTrue(problems.isEmpty(), what + " -> " + status + " does not match " + op.id() + "'s schema:\n  "
                    + String.join("\n  ", problems) + "\nbody: " + response.body());
        }

        // What the API accepts, the document must accept too.
        if (status < 400 && call.body != null) {
            JsonNode requestBody = op.node().get("requestBody");
            assertNotNull(requestBody, what + ": a body was accepted that " + op.id() + " does not document");
            OpenApiDocument.Resolved rb = DOC.resolve(op.pointer() + "/requestBody", requestBody);
            List<String> problems = DOC.problems(rb.pointer() + "/content/application~1json/schema", JSON.readTree(call.body));
            assertTrue(problems.isEmpty(), what + ": the API accepted a body " + op.id() + "'s request schema refuses:\n  "
                    + String.join("\n  ", problems) + "\nbody: " + call.body);
        }
        return new Exchange(response, body);
    }

    /** The one documented operation whose method and path template match the request. */
    private static OpenApiDocument.Operation operation(String method, String pathAndQuery) {
        String rawPath = pathAndQuery.split("\\?", 2)[0];
        List<OpenApiDocument.Operation> matches = DOC.operations().stream()
                .filter(op -> new HttpApiRoute(op.method(), op.path(), "f", "e", "api", null, null)
                        .match(method, rawPath).isPresent())
                .toList();
        assertEquals(1, matches.size(), method + " " + rawPath + " matches " + matches.stream()
                .map(OpenApiDocument.Operation::routeKey).toList());
        return matches.get(0);
    }

    private static URI uri(String path) {
        return URI.create(runtime.apiBaseUri() + path);
    }
}
