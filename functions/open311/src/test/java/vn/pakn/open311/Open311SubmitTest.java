package vn.pakn.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.pakn.open311.Open311CatalogTest.assertError;
import static vn.pakn.open311.Responses.post;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.intake.ComplaintHistory;

/** POST Service Request: a normal complaint through the one intake, in both formats, and every refusal. */
class Open311SubmitTest extends Open311Fixture {
    private final List<String> logLines = new ArrayList<>();
    private final Consumer<String> previousSink = Log.redirect(logLines::add);

    @AfterEach
    void restoreLog() {
        Log.redirect(previousSink);
    }

    private ComplaintHistory only() {
        assertEquals(1, complaints.byId.size());
        return complaints.byId.values().iterator().next();
    }

    @Test
    void json_createsAnOpen311ComplaintAndAnswersItsIdAndNotice() throws Exception {
        var response = api.handle(post("requests.json", validForm(), Map.of()));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        var body = Responses.json(response);
        assertTrue(body.isArray());
        Complaint c = only().complaint();
        assertEquals(c.id(), body.at("/0/service_request_id").asText(), "the id is a string, the complaint's own");
        assertTrue(body.at("/0/service_request_id").isTextual());
        assertTrue(body.at("/0/account_id").isNull());
        assertFalse(body.at("/0").has("token"), "never a token together with the id");
        String notice = body.at("/0/service_notice").asText();
        assertTrue(notice.contains("5 ngày làm việc") && notice.contains(c.trackingCode()), notice);

        assertEquals(Status.RECEIVED, c.status());
        assertEquals(Channel.OPEN311, c.channel());
        assertEquals("noise", c.categoryCode());
        assertEquals(21.186143, c.location().lat());
        assertEquals("Nguyễn Văn A", c.reporter().name(), "family name first, as Vietnamese names are written");
        assertEquals("0912345678", c.reporter().phone());
        assertTrue(c.hideIdentity(), "GeoReport cannot ask, so the reporter is not named publicly");
        String note = only().events().get(0).privateNote();
        assertTrue(note.contains("Open311: " + CLIENT) && note.contains("device_id: device-42"), note);
        assertNull(only().events().get(0).note());
    }

    @Test
    void xml_answersTheSameInXml() throws Exception {
        var response = api.handle(post("requests.xml", validForm(), Map.of()));

        assertEquals(200, response.getStatusCode(), response.getBody());
        var doc = Responses.xml(response);
        assertEquals(only().complaint().id(), Responses.xpath(doc, "/service_requests/request/service_request_id"));
        assertEquals("", Responses.xpath(doc, "/service_requests/request/account_id"));
        assertFalse(Responses.xpath(doc, "/service_requests/request/service_notice").isBlank());
    }

    @Test
    void secretInTheNotice_provesTheReporterLater() throws Exception {
        var body = Responses.json(api.handle(post("requests.json", validForm(), Map.of())));
        String notice = body.at("/0/service_notice").asText();
        String secret = notice.replaceAll(".*: ([A-Za-z0-9_-]{20,}) \\(.*", "$1");
        assertTrue(vn.pakn.domain.complaint.CitizenSecret.matches(secret, only().complaint().secretHash()), notice);
        assertTrue(logLines.stream().noneMatch(l -> l.contains(secret) || l.contains("Nguyễn") || l.contains("0912345678")),
                "neither the secret nor reporter data reach the logs: " + logLines);
    }

    @Test
    void lambdaEventJson_withBase64FormBody_isRead() throws Exception {
        APIGatewayV2HTTPEvent event;
        try (InputStream in = getClass().getResourceAsStream("/events/post-request-xml.json")) {
            event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                    .fromJson(in);
        }
        var response = api.handle(event);

        assertEquals(200, response.getStatusCode(), response.getBody());
        Complaint c = only().complaint();
        assertEquals("24-kinh-bac", c.areaCode(), "the ward named in address_string");
        assertNull(c.location());
        assertTrue(only().events().get(0).privateNote().contains("address_string: Số 12 Nguyễn Trãi"),
                "the address as typed is for the agency only");
    }

    @Test
    void sameFormSentAgain_isARetry_answeredWithTheFirstId() throws Exception {
        var first = Responses.json(api.handle(post("requests.json", validForm(), Map.of())));
        var again = Responses.xml(api.handle(post("requests.xml", validForm(), Map.of())));
        assertEquals(1, complaints.byId.size());
        assertEquals(first.at("/0/service_request_id").asText(),
                Responses.xpath(again, "/service_requests/request/service_request_id"));
    }

    @Test
    void sameFormFromAnotherClient_isAnotherComplaint() {
        api.handle(post("requests.json", validForm(), Map.of()));
        Map<String, String> other = validForm();
        other.put("api_key", "other-key-9");
        assertEquals(200, api.handle(post("requests.json", other, Map.of())).getStatusCode());
        assertEquals(2, complaints.byId.size(), "one client's retry key never answers another client");
    }

    @Test
    void idempotencyKeyReusedForAnotherForm_is400AndWritesNothingMore() throws Exception {
        Map<String, String> header = Map.of("idempotency-key", "client-retry-0001");
        assertEquals(200, api.handle(post("requests.json", validForm(), header)).getStatusCode());
        Map<String, String> changed = validForm();
        changed.put("description", "Một phản ánh khác");
        var response = api.handle(post("requests.json", changed, header));
        assertEquals(400, response.getStatusCode());
        assertError(response, "json", 400, "Idempotency-Key");
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void idempotencyKey_of64Characters_isTheLongestTaken() throws Exception {
        assertEquals(200, api.handle(post("requests.json", validForm(),
                Map.of("idempotency-key", "k".repeat(64)))).getStatusCode());
        var response = api.handle(post("requests.json", validForm(), Map.of("idempotency-key", "k".repeat(65))));
        assertEquals(400, response.getStatusCode());
        assertError(response, "json", 400, "Idempotency-Key");
    }

    @Test
    void mediaUrl_satisfiesAPhotoCategory_andIsKeptForTheAgencyOnly() {
        Map<String, String> form = validForm();
        form.put("service_code", "roads");
        form.put("media_url", "https://photos.example.org/p/123.jpg");
        assertEquals(200, api.handle(post("requests.json", form, Map.of())).getStatusCode());
        var history = only();
        assertTrue(history.complaint().photos().isEmpty());
        assertTrue(history.events().get(0).privateNote().contains("media: https://photos.example.org/p/123.jpg"));
    }

    @Test
    void attributeArea_placesTheReportWithoutCoordinates() {
        Map<String, String> form = validForm();
        form.remove("lat");
        form.remove("long");
        form.put("attribute[area]", "24-tu-son");
        assertEquals(200, api.handle(post("requests.json", form, Map.of())).getStatusCode());
        assertEquals("24-tu-son", only().complaint().areaCode());
    }

    @Test
    void emptyOptionalArguments_areTheSameAsAbsentOnes() {
        Map<String, String> form = validForm();
        form.put("email", "");
        form.put("address_string", "");
        form.put("media_url", "");
        form.put("jurisdiction_id", "");
        assertEquals(200, api.handle(post("requests.json", form, Map.of())).getStatusCode());
        assertNull(only().complaint().reporter().email());
    }

    static List<Arguments> refusals() {
        return List.of(
                bad("no api_key", f -> f.remove("api_key"), 403, null),
                bad("wrong api_key", f -> f.put("api_key", "guess"), 403, null),
                bad("no service_code", f -> f.remove("service_code"), 400, "service_code"),
                bad("unknown service_code", f -> f.put("service_code", "karaoke"), 404, "service_code"),
                bad("lat without long", f -> f.remove("long"), 400, "long"),
                bad("lat beyond 90", f -> f.put("lat", "91"), 400, "lat"),
                bad("long beyond 180", f -> f.put("long", "-180.5"), 400, "long"),
                bad("lat not a number", f -> f.put("lat", "north"), 400, "lat"),
                bad("no location at all", f -> { f.remove("lat"); f.remove("long"); }, 400, "lat"),
                bad("address naming no area", f -> { f.remove("lat"); f.remove("long");
                    f.put("address_string", "Số 5 phố Huế, Hà Nội"); }, 400, "address_string"),
                bad("address_id only", f -> { f.remove("lat"); f.remove("long"); f.put("address_id", "A-1"); },
                        400, "address_id"),
                bad("unknown area", f -> f.put("attribute[area]", "99-nowhere"), 400, "attribute[area]"),
                bad("undeclared attribute", f -> f.put("attribute[colour]", "red"), 400, "attribute[colour]"),
                bad("list syntax on a single value", f -> f.put("attribute[area][]", "24-kinh-bac"), 400,
                        "attribute[area][]"),
                bad("unknown parameter", f -> f.put("colour", "red"), 400, "colour"),
                bad("no description", f -> f.remove("description"), 400, "description"),
                bad("description over 4000", f -> f.put("description", "x".repeat(4001)), 400, "description"),
                bad("photo category without media", f -> f.put("service_code", "roads"), 400, "media_url"),
                bad("media_url not http", f -> f.put("media_url", "file:///etc/passwd"), 400, "media_url"),
                bad("bad phone", f -> f.put("phone", "call me"), 400, "phone"),
                bad("bad email", f -> f.put("email", "nobody"), 400, "email"));
    }

    private static Arguments bad(String name, Consumer<Map<String, String>> change, int status, String argument) {
        return Arguments.of(name, change, status, argument);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedInJson_withTheSpecsStatusAndNothingWritten(String name, Consumer<Map<String, String>> change,
                                                          int status, String argument) throws Exception {
        refused("json", change, status, argument);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedInXml_withTheSpecsStatusAndNothingWritten(String name, Consumer<Map<String, String>> change,
                                                         int status, String argument) throws Exception {
        refused("xml", change, status, argument);
    }

    private void refused(String ext, Consumer<Map<String, String>> change, int status, String argument)
            throws Exception {
        Map<String, String> form = new LinkedHashMap<>(validForm());
        change.accept(form);
        var response = api.handle(post("requests." + ext, form, Map.of()));
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertError(response, ext, status, argument);
        assertTrue(complaints.byId.isEmpty(), "nothing written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "multipart/form-data; boundary=x", ""})
    void bodyThatIsNotAForm_is400(String contentType) throws Exception {
        var response = api.handle(post("requests.json", validForm(), Map.of("content-type", contentType)));
        assertEquals(400, response.getStatusCode());
        assertError(response, "json", 400, "Content-Type");
        assertTrue(complaints.byId.isEmpty());
    }

    @Test
    void errorsInEnglish_whenAsked() throws Exception {
        Map<String, String> form = validForm();
        form.put("lat", "91");
        var response = api.handle(post("requests.json", form, Map.of("accept-language", "en")));
        assertEquals("lat: Impossible coordinates: latitude must be -90..90 and longitude -180..180.",
                Responses.json(response).at("/0/description").asText());
    }

    @Test
    void failureOnOurSide_isTheSpecsGeneralError_400WithCode500() throws Exception {
        var response = api.handle(Responses.get(Open311Api.ROOT, "/open311/v2/requests.xml", "requests.xml"));
        assertEquals(200, response.getStatusCode());
        query.failure = new IllegalStateException("table unavailable");
        response = api.handle(Responses.get(Open311Api.ROOT, "/open311/v2/requests.xml", "requests.xml"));
        assertEquals(400, response.getStatusCode());
        assertError(response, "xml", 500, null);
        assertFalse(response.getBody().contains("table unavailable"), "no internals in the answer");
        assertNotEquals(0, logLines.size());
    }
}
