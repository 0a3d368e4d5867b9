package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import vn.pakn.aws.stats.DynamoStatsReader;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsContribution;

/**
 * Open311 end to end through the local runtime: a GeoReport v2 client posts a form over HTTP,
 * and the complaint is routed to its commune's queue, counted under the open311 channel, and
 * read back in both formats and through the citizen API. Every hop is the product's own.
 */
@ExtendWith(SharedLocalRuntime.class)
class Open311EndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start(LocalRuntime shared) {
        runtime = shared;
    }

    @Test
    void postedThroughOpen311_isRoutedCountedAndReadableEverywhere() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", LocalOpen311.DEV_API_KEY);
        form.put("service_code", "noise");
        form.put("address_string", "Số 12 Nguyễn Trãi, phường Kinh Bắc, Bắc Ninh");
        form.put("lat", "21.186143");
        form.put("long", "106.076337");
        form.put("description", "Karaoke sau 23 giờ, gửi qua Open311");
        form.put("first_name", "Văn E");
        form.put("last_name", "Đỗ");
        form.put("phone", "0987000333");

        HttpResponse<String> posted = post("/open311/v2/requests.json", form);
        assertEquals(200, posted.statusCode(), posted.body());
        String id = JSON.readTree(posted.body()).at("/0/service_request_id").asText();

        JsonNode assigned = awaitMessage("bn-ubnd-kinh-bac", id);
        assertEquals("Đỗ Văn E", assigned.at("/reporter/name").asText(), "the agency may call the reporter");
        assertEquals("open311", assigned.get("channel").asText(""), "the channel travels with the complaint");

        JsonNode one = JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertEquals("open", one.get("status").asText());
        assertEquals("UBND phường Kinh Bắc", one.get("agency_responsible").asText());
        assertFalse(one.get("expected_datetime").isNull(), "the deadline set at assignment");
        assertTrue(one.get("expected_datetime").asText().endsWith("+07:00"));
        assertEquals("Phường Kinh Bắc, Tỉnh Bắc Ninh", one.get("address").asText());

        HttpResponse<String> xml = get("/open311/v2/requests/" + id + ".xml");
        assertEquals("text/xml; charset=utf-8", xml.headers().firstValue("content-type").orElse(""));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)));
        var xpath = XPathFactory.newInstance().newXPath();
        assertEquals("open", xpath.evaluate("/service_requests/request/status", doc));
        assertEquals(one.get("agency_responsible").asText(),
                xpath.evaluate("/service_requests/request/agency_responsible", doc));
        for (String body : List.of(xml.body(), one.toString())) {
            assertFalse(body.contains("Đỗ Văn E") || body.contains("0987000333") || body.contains("21.186143")
                    || body.contains("Nguyễn Trãi"), "no reporter data, exact place or address text in public: " + body);
        }

        String listed = get("/open311/v2/requests.json?service_code=noise&status=open").body();
        assertTrue(listed.contains(id), listed);

        String code = JSON.readTree(get("/open311/v2/tokens/" + trackingCode(posted) + ".json").body())
                .at("/0/token").asText();
        JsonNode tracked = JSON.readTree(get("/v1/complaints/" + code).body());
        assertEquals("ASSIGNED", tracked.get("status").asText(), "the citizen API shows the same complaint");

        awaitCountedUnderOpen311();
    }

    @Test
    void withoutTheKey_nothingIsAccepted() throws Exception {
        Map<String, String> form = Map.of("service_code", "noise", "lat", "21.18", "long", "106.07",
                "description", "x", "api_key", "wrong");
        HttpResponse<String> refused = post("/open311/v2/requests.xml", form);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("<code>403</code>"), refused.body());
    }

    /** The tracking code is in the notice the client got; the token endpoint takes it. */
    private static String trackingCode(HttpResponse<String> posted) throws Exception {
        String notice = JSON.readTree(posted.body()).at("/0/service_notice").asText();
        return notice.replaceAll(".*: ([A-Z0-9]{4}-[A-Z0-9]{4}) .*", "$1");
    }

    private static void awaitCountedUnderOpen311() throws Exception {
        DynamoStatsReader stats = new DynamoStatsReader(runtime.services().dynamoDb(),
                runtime.deployment().tableName("StatsTable"));
        LocalDate today = LocalDate.now(StatsContribution.ZONE);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long received = stats.flows(Grouping.CHANNEL, "open311", today.minusDays(1), today.plusDays(1))
                    .get(StatsContribution.RECEIVED);
            if (received != null && received >= 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the complaint was never counted under the open311 channel");
    }

    private static HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(uri(path))
                .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the agency's own queue as an agency would, until the complaint's message arrives. */
    private static JsonNode awaitMessage(String agencyId, String complaintId) throws Exception {
        String queue = runtime.services().sqs().getQueueUrl(b -> b.queueName("pakn-dev-agency-" + agencyId)).queueUrl();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (var m : runtime.services().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                runtime.services().sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                JsonNode body = JSON.readTree(m.body());
                if (body.get("complaintId").asText().equals(complaintId)) {
                    return body;
                }
            }
        }
        throw new AssertionError("no message for " + complaintId + " on " + agencyId + "'s queue");
    }

    private static URI uri(String path) {
        return URI.create(runtime.apiBaseUri() + path);
    }
}
