package vn.pakn.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.pakn.open311.Responses.get;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * The Open311 function through its real handler, configured from template.yaml, on DynamoDB Local:
 * submissions through the real intake transaction, lists from the by-month index. Each test
 * reads a date range of its own (in the past) or complaints it created, so they do not interfere.
 */
class Open311IT {
    private static final String KEY = "it-open311-key-0001";
    private static LocalAwsServices services;
    private static Open311Handler handler;
    private static DynamoComplaintRepository repository;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        LocalDeployment deployment = demo.deployment();
        repository = new DynamoComplaintRepository(services.dynamoDb(), deployment.tableName("ComplaintsTable"));
        Map<String, String> env = new LinkedHashMap<>(deployment.functionEnvironment(template.function("Open311Function")));
        env.put("OPEN311_API_KEYS", ApiKeys.entryFor("it-client", KEY));
        handler = new Open311Handler(env);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        Log.bind("it-" + System.nanoTime(), "Open311Function");
        return handler.handleRequest(event, null);
    }

    private static JsonNode list(Map<String, String> query) throws Exception {
        var response = call(get(Open311Api.ROOT, "/open311/v2/requests.json", "requests.json", query, Map.of()));
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Responses.json(response);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(r -> out.add(r.get("service_request_id").asText()));
        return out;
    }

    /** Stored as the citizen API stores a complaint, at a chosen moment. */
    private static String stored(String category, Instant at) {
        String id = Ids.newId(at);
        Complaint c = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, "24-kinh-bac",
                new GeoPoint(21.186143, 106.076337), "Phản ánh thử nghiệm", List.of(),
                new Reporter("Lê Văn Riêng", "0987000222", null), false, Channel.WEB, at, at,
                CitizenSecret.hash("secret"));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), at, null);
        assertTrue(repository.create(new NewComplaint(c, first, List.of(), null)) instanceof CreateOutcome.Created);
        return id;
    }

    @Test
    void postedRequest_isStoredOnce_andReadBackByIdListAndToken() throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Open311Fixture.validForm());
        form.put("api_key", KEY);
        form.put("description", "Karaoke IT " + System.nanoTime());
        var posted = call(Responses.post("requests.xml", form, Map.of()));
        assertEquals(200, posted.getStatusCode(), posted.getBody());
        String id = Responses.xpath(Responses.xml(posted), "/service_requests/request/service_request_id");
        var again = call(Responses.post("requests.json", form, Map.of()));
        assertEquals(id, Responses.json(again).at("/0/service_request_id").asText(), "a retry, not a second complaint");

        var one = call(get(Open311Api.REQUEST, "/open311/v2/requests/" + id + ".json", id + ".json"));
        assertEquals(200, one.getStatusCode(), one.getBody());
        JsonNode r = Responses.json(one).get(0);
        assertEquals("open", r.get("status").asText());
        assertEquals(21.186, r.get("lat").asDouble());
        assertFalse(one.getBody().contains("Nguyễn") || one.getBody().contains("0912345678"));

        assertTrue(ids(list(Map.of())).contains(id), "today's list, from the index");
        assertTrue(ids(list(Map.of("service_request_id", id + ",01KA0000000000000000000099"))).contains(id));

        var history = repository.findById(id).orElseThrow();
        assertEquals(Channel.OPEN311, history.complaint().channel());
        String code = history.complaint().trackingCode();
        var token = call(get(Open311Api.TOKEN, "/open311/v2/tokens/" + code + ".json", code + ".json"));
        assertEquals(id, Responses.json(token).at("/0/service_request_id").asText());
    }

    @Test
    void dateRange_acrossMonthPartitions_newestFirst_filteredInTheQuery() throws Exception {
        String september = stored("noise", Instant.parse("2024-09-15T08:00:00Z"));
        String octoberEnd = stored("noise", Instant.parse("2024-10-31T23:30:00Z"));
        String novemberStart = stored("roads", Instant.parse("2024-11-01T00:30:00Z"));
        String hidden = stored("public-security", Instant.parse("2024-10-20T00:00:00Z"));
        String outside = stored("noise", Instant.parse("2024-11-20T00:00:00Z"));

        Map<String, String> range = Map.of("start_date", "2024-09-01T00:00:00+07:00",
                "end_date", "2024-11-02T00:00:00+07:00");
        assertEquals(List.of(novemberStart, octoberEnd, september), ids(list(range)));
        Map<String, String> noise = new LinkedHashMap<>(range);
        noise.put("service_code", "noise");
        assertEquals(List.of(octoberEnd, september), ids(list(noise)));
        Map<String, String> closed = new LinkedHashMap<>(range);
        closed.put("status", "closed");
        assertEquals(List.of(), ids(list(closed)));
        assertFalse(ids(list(range)).contains(hidden));
        assertFalse(ids(list(range)).contains(outside));
    }

    @Test
    void rangeEdges_areIncluded() throws Exception {
        String first = stored("noise", Instant.parse("2024-03-01T00:00:00Z"));
        String last = stored("noise", Instant.parse("2024-03-02T00:00:00Z"));
        assertEquals(List.of(last, first), ids(list(Map.of("start_date", "2024-03-01T00:00:00Z",
                "end_date", "2024-03-02T00:00:00Z"))));
    }
}
