package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.sla.WorkingCalendar;
import vn.pakn.local.events.EventSettings;

/**
 * The public feed end to end through the local runtime: a citizen reports with a photo, the photo
 * check and the router do their work, the agency publishes the photo through its API, and anyone
 * then finds the complaint in the feed with a working link to the location-free copy, and nothing
 * about the reporter.
 */
class PublicFeedEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

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

    @Test
    void photoPublishedByTheAgency_showsInTheFeed_withAWorkingLink_andNoReporterData() throws Exception {
        String uploadId = upload();
        HttpResponse<String> submitted = send("POST", "/v1/complaints", null, """
                {"category": "roads", "description": "Ổ gà sâu trước cổng trường tiểu học",
                 "location": {"lat": 21.186143, "lon": 106.076337}, "areaCode": "24-kinh-bac",
                 "photos": ["%s"], "reporter": {"name": "Vũ Văn E", "phone": "0911222333", "email": "e@example.vn"},
                 "hideIdentity": true, "channel": "web"}""".formatted(uploadId));
        assertEquals(201, submitted.statusCode(), submitted.body());
        JsonNode receipt = JSON.readTree(submitted.body());
        String id = receipt.get("id").asText();
        String code = receipt.get("trackingCode").asText();
        JsonNode tracked = await(() -> track(code), t -> t.get("status").asText().equals("ASSIGNED")
                && t.at("/photos/0/status").asText().equals("ACCEPTED"), "routed, photo checked");
        String agencyId = tracked.at("/agency/id").asText();

        String today = LocalDate.now(WorkingCalendar.VIETNAM).toString();
        String feed = "/v1/public/complaints?category=roads&from=" + today + "&to=" + today;
        JsonNode before = await(() -> json(send("GET", feed, null, null)), f -> f.toString().contains(id),
                "in the feed while assigned");
        assertEquals(0, item(before, id).get("photos").size(), "no photo is public until the agency says so");

        String officer = DevToken.agency(runtime, agencyId, "can-bo-feed");
        HttpResponse<String> published = send("POST", "/v1/agency/complaints/" + id + "/actions/publish-photos",
                officer, "{\"uploadIds\": [\"" + uploadId + "\"], \"publishable\": true}");
        assertEquals(200, published.statusCode(), published.body());
        assertEquals("ASSIGNED", JSON.readTree(published.body()).get("status").asText());

        JsonNode listed = item(await(() -> json(send("GET", feed, null, null)),
                f -> item(f, id) != null && item(f, id).get("photos").size() == 1, "the photo in the list"), id);
        HttpResponse<String> viewed = send("GET", "/v1/public/complaints/" + id, null, null);
        assertEquals(200, viewed.statusCode(), viewed.body());
        assertEquals("public, max-age=60", viewed.headers().firstValue("cache-control").orElse(null));
        JsonNode view = JSON.readTree(viewed.body());
        assertEquals(21.186, view.at("/location/lat").asDouble(), 0);
        assertEquals("PHOTOS_VISIBILITY_CHANGED", view.at("/history/2/type").asText());

        byte[] publicCopy = runtime.services().s3().getObjectAsBytes(b -> b
                .bucket(runtime.deployment().bucketName("PhotosBucket")).key("public/" + uploadId + ".jpg")).asByteArray();
        for (JsonNode complaint : new JsonNode[] {listed, view}) {
            String url = complaint.at("/photos/0/url").asText();
            assertTrue(url.contains("/public/" + uploadId + ".jpg"), url);
            HttpResponse<byte[]> photo = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, photo.statusCode());
            assertArrayEquals(publicCopy, photo.body(), "the location-free copy, not the original");
            String text = complaint.toString();
            for (String personal : new String[] {"Vũ Văn E", "0911222333", "e@example.vn", code, "21.186143",
                    "can-bo-feed", receipt.get("citizenSecret").asText()}) {
                assertFalse(text.contains(personal), personal + " in " + text);
            }
        }
        assertTrue(track(code).at("/photos/0/public").asBoolean(), "the citizen sees that the photo is public");
    }

    // ---------------------------------------------------------------- helpers

    private static String upload() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("pakn.root", "../.."))
                .resolve("infra/seed/samples/pothole.jpg"));
        JsonNode slot = JSON.readTree(send("POST", "/v1/uploads", null,
                "{\"contentType\": \"image/jpeg\", \"contentLength\": " + bytes.length + "}").body());
        HttpResponse<Void> put = HTTP.send(HttpRequest.newBuilder(URI.create(slot.at("/upload/url").asText()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, put.statusCode());
        return slot.get("uploadId").asText();
    }

    private static JsonNode item(JsonNode page, String id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode track(String code) {
        return json(send("GET", "/v1/complaints/" + URLEncoder.encode(code, StandardCharsets.UTF_8), null, null));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.apiBaseUri() + path));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + value);
            }
            Thread.sleep(100);
            value = read.get();
        }
        return value;
    }
}
