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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The open-data files through the local runtime's HTTP port, as the public reads them from the
 * bucket in AWS: written once at start, refreshed by the publisher's schedule, redacted.
 */
@ExtendWith(SharedLocalRuntime.class)
class OpenDataEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start(LocalRuntime shared) {
        runtime = shared;
    }

    @Test
    void filesExistFromTheStart_andARefreshCarriesANewComplaint_redacted() throws Exception {
        HttpResponse<byte[]> first = awaitFile("/open-data/datapackage.json");
        // (s3proxy may drop the space before charset; S3 keeps the type as stored)
        assertEquals("application/json;charset=utf-8", contentType(first));

        HttpResponse<String> receipt = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"category": "noise", "description": "Karaoke, loa kéo ồn ào sau 23 giờ",
                         "location": {"lat": 21.18614, "lon": 106.07633}, "areaCode": "24-kinh-bac",
                         "reporter": {"name": "Phạm Văn D", "phone": "0987000111", "email": "d.pham@example.vn"},
                         "channel": "mobile"}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, receipt.statusCode(), receipt.body());
        JsonNode submitted = JSON.readTree(receipt.body());

        runtime.triggerSchedule("OpenDataFunction");

        HttpResponse<byte[]> csvResponse = get("/open-data/complaints.csv");
        assertEquals(200, csvResponse.statusCode());
        assertEquals("text/csv;charset=utf-8", contentType(csvResponse));
        String csv = new String(csvResponse.body(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFid,created,"), csv);
        String row = Arrays.stream(csv.split("\r\n")).filter(l -> l.startsWith(submitted.get("id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no row for the complaint in\n" + csv));
        assertTrue(row.contains("Karaoke"), row);
        assertTrue(row.endsWith(",21.186,106.076"), "rounded to about 100 m: " + row);
        for (String personal : List.of("Phạm Văn D", "0987000111", "d.pham@example.vn",
                submitted.get("trackingCode").asText(), "21.18614")) {
            assertFalse(csv.contains(personal), personal + " must not be published");
        }

        JsonNode pkg = JSON.readTree(get("/open-data/datapackage.json").body());
        List<String> fields = new ArrayList<>();
        pkg.at("/resources/0/schema/fields").forEach(f -> fields.add(f.get("name").asText()));
        assertEquals(Arrays.asList(csv.substring(1, csv.indexOf("\r\n")).split(",")), fields);
        assertEquals(csvResponse.body().length, pkg.at("/resources/0/bytes").asLong());
    }

    @Test
    void missingFiles_andPathsOutsideTheOpenData_answer404_andWritesAre405() throws Exception {
        assertEquals(404, get("/open-data/nothing-here.csv").statusCode());
        assertEquals(404, get("/open-data/%2e%2e/template.yaml").statusCode());
        assertEquals(404, get("/open-data/").statusCode());
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/open-data/complaints.csv"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
    }

    @Test
    void startupSummary_saysWhereTheFilesAre() {
        String summary = StartupSummary.render(runtime, Map.of());
        assertTrue(summary.contains("curl " + runtime.apiBaseUri() + "/open-data/complaints.csv"), summary);
        assertTrue(summary.contains("cron(30 18 * * ? *) (UTC); refresh now: trigger OpenDataFunction"), summary);
    }

    private static HttpResponse<byte[]> awaitFile(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<byte[]> response = get(path);
            if (response.statusCode() == 200 || System.nanoTime() > deadline) {
                assertEquals(200, response.statusCode(), "the publisher runs once at start");
                return response;
            }
            Thread.sleep(200);
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("content-type").orElse("").replace(" ", "");
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(String path) {
        return URI.create(runtime.apiBaseUri() + path);
    }
}
