package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.pakn.domain.sla.WorkingCalendar;

/**
 * The agency workflow end to end through the local runtime, and what it shows the public: HTTP,
 * the real handlers, the real queues and streams. Nothing here calls a handler directly; every hop
 * is the product's own.
 */
@ExtendWith(SharedLocalRuntime.class)
class AgencyWorkflowEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start(LocalRuntime shared) {
        runtime = shared;
    }

    @Test
    void submitted_assigned_acknowledged_transferred_resolved_rated_closed() throws Exception {
        JsonNode receipt = submit("noise", "24-kinh-bac");
        String id = receipt.get("id").asText();
        String code = receipt.get("trackingCode").asText();

        JsonNode assigned = awaitMessage("bn-ubnd-kinh-bac", id);
        assertEquals("ASSIGNED", assigned.get("reason").asText());
        assertEquals("Phạm Văn D", assigned.at("/reporter/name").asText(), "the agency may call the citizen");
        assertEquals("ASSIGNED", track(code).get("status").asText());

        String kinhBac = DevToken.agency(runtime, "bn-ubnd-kinh-bac", "can-bo-kb");
        JsonNode inbox = JSON.readTree(agency("GET", "/v1/agency/complaints?status=ASSIGNED", kinhBac, null).body());
        assertTrue(inbox.toString().contains(id), "the complaint is in the commune's inbox");
        assertEquals(200, action(kinhBac, id, "acknowledge", "{}").statusCode());
        assertEquals(200, action(kinhBac, id, "transfer",
                "{\"toAgencyId\": \"bn-ubnd-tu-son\", \"reason\": \"Địa chỉ thuộc phường Từ Sơn\"}").statusCode());
        assertEquals(404, agency("GET", "/v1/agency/complaints/" + id, kinhBac, null).statusCode(),
                "after the transfer the first agency no longer sees it");

        JsonNode transferred = awaitMessage("bn-ubnd-tu-son", id);
        assertEquals("TRANSFERRED", transferred.get("reason").asText());
        assertEquals(1, transferred.get("transfers").asInt());

        String tuSon = DevToken.agency(runtime, "bn-ubnd-tu-son", "can-bo-ts");
        assertEquals(409, action(tuSon, id, "resolve", "{\"response\": \"x\"}").statusCode(), "not acknowledged yet");
        assertEquals(200, action(tuSon, id, "acknowledge", "{}").statusCode());
        assertEquals(200, action(tuSon, id, "start", "{}").statusCode());
        assertEquals(200, action(tuSon, id, "resolve",
                "{\"response\": \"Đã làm việc với chủ quán, cam kết không hát sau 22 giờ\"}").statusCode());

        assertEquals(403, citizen(code, "confirm", "wrong-secret", "{\"rating\": 5}").statusCode());
        HttpResponse<String> closed = citizen(code, "confirm", receipt.get("citizenSecret").asText(),
                "{\"rating\": 5, \"comment\": \"Cảm ơn\"}");
        assertEquals(200, closed.statusCode(), closed.body());

        JsonNode view = track(code);
        assertEquals("CLOSED", view.get("status").asText());
        assertEquals("Đã làm việc với chủ quán, cam kết không hát sau 22 giờ", view.get("response").asText());
        assertEquals(List.of("RECEIVED", "ASSIGNED", "ACKNOWLEDGED", "TRANSFERRED", "ACKNOWLEDGED", "STARTED",
                "RESOLVED", "CLOSED"), types(view));
        assertFalse(view.toString().contains("Phạm Văn D") || view.toString().contains("Cảm ơn"),
                "no reporter data and no private note in the public view");
    }

    @Test
    void resolved_butNotFixed_reopensAtTheSameAgency_thenEscalatesToTheParent() throws Exception {
        JsonNode receipt = submit("noise", "24-vu-ninh");
        String id = receipt.get("id").asText();
        String code = receipt.get("trackingCode").asText();
        awaitMessage("bn-ubnd-vu-ninh", id);

        String vuNinh = DevToken.agency(runtime, "bn-ubnd-vu-ninh", "can-bo-vn");
        assertEquals(200, action(vuNinh, id, "acknowledge", "{}").statusCode());
        assertEquals(200, action(vuNinh, id, "resolve", "{\"response\": \"Đã thu gom rác\"}").statusCode());

        HttpResponse<String> reopened = citizen(code, "reopen", receipt.get("citizenSecret").asText(),
                "{\"note\": \"Rác vẫn còn nguyên\"}");
        assertEquals(200, reopened.statusCode(), reopened.body());
        JsonNode again = awaitMessage("bn-ubnd-vu-ninh", id, "REOPENED");
        assertEquals(1, again.get("reopens").asInt());

        assertEquals(200, action(vuNinh, id, "escalate", "{\"reason\": \"Cần sự hỗ trợ của tỉnh\"}").statusCode());
        JsonNode escalated = awaitMessage("bn-triage", id, "ESCALATED");
        assertEquals("bn-triage", escalated.get("agencyId").asText());

        JsonNode view = track(code);
        assertEquals("ASSIGNED", view.get("status").asText());
        assertEquals("bn-triage", view.at("/agency/id").asText());
        assertEquals(List.of("RECEIVED", "ASSIGNED", "ACKNOWLEDGED", "RESOLVED", "REOPENED", "ESCALATED"), types(view));
    }

    /**
     * The public feed: the photo check and the router do their work, the agency publishes the photo
     * through its API, and anyone then finds the complaint with a working link to the location-free
     * copy, and nothing about the reporter.
     */
    @Test
    void photoPublishedByTheAgency_showsInThePublicFeed_withAWorkingLink_andNoReporterData() throws Exception {
        String uploadId = upload("infra/seed/samples/pothole.jpg");
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"category": "roads", "description": "Ổ gà sâu trước cổng trường tiểu học",
                         "location": {"lat": 21.186143, "lon": 106.076337}, "areaCode": "24-kinh-bac",
                         "photos": ["%s"], "reporter": {"name": "Vũ Văn E", "phone": "0911222333", "email": "e@example.vn"},
                         "hideIdentity": true, "channel": "web"}""".formatted(uploadId))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, submitted.statusCode(), submitted.body());
        JsonNode receipt = JSON.readTree(submitted.body());
        String id = receipt.get("id").asText();
        String code = receipt.get("trackingCode").asText();
        JsonNode tracked = Await.until(() -> track(code), t -> t.get("status").asText().equals("ASSIGNED")
                && t.at("/photos/0/status").asText().equals("ACCEPTED"), "routed, photo checked");

        // The day it was received, not the day now: routing may finish after midnight in Vietnam.
        String receivedDay = Instant.parse(receipt.get("receivedAt").asText()).atZone(WorkingCalendar.VIETNAM)
                .toLocalDate().toString();
        String feed = "/v1/public/complaints?category=roads&from=" + receivedDay + "&to=" + receivedDay;
        JsonNode before = Await.until(() -> publicGet(feed), f -> feedItem(f, id) != null, "in the feed while assigned");
        assertEquals(0, feedItem(before, id).get("photos").size(), "no photo is public until the agency says so");

        String officer = DevToken.agency(runtime, tracked.at("/agency/id").asText(), "can-bo-feed");
        HttpResponse<String> published = action(officer, id, "publish-photos",
                "{\"uploadIds\": [\"" + uploadId + "\"], \"publishable\": true}");
        assertEquals(200, published.statusCode(), published.body());
        assertEquals("ASSIGNED", JSON.readTree(published.body()).get("status").asText());

        JsonNode listed = feedItem(Await.until(() -> publicGet(feed),
                f -> feedItem(f, id) != null && feedItem(f, id).get("photos").size() == 1, "the photo in the list"), id);
        HttpResponse<String> viewed = HTTP.send(HttpRequest.newBuilder(uri("/v1/public/complaints/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viewed.statusCode(), viewed.body());
        assertEquals("public, max-age=60", viewed.headers().firstValue("cache-control").orElse(null));
        JsonNode view = JSON.readTree(viewed.body());
        assertEquals(21.186, view.at("/location/lat").asDouble(), 0);
        assertEquals("PHOTOS_VISIBILITY_CHANGED", view.at("/history/2/type").asText());

        byte[] publicCopy = runtime.services().s3().getObjectAsBytes(b -> b
                .bucket(runtime.deployment().bucketName("PhotosBucket")).key("public/" + uploadId + ".jpg")).asByteArray();
        for (JsonNode complaint : List.of(listed, view)) {
            String url = complaint.at("/photos/0/url").asText();
            assertTrue(url.contains("/public/" + uploadId + ".jpg"), url);
            HttpResponse<byte[]> photo = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, photo.statusCode());
            assertArrayEquals(publicCopy, photo.body(), "the location-free copy, not the original");
            for (String personal : List.of("Vũ Văn E", "0911222333", "e@example.vn", code, "21.186143",
                    "can-bo-feed", receipt.get("citizenSecret").asText())) {
                assertFalse(complaint.toString().contains(personal), personal + " in " + complaint);
            }
        }
        assertTrue(track(code).at("/photos/0/public").asBoolean(), "the citizen sees that the photo is public");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode submit(String category, String area) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"category": "%s", "description": "Phản ánh thử nghiệm đầu cuối", "areaCode": "%s",
                         "reporter": {"name": "Phạm Văn D", "phone": "0987000111"}, "channel": "mobile"}"""
                        .formatted(category, area))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode track(String code) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints/" + code)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static List<String> types(JsonNode view) {
        List<String> types = new ArrayList<>();
        view.get("history").forEach(h -> types.add(h.get("type").asText()));
        return types;
    }

    private static HttpResponse<String> action(String token, String id, String action, String body) throws Exception {
        return agency("POST", "/v1/agency/complaints/" + id + "/actions/" + action, token, body);
    }

    private static HttpResponse<String> agency(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> citizen(String code, String action, String secret, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints/" + code + "/" + action))
                .header("content-type", "application/json").header("x-citizen-secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitMessage(String agencyId, String complaintId) throws Exception {
        return awaitMessage(agencyId, complaintId, null);
    }

    /** Reads the agency's own queue as an agency would, until the complaint's message arrives. */
    private static JsonNode awaitMessage(String agencyId, String complaintId, String reason) throws Exception {
        String queue = runtime.services().sqs().getQueueUrl(b -> b.queueName("pakn-dev-agency-" + agencyId)).queueUrl();
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (var m : runtime.services().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                runtime.services().sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                JsonNode body = JSON.readTree(m.body());
                seen.add(body);
                if (body.get("complaintId").asText().equals(complaintId)
                        && (reason == null || reason.equals(body.get("reason").asText()))) {
                    return body;
                }
            }
        }
        throw new AssertionError("no " + (reason == null ? "" : reason + " ") + "message for " + complaintId
                + " on " + agencyId + "'s queue; saw " + seen);
    }

    private static String upload(String sample) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("pakn.root", "../..")).resolve(sample));
        JsonNode slot = JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri("/v1/uploads"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"contentType\": \"image/jpeg\", \"contentLength\": " + bytes.length + "}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<Void> put = HTTP.send(HttpRequest.newBuilder(URI.create(slot.at("/upload/url").asText()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, put.statusCode());
        return slot.get("uploadId").asText();
    }

    private static JsonNode publicGet(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode feedItem(JsonNode page, String id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static URI uri(String path) {
        return URI.create(runtime.apiBaseUri() + path);
    }
}
