package vn.pakn.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintRepository;
import vn.pakn.domain.fakes.InMemoryComplaintStore;
import vn.pakn.domain.fakes.InMemoryUploads;
import vn.pakn.domain.intake.IntakeService;

class CitizenApiTest {
    private final InMemoryUploads uploads = new InMemoryUploads();
    private final InMemoryComplaintRepository complaints = new InMemoryComplaintRepository(uploads);
    private final FixedReferenceData reference = new FixedReferenceData();
    private final CitizenApi api = new CitizenApi(new IntakeService(reference, complaints, uploads,
            uploads, Clock.systemUTC(), Duration.ofMinutes(15)), reference,
            new CitizenActions(complaints, new InMemoryComplaintStore(), new FixedReferenceData(), Clock.systemUTC()));
    private final List<String> logLines = new ArrayList<>();
    private final java.util.function.Consumer<String> previousSink = Log.redirect(logLines::add);

    @AfterEach
    void restoreLog() {
        Log.redirect(previousSink);
    }

    @Test
    void lambdaEventJson_isReadWithBase64BodyAndHeaders() throws Exception {
        APIGatewayV2HTTPEvent event;
        try (InputStream in = getClass().getResourceAsStream("/events/submit-complaint.json")) {
            event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                    .fromJson(in);
        }
        APIGatewayV2HTTPResponse response = api.handle(event);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = Json.read(response.getBody());
        assertEquals("RECEIVED", body.get("status").asText());
        assertEquals(body.get("id").asText(), complaints.reservations.get(body.get("trackingCode").asText()).complaintId(),
                "the tracking code is reserved under the fixture's Idempotency-Key");
        assertEquals("/v1/complaints/" + body.get("trackingCode").asText(), response.getHeaders().get("location"));
    }

    @Test
    void validSubmission_answers201WithTrackingCodeAndSecret() throws Exception {
        APIGatewayV2HTTPResponse response = api.handle(post("/v1/complaints", validBody(), Map.of()));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = Json.read(response.getBody());
        assertTrue(body.get("trackingCode").asText().matches("[A-Z0-9]{4}-[A-Z0-9]{4}"));
        assertTrue(body.get("citizenSecret").asText().length() >= 20);
        assertNotNull(body.get("receivedAt").asText());
        assertEquals(1, complaints.byId.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON          | {\"category\": \"noise\",                                        | 400 | malformed_json   | ",
            "array instead of object | [1,2,3]                                                           | 400 | invalid_type     | ",
            "category is a number    | {\"category\": 5}                                                 | 400 | invalid_type     | category",
            "unknown field           | {\"category\": \"noise\", \"colour\": \"red\"}                   | 400 | unknown_field    | colour",
            "unknown location field  | {\"location\": {\"lat\": 1, \"lon\": 2, \"alt\": 3}}             | 400 | unknown_field    | location.alt",
            "lat is text             | {\"location\": {\"lat\": \"21\", \"lon\": 106}}                  | 400 | invalid_type     | location.lat",
            "photos not an array     | {\"photos\": \"abc\"}                                             | 400 | invalid_type     | photos",
            "photo id not a string   | {\"photos\": [1]}                                                 | 400 | invalid_type     | photos[0]",
            "hideIdentity as text    | {\"hideIdentity\": \"yes\"}                                      | 400 | invalid_type     | hideIdentity",
            "reporter not an object  | {\"reporter\": \"Ann\"}                                          | 400 | invalid_type     | reporter",
            "unknown reporter field  | {\"reporter\": {\"address\": \"x\"}}                             | 400 | unknown_field    | reporter.address",
            "missing category        | {\"description\": \"x\", \"areaCode\": \"24\"}                   | 400 | required         | category",
            "unknown area            | {\"category\": \"noise\", \"description\": \"x\", \"areaCode\": \"01-x\"} | 400 | unknown_area | areaCode",
            "impossible coordinates  | {\"category\": \"noise\", \"description\": \"x\", \"location\": {\"lat\": 1e9, \"lon\": 1}} | 400 | out_of_range | location.lat",
    })
    void badInput_answers4xxNamingFieldAndWritesNothing(String name, String body, int status, String code, String field)
            throws Exception {
        APIGatewayV2HTTPResponse response = api.handle(post("/v1/complaints", body, Map.of()));
        assertError(response, status, code, field);
        assertTrue(complaints.byId.isEmpty());
        assertTrue(complaints.reservations.isEmpty());
    }

    @Test
    void thousandPhotoIds_areRefusedWithoutReadingThem() throws Exception {
        String ids = String.join(",", java.util.Collections.nCopies(1000, "\"01JXXXXXXXXXXXXXXXXXXXXXXX\""));
        var response = api.handle(post("/v1/complaints", "{\"photos\": [" + ids + "]}", Map.of()));
        assertError(response, 400, "too_many", "photos");
    }

    @Test
    void hugeBody_answers413() throws Exception {
        String body = "{\"category\": \"noise\", \"description\": \"" + "x".repeat(70_000) + "\"}";
        assertError(api.handle(post("/v1/complaints", body, Map.of())), 413, "body_too_large", null);
    }

    @Test
    void notJson_answers415() throws Exception {
        var event = post("/v1/complaints", "category=noise", Map.of("content-type", "application/x-www-form-urlencoded"));
        assertError(api.handle(event), 415, "unsupported_media_type", null);
    }

    @Test
    void sameIdempotencyKey_sameBody_sameAnswer_differentBody_422() throws Exception {
        Map<String, String> key = Map.of("idempotency-key", "retry-key-0001");
        var first = api.handle(post("/v1/complaints", validBody(), key));
        // Same content with other whitespace and key order is the same request.
        String reordered = Json.write(Json.read(validBody())).replace(",", " , ");
        var second = api.handle(post("/v1/complaints", reordered, key));
        assertEquals(201, second.getStatusCode());
        assertEquals(first.getBody(), second.getBody());

        var other = api.handle(post("/v1/complaints", validBody().replace("Karaoke", "Loa kéo"), key));
        assertError(other, 422, "idempotency_key_reused", "Idempotency-Key");
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void uploadSlot_wrongTypeOrSize_is400() throws Exception {
        assertError(api.handle(post("/v1/uploads", "{\"contentType\": \"image/gif\", \"contentLength\": 10}", Map.of())),
                400, "unsupported_type", "contentType");
        assertError(api.handle(post("/v1/uploads", "{\"contentType\": \"image/jpeg\", \"contentLength\": 10485761}", Map.of())),
                400, "too_large", "contentLength");
        assertError(api.handle(post("/v1/uploads", "{\"contentType\": \"image/jpeg\", \"contentLength\": 1.5}", Map.of())),
                400, "invalid_type", "contentLength");
        assertTrue(uploads.byId.isEmpty());
    }

    @Test
    void uploadSlot_returnsPresignedPutWithSignedHeaders() throws Exception {
        var response = api.handle(post("/v1/uploads", "{\"contentType\": \"image/jpeg\", \"contentLength\": 8347}", Map.of()));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = Json.read(response.getBody());
        assertEquals("PUT", body.at("/upload/method").asText());
        assertEquals("image/jpeg", body.at("/upload/headers/Content-Type").asText());
        assertEquals("8347", body.at("/upload/headers/Content-Length").asText());
        assertTrue(uploads.byId.containsKey(body.get("uploadId").asText()));
    }

    @Test
    void categoriesAndAreas_haveBothLanguagesAndCacheHeaders() throws Exception {
        var categories = api.handle(get("GET /v1/categories", "/v1/categories", Map.of()));
        assertEquals(200, categories.getStatusCode());
        assertTrue(categories.getHeaders().get("cache-control").contains("max-age"));
        JsonNode first = Json.read(categories.getBody()).get("categories").get(0);
        assertFalse(first.at("/name/vi").asText().isBlank());
        assertFalse(first.at("/name/en").asText().isBlank());
        var areas = Json.read(api.handle(get("GET /v1/areas", "/v1/areas", Map.of())).getBody()).get("areas");
        assertEquals(3, areas.size());
    }

    @Test
    void areaMergedAway_isNoLongerOffered_butOldAppsUsingItStillWork() throws Exception {
        reference.retired.add("24-tu-son");
        var areas = Json.read(api.handle(get("GET /v1/areas", "/v1/areas", Map.of())).getBody()).get("areas");
        assertEquals(2, areas.size());
        assertFalse(areas.toString().contains("24-tu-son"));
        var response = api.handle(post("/v1/complaints", validBody().replace("24-kinh-bac", "24-tu-son"), Map.of()));
        assertEquals(201, response.getStatusCode(), response.getBody());
    }

    @Test
    void track_showsPublicViewWithoutReporterOrSecret() throws Exception {
        JsonNode receipt = Json.read(api.handle(post("/v1/complaints", validBody(), Map.of())).getBody());
        String code = receipt.get("trackingCode").asText();
        var response = api.handle(get("GET /v1/complaints/{trackingCode}", "/v1/complaints/" + code,
                Map.of("trackingCode", code)));
        assertEquals(200, response.getStatusCode());
        String text = response.getBody();
        assertFalse(text.contains("Nguyễn"), text);
        assertFalse(text.contains("0912 345 678") || text.contains("0912345678"), text);
        assertFalse(text.contains("example.vn"), text);
        assertFalse(text.contains(receipt.get("citizenSecret").asText()), text);
        assertFalse(text.contains("106.0763"), "exact coordinates must be rounded: " + text);
        assertEquals("RECEIVED", Json.read(text).at("/history/0/to").asText());
    }

    @Test
    void track_unknownCode_is404_mistypedCode_is400() throws Exception {
        assertError(api.handle(get("GET /v1/complaints/{trackingCode}", "/v1/complaints/ABCD",
                Map.of("trackingCode", "ABCD"))), 400, "invalid_format", "trackingCode");
        String unused = vn.pakn.domain.complaint.TrackingCode.generate();
        assertError(api.handle(get("GET /v1/complaints/{trackingCode}", "/v1/complaints/" + unused,
                Map.of("trackingCode", unused))), 404, "not_found", "trackingCode");
    }

    @Test
    void logs_neverCarryReporterData() throws Exception {
        api.handle(post("/v1/complaints", validBody(), Map.of()));
        api.handle(post("/v1/complaints", validBody().replace("0912 345 678", "not a phone"), Map.of()));
        assertFalse(logLines.isEmpty());
        for (String line : logLines) {
            assertFalse(line.contains("Nguyễn") || line.contains("0912 345 678") || line.contains("0912345678")
                    || line.contains("example.vn")
                    || line.contains("Karaoke"), line);
            Json.read(line); // each line is one JSON object
        }
    }

    static String validBody() {
        return """
                {"category": "noise", "description": "Karaoke sau 23 giờ mỗi đêm",
                 "location": {"lat": 21.1861, "lon": 106.0763}, "areaCode": "24-kinh-bac",
                 "reporter": {"name": "Nguyễn Văn A", "phone": "0912 345 678", "email": "a@example.vn"},
                 "hideIdentity": true, "channel": "mobile"}""";
    }

    static void assertError(APIGatewayV2HTTPResponse response, int status, String code, String field) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        JsonNode error = Json.read(response.getBody()).get("error");
        assertEquals(code, error.get("code").asText());
        if (field == null || field.isBlank()) {
            assertTrue(error.get("field").isNull());
        } else {
            assertEquals(field, error.get("field").asText());
        }
        assertFalse(error.at("/message/vi").asText().isBlank());
        assertFalse(error.at("/message/en").asText().isBlank());
    }

    static APIGatewayV2HTTPEvent post(String path, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("content-type", "application/json"));
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST " + path).withRawPath(path)
                .withHeaders(headers).withBody(body).withIsBase64Encoded(false).build();
    }

    static APIGatewayV2HTTPEvent get(String routeKey, String path, Map<String, String> pathParameters) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath(path)
                .withPathParameters(pathParameters).withHeaders(Map.of()).build();
    }
}
