package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.pakn.local.events.HttpApiRoute;

/**
 * The privacy promise of the brief, checked over every public output at once: every route of the
 * template that needs no token (found from the template, so a route added later is scanned too),
 * and every open-data file. Complaints carry distinctive reporter data, a private answer and
 * coordinates with seven decimals; none of it may appear anywhere, and no coordinate may be finer
 * than the rounded ~100 m.
 */
@ExtendWith(SharedLocalRuntime.class)
class PublicOutputsPrivacyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NAME = "Trần Thị Bí Mật";
    private static final String PHONE = "0913579246";
    private static final String EMAIL = "bi.mat.rieng@example.vn";
    private static final String PRIVATE_ANSWER = "Nhà tôi ở số 17 ngõ 42, gọi 0913579246";
    private static final double LAT = 21.1867234;
    private static final double LON = 106.0765412;
    private static LocalRuntime runtime;

    private static final List<String> complaintIds = new ArrayList<>();
    private static final List<String> trackingCodes = new ArrayList<>();
    private static final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void start(LocalRuntime shared) throws Exception {
        runtime = shared;
        // The runtime is shared with other classes: these two complaints are counted on top of theirs.
        long receivedBefore = JSON.readTree(get("/v1/public/stats").body()).at("/total/received").asLong();
        JsonNode open = submit("noise", "24-kinh-bac");
        JsonNode worked = submit("noise", "24-kinh-bac");
        awaitAssigned(worked.get("id").asText());
        String officer = DevToken.agency(runtime, "bn-ubnd-kinh-bac", "can-bo-kb");
        String id = worked.get("id").asText();
        String code = worked.get("trackingCode").asText();
        assertEquals(200, action(officer, id, "acknowledge", "{}").statusCode());
        assertEquals(200, action(officer, id, "request-info", "{\"question\": \"Xin cho biết vị trí cụ thể\"}").statusCode());
        HttpResponse<String> answered = citizen(code, "info", worked.get("citizenSecret").asText(),
                "{\"answer\": \"" + PRIVATE_ANSWER + "\"}");
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals(200, action(officer, id, "resolve", "{\"response\": \"Đã xử lý tiếng ồn\"}").statusCode());
        HttpResponse<String> closed = citizen(code, "confirm", worked.get("citizenSecret").asText(),
                "{\"rating\": 4, \"comment\": \"" + PRIVATE_ANSWER + "\"}");
        assertEquals(200, closed.statusCode(), closed.body());
        awaitAssigned(open.get("id").asText());
        awaitCounted(receivedBefore + 2);
    }

    @Test
    void everyPublicRouteAndOpenDataFile_carriesNoReporterDataSecretOrExactCoordinate() throws Exception {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (HttpApiRoute route : runtime.routes()) {
            if (route.authorizer() != null || !route.method().equals("GET")) {
                continue;
            }
            for (String path : concretePaths(route.path(), route)) {
                HttpResponse<String> response = get(path);
                assertTrue(response.statusCode() < 500, path + " answered " + response.statusCode());
                outputs.put("GET " + path, response.body());
            }
        }
        for (String path : List.of("/v1/public/complaints?limit=100", "/v1/public/complaints?area=24&status=CLOSED",
                "/v1/public/stats?groupBy=category", "/v1/public/stats?groupBy=area&area=24",
                "/v1/public/stats?groupBy=agency", "/v1/public/stats?groupBy=channel", "/v1/public/stats?groupBy=month",
                "/v1/public/stats?groupBy=category&area=24-kinh-bac")) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            outputs.put("GET " + path, response.body());
        }
        for (String file : openDataFiles()) {
            HttpResponse<String> response = get("/open-data/" + file);
            assertEquals(200, response.statusCode(), file);
            outputs.put("open data " + file, response.body());
        }
        assertTrue(outputs.keySet().stream().anyMatch(k -> k.contains("/v1/public/complaints")),
                "the public feed was scanned: " + outputs.keySet());
        assertTrue(outputs.keySet().stream().anyMatch(k -> k.contains("/v1/public/stats")),
                "the statistics were scanned: " + outputs.keySet());
        assertTrue(outputs.keySet().stream().anyMatch(k -> k.endsWith("complaints.csv")),
                "the row-level open data was scanned: " + outputs.keySet());

        List<String> leaks = new ArrayList<>();
        Pattern exact = Pattern.compile("(21\\.18672|106\\.07654|21\\.1867[0-9]|106\\.0765[0-9])");
        outputs.forEach((where, body) -> {
            for (String secret : forbidden(where)) {
                if (body.contains(secret)) {
                    leaks.add(where + " contains '" + secret + "'");
                }
            }
            Matcher m = exact.matcher(body);
            if (m.find()) {
                leaks.add(where + " contains the exact coordinate " + m.group());
            }
        });
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    /** Reporter data and private notes anywhere; the tracking code and secret outside the citizen's own view. */
    private static List<String> forbidden(String where) {
        List<String> out = new ArrayList<>(List.of(NAME, PHONE, EMAIL, PRIVATE_ANSWER, "Bí Mật", "bi.mat.rieng"));
        out.addAll(secrets);
        if (!where.contains("/v1/complaints/")) {
            out.addAll(trackingCodes);
        }
        return out;
    }

    /**
     * Each path parameter filled with every value a caller could know: complaint ids and tracking
     * codes; Open311's documents in both formats.
     */
    private static List<String> concretePaths(String template, HttpApiRoute route) {
        if (!template.contains("{")) {
            return List.of(template);
        }
        List<String> values = new ArrayList<>();
        if (template.startsWith("/open311/")) {
            List<String> names = template.endsWith("/services/{document}") ? List.of("noise")
                    : template.endsWith("/requests/{document}") ? complaintIds
                    : template.endsWith("/tokens/{document}") ? List.of()
                    : List.of("discovery", "services", "requests");
            for (String name : names) {
                values.add(name + ".json");
                values.add(name + ".xml");
            }
        } else {
            values.addAll(template.contains("{trackingCode}") ? trackingCodes : complaintIds);
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(template.replaceAll("\\{[^}]+}", v));
        }
        return out;
    }

    private static List<String> openDataFiles() {
        String bucket = runtime.deployment().bucketName("OpenDataBucket");
        List<String> files = new ArrayList<>();
        runtime.services().s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix("open-data/")).contents()
                .forEach(o -> files.add(o.key().substring("open-data/".length())));
        assertFalse(files.isEmpty(), "the open-data publisher wrote files");
        return files;
    }

    private static JsonNode submit(String category, String area) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"category": "%s", "description": "Hát karaoke sau nửa đêm", "areaCode": "%s",
                         "location": {"lat": %s, "lon": %s},
                         "reporter": {"name": "%s", "phone": "%s", "email": "%s"}, "channel": "mobile"}"""
                        .formatted(category, area, LAT, LON, NAME, PHONE, EMAIL))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        JsonNode receipt = JSON.readTree(response.body());
        complaintIds.add(receipt.get("id").asText());
        trackingCodes.add(receipt.get("trackingCode").asText());
        secrets.add(receipt.get("citizenSecret").asText());
        return receipt;
    }

    private static void awaitAssigned(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/v1/public/complaints/" + id);
            if (r.statusCode() == 200 && !JSON.readTree(r.body()).path("status").asText().equals("RECEIVED")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " was not routed within 30 s");
    }

    /** Statistics follow the stream; then the open-data publisher runs as its schedule would. */
    private static void awaitCounted(long received) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/v1/public/stats");
            if (r.statusCode() == 200 && JSON.readTree(r.body()).at("/total/received").asLong() >= received) {
                runtime.deployment().template().functions().stream().map(f -> f.logicalId())
                        .filter(f -> f.startsWith("OpenData")).forEach(runtime::triggerSchedule);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the statistics did not count " + received + " complaints within 30 s");
    }

    private static HttpResponse<String> action(String token, String id, String action, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/agency/complaints/" + id + "/actions/" + action))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> citizen(String code, String action, String secret, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints/" + code + "/" + action))
                .header("content-type", "application/json").header("x-citizen-secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(runtime.apiBaseUri() + path);
    }
}
