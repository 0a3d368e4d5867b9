package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.pakn.aws.dynamo.ComplaintKeys;

/**
 * Intake through the whole local system (HTTP -> citizen API -> table -> stream -> relay -> intake
 * queue; upload -> bucket notification -> photo check), from a citizen's point of view.
 */
@ExtendWith(SharedLocalRuntime.class)
class IntakeEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start(LocalRuntime shared) {
        runtime = shared;
    }

    @Test
    void refusedRequests_leaveNoItemNoMessageNoObject() throws Exception {
        String claimed = upload("pothole.jpg", "image/jpeg");
        HttpResponse<String> first = post("/v1/complaints", body("roads", List.of(claimed)));
        assertEquals(201, first.statusCode(), first.body());
        String firstCode = JSON.readTree(first.body()).get("trackingCode").asText();
        await(() -> get("/v1/complaints/" + firstCode).contains("\"ASSIGNED\""), "the accepted complaint routed");
        String notUploaded = JSON.readTree(post("/v1/uploads",
                "{\"contentType\": \"image/png\", \"contentLength\": 3828}").body()).get("uploadId").asText();
        await(() -> allObjectsChecked(notUploaded), "the photo check of the first upload");

        // Routing and relaying of earlier complaints run in the background: count once they are done.
        awaitQuiet();
        long items = itemCount();
        long objects = objectCount("UploadsBucket") + objectCount("PhotosBucket");
        long agencyMessages = agencyMessages();
        List<String> refused = List.of(
                "{\"category\": \"roads\",",
                "{\"category\": [\"roads\"]}",
                "{\"category\": \"roads\", \"priority\": \"urgent\"}",
                body("unheard-of", List.of()),
                body("noise", List.of()).replace("24-kinh-bac", "24-atlantis"),
                body("noise", List.of()).replace("Ổ gà", "Ổ gà" + "!".repeat(4000)),
                body("noise", List.of(claimed)),
                body("noise", List.of(notUploaded)),
                body("noise", List.of("01KAAAAAAAAAAAAAAAAAAAAAAA")),
                body("noise", List.of("a", "b", "c", "d", "e", "f")),
                body("roads", List.of()),
                body("noise", List.of()).replace("106.07633", "181"),
                "{\"description\": \"" + "x".repeat(200_000) + "\"}");
        for (String request : refused) {
            HttpResponse<String> response = post("/v1/complaints", request);
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                    response.statusCode() + " " + response.body());
            JsonNode error = JSON.readTree(response.body()).get("error");
            assertFalse(error.at("/message/vi").asText().isBlank());
            assertFalse(error.at("/message/en").asText().isBlank());
        }
        for (String slot : List.of("{\"contentType\": \"image/gif\", \"contentLength\": 100}",
                "{\"contentType\": \"image/jpeg\", \"contentLength\": 20000000}")) {
            assertEquals(400, post("/v1/uploads", slot).statusCode());
        }
        // Give the stream, the relay and the bucket notifier time to act on anything that was written.
        runtime.triggerSchedule("OutboxSweeperFunction");
        Thread.sleep(1500);
        awaitQuiet();
        assertEquals(items, itemCount(), "no item");
        assertEquals(objects, objectCount("UploadsBucket") + objectCount("PhotosBucket"), "no object");
        assertEquals(0, visibleMessages(), "no queue message");
        assertEquals(agencyMessages, agencyMessages(), "no assignment message");
    }

    @Test
    void fileThatIsNotAnImage_isQuarantined_andCannotBeAttached() throws Exception {
        String uploadId = upload("not-an-image.jpg", "image/jpeg");
        // The check copies the file to quarantine before it records the outcome: wait for both.
        await(() -> runtime.services().s3().listObjectsV2(b -> b.bucket(runtime.deployment().bucketName("PhotosBucket"))
                .prefix("quarantine/" + uploadId)).keyCount() == 1 && "QUARANTINED".equals(uploadStatus(uploadId)),
                "the file in quarantine");
        HttpResponse<String> response = post("/v1/complaints", body("noise", List.of(uploadId)));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("upload_rejected", JSON.readTree(response.body()).at("/error/code").asText());
    }

    @Test
    void functionLogs_areJsonWithRequestIds_andNeverCarryReporterData() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String uploadId = upload("pothole.png", "image/png");
            assertEquals(201, post("/v1/complaints", body("roads", List.of(uploadId))).statusCode());
            assertEquals(400, post("/v1/complaints", body("roads", List.of()).replace("0912345678", "0")).statusCode());
            await(() -> captured.toString(StandardCharsets.UTF_8).contains("\"function\":\"PhotoCheckFunction\""),
                    "the photo check's log");
        } finally {
            System.setOut(original);
        }
        List<String> jsonLines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                jsonLines.add(line);
            }
        }
        assertFalse(jsonLines.isEmpty());
        for (String line : jsonLines) {
            JsonNode json = JSON.readTree(line);
            assertTrue(json.hasNonNull("requestId"), line);
            assertFalse(line.contains("Lê Thị C") || line.contains("0912345678") || line.contains("c@example.vn")
                    || line.contains("Ổ gà"), line);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String body(String category, List<String> photos) throws Exception {
        return """
                {"category": "%s", "description": "Ổ gà lớn trước số 12 đường Nguyễn Trãi",
                 "location": {"lat": 21.18614, "lon": 106.07633}, "areaCode": "24-kinh-bac", "photos": %s,
                 "reporter": {"name": "Lê Thị C", "phone": "0912345678", "email": "c@example.vn"},
                 "hideIdentity": false, "channel": "mobile"}""".formatted(category, JSON.writeValueAsString(photos));
    }

    private static String upload(String sample, String contentType) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("pakn.root", "../.."))
                .resolve("functions/citizen-api/src/test/resources/samples").resolve(sample));
        JsonNode slot = JSON.readTree(post("/v1/uploads",
                "{\"contentType\": \"%s\", \"contentLength\": %d}".formatted(contentType, bytes.length)).body());
        HttpResponse<Void> put = HTTP.send(HttpRequest.newBuilder(URI.create(slot.at("/upload/url").asText()))
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, put.statusCode());
        return slot.get("uploadId").asText();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiBaseUri() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiBaseUri() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static long visibleMessages() {
        String queue = runtime.deployment().queueUrl("IntakeQueue");
        var attributes = runtime.services().sqs().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** No upload is waiting for the photo check but the slot that never got a file, which stays PENDING. */
    private static boolean allObjectsChecked(String neverUploaded) {
        return runtime.services().dynamoDb().scan(b -> b.tableName(runtime.deployment().tableName("ComplaintsTable"))
                .filterExpression("#t = :u AND #s = :p AND pk <> :never")
                .expressionAttributeNames(Map.of("#t", "type", "#s", "status"))
                .expressionAttributeValues(Map.of(":u", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("upload"),
                        ":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PENDING"),
                        ":never", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                ComplaintKeys.uploadPk(neverUploaded))))
                .select(Select.COUNT)).count() == 0;
    }

    /** Until nothing is pending: no outbox item left, no complaint still waiting for the router. */
    private static void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> pending;
        while (!(pending = pending()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for routing and relaying to finish; still pending: " + pending);
            }
            Thread.sleep(100);
        }
    }

    private static List<String> pending() {
        return runtime.services().dynamoDb().scanPaginator(b -> b.tableName(runtime.deployment().tableName("ComplaintsTable"))
                // A complaint's state item, not an idempotency record (which keeps the receipt's status).
                .filterExpression("begins_with(sk, :o) OR (#s = :r AND sk = :state)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(
                        ":o", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("OUTBOX#"),
                        ":r", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RECEIVED"),
                        ":state", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(ComplaintKeys.STATE_SK))))
                .items().stream().map(item -> item.get("pk").s() + " " + item.get("sk").s()).toList();
    }

    private static String uploadStatus(String uploadId) {
        var item = runtime.services().dynamoDb().getItem(b -> b.tableName(runtime.deployment().tableName("ComplaintsTable"))
                .key(ComplaintKeys.uploadKey(uploadId))).item();
        return item.containsKey("status") ? item.get("status").s() : null;
    }

    /** Messages on every agency queue, visible or in flight. */
    private static long agencyMessages() {
        long total = 0;
        for (String url : runtime.services().sqs().listQueues(b -> b.queueNamePrefix("pakn-dev-agency-")).queueUrls()) {
            var attributes = runtime.services().sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            total += Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
        return total;
    }

    private static long itemCount() {
        return runtime.services().dynamoDb().scan(b -> b.tableName(runtime.deployment().tableName("ComplaintsTable"))
                .select(Select.COUNT)).count();
    }

    private static long objectCount(String bucket) {
        return runtime.services().s3().listObjectsV2(b -> b.bucket(runtime.deployment().bucketName(bucket))).keyCount();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
