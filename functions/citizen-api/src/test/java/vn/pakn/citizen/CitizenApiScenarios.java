package vn.pakn.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.intake.IdempotencyKeys;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;

/**
 * Citizen intake against real AWS-compatible services, through the real handler built from
 * template.yaml's environment. Subclasses choose the services: embedded here, LocalStack where
 * Docker exists.
 */
abstract class CitizenApiScenarios {
    static LocalAwsServices services;
    static LocalDeployment deployment;
    static CitizenApiHandler handler;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static void boot(LocalAwsServices started) throws Exception {
        services = started;
        DemoDeployment demo = DemoDeployment.on(started);
        deployment = demo.deployment();
        handler = new CitizenApiHandler(deployment.functionEnvironment(demo.template().function("CitizenApiFunction")));
    }

    @AfterAll
    static void shutDown() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void citizenUploadsPhotoSubmitsAndTracks() throws Exception {
        byte[] photo = sample("pothole.jpg");
        String uploadId = uploadPhoto(photo, "image/jpeg");

        APIGatewayV2HTTPResponse submitted = call(post("/v1/complaints", """
                {"category": "roads", "description": "Ổ gà lớn trước số 12 đường Nguyễn Trãi",
                 "location": {"lat": 21.18614, "lon": 106.07633}, "areaCode": "24-kinh-bac",
                 "photos": ["%s"], "reporter": {"name": "Trần Thị B", "phone": "0987654321"},
                 "hideIdentity": true, "channel": "mobile"}""".formatted(uploadId), Map.of()));
        assertEquals(201, submitted.getStatusCode(), submitted.getBody());
        JsonNode receipt = Json.read(submitted.getBody());

        APIGatewayV2HTTPResponse tracked = call(get(receipt.get("trackingCode").asText().toLowerCase()));
        assertEquals(200, tracked.getStatusCode(), tracked.getBody());
        JsonNode view = Json.read(tracked.getBody());
        assertEquals("RECEIVED", view.get("status").asText());
        assertEquals("roads", view.at("/category/code").asText());
        assertEquals("Phường Kinh Bắc", view.at("/area/name").asText());
        assertEquals(1, view.get("photos").size());
        assertEquals(21.186, view.at("/location/lat").asDouble(), 1e-9);
        assertEquals("RECEIVED", view.at("/history/0/to").asText());
        assertFalse(tracked.getBody().contains("Trần Thị B"));
        assertFalse(tracked.getBody().contains("0987654321"));

        // The agency will need the reporter: it is stored, just never shown publicly.
        var state = services.dynamoDb().getItem(b -> b.tableName(complaintsTable())
                .key(ComplaintKeys.stateKey(receipt.get("id").asText()))).item();
        assertEquals("Trần Thị B", state.get("reporter").m().get("name").s());
        var upload = services.dynamoDb().getItem(b -> b.tableName(complaintsTable())
                .key(ComplaintKeys.uploadKey(uploadId))).item();
        assertEquals(receipt.get("id").asText(), upload.get("complaintId").s());
    }

    @Test
    void presignedUrl_acceptsOnlyTheSignedTypeAndLength() throws Exception {
        byte[] photo = sample("pothole.png");
        JsonNode slot = uploadSlot("image/png", photo.length);
        URI url = URI.create(slot.at("/upload/url").asText());

        String key = "incoming/" + slot.get("uploadId").asText();
        assertEquals(403, put(url, "image/jpeg", photo), "a different content type must break the signature");
        byte[] longer = java.util.Arrays.copyOf(photo, photo.length + 10);
        int status;
        try {
            status = put(url, "image/png", longer);
        } catch (java.io.IOException refusedMidUpload) {
            // A server may refuse by closing the connection before the body is sent.
            status = -1;
        }
        assertTrue(status == 403 || status == 400 || status == -1, "a different length must be refused, got " + status);
        assertEquals(0, services.s3().listObjectsV2(b -> b.bucket(deployment.bucketName("UploadsBucket")).prefix(key))
                .keyCount(), "a refused upload stores nothing");
        assertEquals(200, put(url, "image/png", photo));
        assertEquals(photo.length, services.s3().headObject(b -> b.bucket(deployment.bucketName("UploadsBucket"))
                .key(key)).contentLength());
    }

    @Test
    void badInput_neverAnswers5xx_andWritesNothing() throws Exception {
        String claimed = uploadPhoto(sample("pothole.jpg"), "image/jpeg");
        assertEquals(201, call(post("/v1/complaints", validBody(List.of(claimed)), Map.of())).getStatusCode());
        String notUploaded = uploadSlot("image/jpeg", 8347).get("uploadId").asText();

        long itemsBefore = itemCount();
        long objectsBefore = objectCount();
        List<String> bodies = List.of(
                "{not json",
                "[]",
                "{\"category\": 7}",
                "{\"category\": \"noise\", \"surprise\": true}",
                validBody(List.of()).replace("\"noise\"", "\"unheard-of\""),
                validBody(List.of()).replace("\"24-kinh-bac\"", "\"99-atlantis\""),
                validBody(List.of()).replace("Karaoke", "x".repeat(4001)),
                validBody(List.of("01KAAAAAAAAAAAAAAAAAAAAAAA", "01KAAAAAAAAAAAAAAAAAAAAAAB", "01KAAAAAAAAAAAAAAAAAAAAAAC",
                        "01KAAAAAAAAAAAAAAAAAAAAAAD", "01KAAAAAAAAAAAAAAAAAAAAAAE", "01KAAAAAAAAAAAAAAAAAAAAAAF")),
                validBody(List.of("01KAAAAAAAAAAAAAAAAAAAAAAA")),
                validBody(List.of("../../etc/passwd")),
                validBody(List.of(claimed)),
                validBody(List.of(notUploaded)),
                validBody(List.of()).replace("21.1861", "91.5"),
                "{\"description\": \"" + "y".repeat(100_000) + "\"}");
        for (String body : bodies) {
            APIGatewayV2HTTPResponse response = call(post("/v1/complaints", body, Map.of()));
            assertTrue(response.getStatusCode() >= 400 && response.getStatusCode() < 500,
                    response.getStatusCode() + " for " + body.substring(0, Math.min(80, body.length())));
            assertTrue(Json.read(response.getBody()).at("/error/code").isTextual());
        }
        for (String slot : List.of("{\"contentType\": \"image/gif\", \"contentLength\": 10}",
                "{\"contentType\": \"image/jpeg\", \"contentLength\": 10485761}",
                "{\"contentType\": \"image/jpeg\"}")) {
            assertEquals(400, call(post("/v1/uploads", slot, Map.of())).getStatusCode());
        }
        assertEquals(itemsBefore, itemCount(), "a refused request must not write any item");
        assertEquals(objectsBefore, objectCount(), "a refused request must not write any object");
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKey_createOneComplaint() throws Exception {
        String key = "concurrent-" + System.nanoTime();
        String body = validBody(List.of());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> call(post("/v1/complaints", body, Map.of("idempotency-key", key))));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(calls)) {
                assertEquals(201, f.get().getStatusCode(), f.get().getBody());
                ids.add(Json.read(f.get().getBody()).get("id").asText());
            }
            assertEquals(1, ids.size(), "every retry must get the same complaint");
            var items = services.dynamoDb().query(b -> b.tableName(complaintsTable())
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ComplaintKeys.complaintPk(ids.iterator().next()))))).items();
            assertEquals(1, items.stream().filter(i -> i.get("sk").s().startsWith("EVENT#")).count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void submissionWithKey_storesNoIdempotencyRecordAndNeitherTheKeyNorTheSecret() throws Exception {
        String key = "stored-" + System.nanoTime();
        JsonNode receipt = accepted(key);

        var track = services.dynamoDb().getItem(b -> b.tableName(complaintsTable())
                .key(ComplaintKeys.trackingKey(receipt.get("trackingCode").asText()))).item();
        assertEquals(receipt.get("id").asText(), track.get("complaintId").s());
        assertFalse(track.toString().contains(key), "the key is kept only as a keyed hash");
        assertFalse(track.toString().contains(receipt.get("citizenSecret").asText()));
        var everything = services.dynamoDb().scan(b -> b.tableName(complaintsTable())).items();
        assertTrue(everything.stream().noneMatch(i -> i.get("pk").s().startsWith("IDEM#")));
        assertTrue(everything.stream().noneMatch(i -> i.toString().contains(receipt.get("citizenSecret").asText())),
                "the secret is derived again for a replay, never stored");
    }

    @Test
    void firstAttemptStoppedAfterReservingItsCode_retryFinishesTheComplaint() throws Exception {
        String key = "stopped-" + System.nanoTime();
        IdempotencyKeys keys = new IdempotencyKeys(repository().idempotencySecret());
        String code = keys.trackingCode(key, 0);
        String id = Ids.newId(java.time.Instant.now());
        java.time.Instant firstSent = java.time.Instant.now().minus(java.time.Duration.ofMinutes(3));
        String fingerprint = CitizenApi.fingerprint(Json.read(validBody(List.of())));
        // What a first attempt leaves when its function stops right after reserving the code.
        services.dynamoDb().putItem(b -> b.tableName(complaintsTable()).item(Map.of(
                "pk", AttributeValue.fromS(ComplaintKeys.trackingPk(code)), "sk", AttributeValue.fromS("TRACK"),
                "complaintId", AttributeValue.fromS(id), "keyHash", AttributeValue.fromS(keys.keyHash(key)),
                "fingerprint", AttributeValue.fromS(fingerprint), "receivedAt", AttributeValue.fromS(firstSent.toString()))));

        JsonNode receipt = accepted(key);

        assertEquals(id, receipt.get("id").asText());
        assertEquals(code, receipt.get("trackingCode").asText());
        assertEquals(firstSent, java.time.Instant.parse(receipt.get("receivedAt").asText()));
        var history = repository().findByTrackingCode(code).orElseThrow();
        assertEquals(1, history.events().size());
        assertTrue(vn.pakn.domain.complaint.CitizenSecret.matches(receipt.get("citizenSecret").asText(),
                history.complaint().secretHash()));
        assertEquals(200, call(get(code)).getStatusCode());
    }

    @Test
    void firstAttemptStoppedBetweenTheComplaintAndItsFirstEvent_retryWritesTheEvent() throws Exception {
        String key = "half-" + System.nanoTime();
        JsonNode receipt = accepted(key);
        String id = receipt.get("id").asText();
        // A batch that landed in part, from a first attempt older than any function may run.
        services.dynamoDb().deleteItem(b -> b.tableName(complaintsTable())
                .key(ComplaintKeys.key(ComplaintKeys.complaintPk(id), ComplaintKeys.eventSk(1))));
        services.dynamoDb().updateItem(b -> b.tableName(complaintsTable())
                .key(ComplaintKeys.trackingKey(receipt.get("trackingCode").asText()))
                .updateExpression("SET receivedAt = :t").expressionAttributeValues(Map.of(":t",
                        AttributeValue.fromS(java.time.Instant.now().minus(java.time.Duration.ofMinutes(3)).toString()))));

        JsonNode retried = accepted(key);

        assertEquals(id, retried.get("id").asText());
        assertEquals(receipt.get("citizenSecret"), retried.get("citizenSecret"));
        var history = repository().findByTrackingCode(receipt.get("trackingCode").asText()).orElseThrow();
        assertEquals(1, history.events().size(), "the first event is back, once");
        assertEquals("RECEIVED", history.events().get(0).type());
    }

    @Test
    void retryOfSubmissionWithPhoto_getsTheFirstReceipt_thoughTheFirstClaimedThePhoto() throws Exception {
        String photo = uploadPhoto(sample("pothole.jpg"), "image/jpeg");
        Map<String, String> key = Map.of("idempotency-key", "photo-retry-" + System.nanoTime());
        APIGatewayV2HTTPResponse first = call(post("/v1/complaints", validBody(List.of(photo)), key));
        assertEquals(201, first.getStatusCode(), first.getBody());
        long items = itemCount();

        APIGatewayV2HTTPResponse again = call(post("/v1/complaints", validBody(List.of(photo)), key));

        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals(Json.read(first.getBody()).get("id"), Json.read(again.getBody()).get("id"));
        assertEquals(Json.read(first.getBody()).get("citizenSecret"), Json.read(again.getBody()).get("citizenSecret"));
        assertEquals(items, itemCount(), "a retry writes nothing");
    }

    @Test
    void logs_carryRequestIdsButNoReporterData() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Consumer<String> previous = Log.redirect(lines::add);
        try {
            call(post("/v1/complaints", validBody(List.of()), Map.of()));
            call(post("/v1/complaints", validBody(List.of()).replace("a@example.vn", "broken@"), Map.of()));
        } finally {
            Log.redirect(previous);
        }
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            // The whole number, spaced or not: "0912" alone turns up in nanosecond timestamps.
            assertFalse(line.contains("Nguyễn Văn A") || line.contains("0912 345 678") || line.contains("0912345678")
                    || line.contains("example.vn")
                    || line.contains("broken@") || line.contains("Karaoke"), line);
            assertTrue(Json.read(line).has("requestId"), line);
        }
    }

    @Test
    void snapStartPriming_writesNothing() {
        long items = itemCount();
        long objects = objectCount();
        handler.getApplicationContext().getBean(CitizenApiPriming.class).prime();
        assertEquals(items, itemCount());
        assertEquals(objects, objectCount());
    }

    // ---------------------------------------------------------------- helpers

    static String validBody(List<String> photos) {
        return """
                {"category": "noise", "description": "Karaoke sau 23 giờ mỗi đêm",
                 "location": {"lat": 21.1861, "lon": 106.0763}, "areaCode": "24-kinh-bac", "photos": %s,
                 "reporter": {"name": "Nguyễn Văn A", "phone": "0912 345 678", "email": "a@example.vn"},
                 "hideIdentity": true, "channel": "web"}""".formatted(Json.MAPPER.valueToTree(photos).toString());
    }

    static String uploadPhoto(byte[] bytes, String contentType) throws Exception {
        JsonNode slot = uploadSlot(contentType, bytes.length);
        assertEquals(200, put(URI.create(slot.at("/upload/url").asText()), contentType, bytes));
        return slot.get("uploadId").asText();
    }

    static JsonNode uploadSlot(String contentType, long length) throws Exception {
        APIGatewayV2HTTPResponse response = call(post("/v1/uploads",
                "{\"contentType\": \"%s\", \"contentLength\": %d}".formatted(contentType, length), Map.of()));
        assertEquals(201, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    static int put(URI url, String contentType, byte[] bytes) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static byte[] sample(String name) throws Exception {
        try (InputStream in = CitizenApiScenarios.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        Log.bind("test-" + System.nanoTime(), "CitizenApiFunction");
        return handler.handleRequest(event, null);
    }

    static APIGatewayV2HTTPEvent post(String path, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST " + path).withRawPath(path)
                .withHeaders(headers).withBody(body).build();
    }

    static APIGatewayV2HTTPEvent get(String trackingCode) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/complaints/{trackingCode}")
                .withRawPath("/v1/complaints/" + trackingCode).withHeaders(Map.of())
                .withPathParameters(Map.of("trackingCode", trackingCode)).build();
    }

    /** The receipt of a valid submission without photos under {@code key}, which must be accepted. */
    static JsonNode accepted(String key) throws Exception {
        APIGatewayV2HTTPResponse response = call(post("/v1/complaints", validBody(List.of()),
                Map.of("idempotency-key", key)));
        assertEquals(201, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    static vn.pakn.aws.dynamo.DynamoComplaintRepository repository() {
        return new vn.pakn.aws.dynamo.DynamoComplaintRepository(services.dynamoDb(), complaintsTable());
    }

    static String complaintsTable() {
        return deployment.tableName("ComplaintsTable");
    }

    static long itemCount() {
        return services.dynamoDb().scan(b -> b.tableName(complaintsTable()).select(Select.COUNT)).count();
    }

    static long objectCount() {
        return services.s3().listObjectsV2(b -> b.bucket(deployment.bucketName("UploadsBucket"))).keyCount();
    }
}
