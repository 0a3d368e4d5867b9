package vn.pakn.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.pakn.open311.Open311CatalogTest.assertError;
import static vn.pakn.open311.Responses.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;

/** GET Service Requests, GET Service Request and the token look-up, in both formats. */
class Open311RequestsTest extends Open311Fixture {
    private static final String A = "01KA0000000000000000000001";
    private static final String B = "01KA0000000000000000000002";
    private static final String C = "01KA0000000000000000000003";
    private static final String HIDDEN = "01KA0000000000000000000004";

    private JsonNode list(Map<String, String> query) throws Exception {
        var response = api.handle(get(Open311Api.ROOT, "/open311/v2/requests.json", "requests.json", query, Map.of()));
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Responses.json(response);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(r -> out.add(r.get("service_request_id").asText()));
        return out;
    }

    private void fourComplaints() {
        query.put(Open311Fixture.complaint(A, "noise", Status.IN_PROGRESS, NOW.minus(Duration.ofDays(2))));
        query.put(Open311Fixture.complaint(B, "roads", Status.RESOLVED, NOW.minus(Duration.ofDays(1))));
        query.put(Open311Fixture.complaint(C, "noise", Status.RECEIVED, NOW.minus(Duration.ofDays(100))));
        query.put(Open311Fixture.complaint(HIDDEN, "security", Status.ASSIGNED, NOW.minus(Duration.ofHours(3))));
    }

    @Test
    void withoutArguments_theLast90Days_newestFirst_withoutHiddenCategories() throws Exception {
        fourComplaints();
        assertEquals(List.of(B, A), ids(list(Map.of())));
        assertEquals(RequestList.MAX_RESULTS, query.lastLimit, "at most 1000 requests");
    }

    @Test
    void xmlList_hasOneRequestElementPerComplaint() throws Exception {
        fourComplaints();
        var response = api.handle(get(Open311Api.ROOT, "/open311/v2/requests.xml", "requests.xml"));
        assertEquals(200, response.getStatusCode());
        var doc = Responses.xml(response);
        assertEquals(List.of(B, A), Responses.xpathAll(doc, "/service_requests/request/service_request_id"));
        assertEquals(List.of("closed", "open"), Responses.xpathAll(doc, "/service_requests/request/status"));
    }

    @Test
    void emptyResult_isAnEmptyList_inBothFormats() throws Exception {
        assertEquals(0, list(Map.of()).size());
        var xml = Responses.xml(api.handle(get(Open311Api.ROOT, "/open311/v2/requests.xml", "requests.xml")));
        assertEquals("service_requests", xml.getDocumentElement().getNodeName());
        assertEquals(0, xml.getDocumentElement().getChildNodes().getLength());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status open             | status=open                                   | " + A,
            "status closed           | status=closed                                 | " + B,
            "both statuses           | status=open,closed                            | " + B + "," + A,
            "one service             | service_code=roads                            | " + B,
            "two services            | service_code=roads,noise                      | " + B + "," + A,
            "hidden service          | service_code=security                         | ",
            "start only: 90 days on  | start_date=2026-08-10T00:00:00+07:00          | " + C,
            "end only: 90 days back  | end_date=2026-11-21T00:00:00Z                 | " + A,
            "range, dates only       | start_date=2026-11-20&end_date=2026-11-21     | " + B + "," + A,
            "empty arguments ignored | status=&service_code=&start_date=&end_date=   | " + B + "," + A,
            "ids override the rest   | service_request_id=" + C + "," + A + "&status=closed | " + C + "," + A,
            "hidden id left out      | service_request_id=" + HIDDEN + "," + B + "   | " + B,
            "unknown id left out     | service_request_id=01KA0000000000000000000099 | "})
    void filters_asTheSpecDefinesThem(String name, String queryString, String expected) throws Exception {
        fourComplaints();
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (String pair : queryString.strip().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        List<String> want = expected == null ? List.of() : List.of(expected.strip().split(","));
        assertEquals(want, ids(list(query)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown status          | status=pending                                                 | status",
            "unknown service         | service_code=karaoke                                           | service_code",
            "not a date              | start_date=yesterday                                           | start_date",
            "no time zone            | end_date=2026-11-01T10:00:00                                   | end_date",
            "end before start        | start_date=2026-11-02T00:00:00Z&end_date=2026-11-01T00:00:00Z  | end_date",
            "more than 90 days       | start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z  | end_date"})
    void badArguments_are400NamingThem_inBothFormats(String name, String queryString, String argument)
            throws Exception {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (String pair : queryString.strip().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv[1]);
        }
        for (String ext : List.of("json", "xml")) {
            var response = api.handle(get(Open311Api.ROOT, "/open311/v2/requests." + ext, "requests." + ext, query,
                    Map.of()));
            assertEquals(400, response.getStatusCode(), response.getBody());
            assertError(response, ext, 400, argument);
        }
    }

    @Test
    void exactly90Days_isAllowed() throws Exception {
        list(Map.of("start_date", "2026-01-01T00:00:00Z", "end_date", "2026-04-01T00:00:00Z"));
    }

    @Test
    void oneRequest_carriesEveryPublicFieldInJson() throws Exception {
        fourComplaints();
        var response = api.handle(get(Open311Api.REQUEST, "/open311/v2/requests/" + A + ".json", A + ".json"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode r = Responses.json(response).get(0);
        assertEquals(A, r.get("service_request_id").asText());
        assertEquals("open", r.get("status").asText());
        assertEquals("Đang xử lý.", r.get("status_notes").asText());
        assertEquals("Tiếng ồn", r.get("service_name").asText());
        assertEquals("noise", r.get("service_code").asText());
        assertEquals("Ổ gà trước số 12", r.get("description").asText());
        assertEquals("UBND phường Kinh Bắc", r.get("agency_responsible").asText());
        assertTrue(r.get("service_notice").asText().contains("5 ngày làm việc"));
        assertEquals("2026-11-20T10:00:00+07:00", r.get("requested_datetime").asText());
        assertEquals("2026-11-20T11:00:00+07:00", r.get("updated_datetime").asText());
        assertEquals("2026-12-04T17:00:00+07:00", r.get("expected_datetime").asText(), "the resolve deadline");
        assertEquals("Phường Kinh Bắc, Tỉnh Bắc Ninh", r.get("address").asText());
        assertEquals(21.186, r.get("lat").asDouble(), "rounded to about 100 m");
        assertEquals(106.076, r.get("long").asDouble());
        assertTrue(r.get("media_url").isNull());
        assertTrue(r.get("zipcode").isNull() && r.get("address_id").isNull());
        assertNoPrivateData(response.getBody());
    }

    @Test
    void oneRequest_inXml_hasTheSameFields() throws Exception {
        fourComplaints();
        var response = api.handle(get(Open311Api.REQUEST, "/open311/v2/requests/" + B + ".xml", B + ".xml"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        var doc = Responses.xml(response);
        assertEquals(B, Responses.xpath(doc, "/service_requests/request/service_request_id"));
        assertEquals("closed", Responses.xpath(doc, "/service_requests/request/status"));
        assertEquals("Đã giải quyết: Đã vá ổ gà", Responses.xpath(doc, "/service_requests/request/status_notes"));
        assertEquals("UBND phường Kinh Bắc", Responses.xpath(doc, "/service_requests/request/agency_responsible"));
        assertEquals("21.186", Responses.xpath(doc, "/service_requests/request/lat"));
        assertEquals("2026-12-04T17:00:00+07:00", Responses.xpath(doc, "/service_requests/request/expected_datetime"));
        assertNoPrivateData(response.getBody());
    }

    private static void assertNoPrivateData(String body) {
        for (String secret : List.of("Trần Thị Bí Mật", "0912000111", "bimat@example.vn", "hash-of-secret",
                "21.186143", "106.076338", "TRAK-")) {
            assertFalse(body.contains(secret), secret + " must not be public: " + body);
        }
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void status_isClosedExactlyForResolvedRejectedAndClosed(Status status) throws Exception {
        query.put(Open311Fixture.complaint(A, "noise", status, NOW.minus(Duration.ofDays(1))));
        JsonNode r = list(Map.of()).get(0);
        boolean closed = status == Status.RESOLVED || status == Status.REJECTED || status == Status.CLOSED;
        assertEquals(closed ? "closed" : "open", r.get("status").asText());
        assertFalse(r.get("status_notes").asText().isBlank(), "the notes say where in pakn's lifecycle it is");
    }

    @Test
    void rejectedAsDuplicate_notesSayOfWhich() throws Exception {
        query.put(Open311Fixture.complaint(A, "noise", Status.REJECTED, NOW.minus(Duration.ofDays(1))));
        JsonNode r = list(Map.of("locale", "en")).get(0);
        assertEquals("Not handled: duplicate of 01KAAAAAAAAAAAAAAAAAAAAAAA.", r.get("status_notes").asText());
    }

    @Test
    void notYetRouted_hasNoAgencyNorDeadline() throws Exception {
        query.put(Open311Fixture.complaint(A, "noise", Status.RECEIVED, NOW.minus(Duration.ofDays(1))));
        JsonNode r = list(Map.of()).get(0);
        assertTrue(r.get("agency_responsible").isNull());
        assertTrue(r.get("expected_datetime").isNull());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unknown id,        01KA0000000000000000000099",
            "not an id at all,  ../../etc",
            "hidden category,   " + HIDDEN})
    void oneRequestThatIsNotPublic_is404InBothFormats(String name, String id) throws Exception {
        fourComplaints();
        for (String ext : List.of("json", "xml")) {
            var response = api.handle(get(Open311Api.REQUEST, "/open311/v2/requests/" + id + "." + ext,
                    id + "." + ext));
            assertEquals(404, response.getStatusCode());
            assertError(response, ext, 404, "service_request_id");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void token_isTheTrackingCode_andGivesTheId(String ext) throws Exception {
        var posted = Responses.json(api.handle(Responses.post("requests.json", validForm(), Map.of())));
        String id = posted.at("/0/service_request_id").asText();
        String code = complaints.byId.get(id).complaint().trackingCode();

        var response = api.handle(get(Open311Api.TOKEN, "/open311/v2/tokens/" + code.toLowerCase() + "." + ext,
                code.toLowerCase() + "." + ext));
        assertEquals(200, response.getStatusCode(), response.getBody());
        if (ext.equals("json")) {
            assertEquals(id, Responses.json(response).at("/0/service_request_id").asText());
            assertEquals(code, Responses.json(response).at("/0/token").asText());
        } else {
            var doc = Responses.xml(response);
            assertEquals(id, Responses.xpath(doc, "/service_requests/request/service_request_id"));
            assertEquals(code, Responses.xpath(doc, "/service_requests/request/token"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void unknownToken_is404(String ext) throws Exception {
        for (String token : List.of("ABCD-EFGH", "nonsense")) {
            var response = api.handle(get(Open311Api.TOKEN, "/open311/v2/tokens/" + token + "." + ext,
                    token + "." + ext));
            assertEquals(404, response.getStatusCode());
            assertError(response, ext, 404, "token");
        }
    }

    @Test
    void textThatXmlCannotCarry_isReplaced_andMarkupEscaped() throws Exception {
        Complaint c = Open311Fixture.complaint(A, "noise", Status.RECEIVED, NOW.minus(Duration.ofDays(1)));
        query.put(new Complaint(c.id(), c.trackingCode(), c.status(), c.version(), c.categoryCode(), c.areaCode(),
                c.location(), "<b>bold</b> & \u0001bell\u0007 \"quoted\" 🚧", c.photos(), c.reporter(),
                c.hideIdentity(), c.channel(), c.receivedAt(), c.updatedAt(), c.secretHash(), c.handling()));
        var doc = Responses.xml(api.handle(get(Open311Api.ROOT, "/open311/v2/requests.xml", "requests.xml")));
        assertEquals("<b>bold</b> & \uFFFDbell\uFFFD \"quoted\" 🚧",
                Responses.xpath(doc, "/service_requests/request/description"));
        assertEquals("<b>bold</b> & \u0001bell\u0007 \"quoted\" 🚧",
                list(Map.of()).at("/0/description").asText(), "JSON carries every character");
    }

    @Test
    void listsMayBeCached_submissionsAndErrorsNot() {
        var listed = api.handle(get(Open311Api.ROOT, "/open311/v2/requests.json", "requests.json"));
        assertEquals("public, max-age=60", listed.getHeaders().get("cache-control"));
        var error = api.handle(get(Open311Api.ROOT, "/open311/v2/requests.json", "requests.json",
                Map.of("status", "x"), Map.of()));
        assertEquals("no-store", error.getHeaders().get("cache-control"));
        var posted = api.handle(Responses.post("requests.json", validForm(), Map.of()));
        assertEquals("no-store", posted.getHeaders().get("cache-control"));
    }
}
