package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public statistics through the local runtime: a complaint submitted over HTTP reaches the
 * figures through the stream aggregator, and GET /v1/public/stats answers openly (no token) with
 * cache headers, an ETag that yields 304, and uncached errors.
 */
@ExtendWith(SharedLocalRuntime.class)
class PublicStatsEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start(LocalRuntime shared) {
        runtime = shared;
    }

    @Test
    void submittedComplaint_countedInThePublicFigures_cacheableWithETag() throws Exception {
        // The runtime is shared with other classes: compare with the figures before this complaint.
        String path = "/v1/public/stats?category=noise&area=24-tu-son";
        HttpResponse<String> before = get(path);
        assertEquals(200, before.statusCode(), before.body());
        long receivedBefore = JSON.readTree(before.body()).at("/total/received").asLong();
        long openBefore = JSON.readTree(before.body()).at("/total/open").asLong();

        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"category": "noise", "description": "Karaoke sau 23 giờ mỗi tối", "areaCode": "24-tu-son",
                         "reporter": {"name": "Trần Thị E", "phone": "0987000222"}, "channel": "hotline"}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, submitted.statusCode(), submitted.body());

        HttpResponse<String> answer = awaitReceived(path, receivedBefore + 1);
        assertEquals("public, max-age=300", answer.headers().firstValue("cache-control").orElseThrow(),
                "the period reaches today");
        String etag = answer.headers().firstValue("etag").orElseThrow();
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(openBefore + 1, body.at("/total/open").asLong(), "still open: in the backlog");
        assertTrue(!answer.body().contains("Trần Thị E") && !answer.body().contains("0987000222"),
                "figures only, never the reporter");

        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri(path)).header("if-none-match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());

        YearMonth lastMonth = YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusMonths(1);
        HttpResponse<String> channels = get("/v1/public/stats?groupBy=channel&from=" + lastMonth.atDay(1)
                + "&to=" + lastMonth.atEndOfMonth());
        assertEquals(200, channels.statusCode(), channels.body());
        assertEquals("public, max-age=3600", channels.headers().firstValue("cache-control").orElseThrow(),
                "a closed past period");

        HttpResponse<String> bad = get("/v1/public/stats?agency=bn-triage&channel=web");
        assertEquals(400, bad.statusCode());
        assertEquals("no-store", bad.headers().firstValue("cache-control").orElseThrow());
        assertEquals("agency,channel", JSON.readTree(bad.body()).at("/error/field").asText());
    }

    /** The aggregator follows the stream; the figure appears within seconds. */
    private static HttpResponse<String> awaitReceived(String path, long received) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            assertEquals(200, last.statusCode(), last.body());
            if (JSON.readTree(last.body()).at("/total/received").asLong() == received) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("received never reached " + received + ": " + (last == null ? null : last.body()));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(runtime.apiBaseUri() + path);
    }
}
