package vn.pakn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.reference.ReferenceAdminStore;

/** The HTTP surface on in-memory fakes: who may call, strict bodies, status codes and error shapes. */
class AdminApiTest {
    private final Complaints complaints = new Complaints();
    private final InMemoryReferenceAdmin store = InMemoryReferenceAdmin.of(new FixedReferenceData());
    private final BoundaryRerouting rerouting = new BoundaryRerouting(complaints.store,
            new InMemoryOpenComplaints(complaints.store),
            Clock.fixed(Complaints.MONDAY.plusSeconds(3600), ZoneOffset.UTC), Duration.ofSeconds(20));
    // The import's writers are never reached by these tests: every file here is refused first.
    private final AdminApi api = new AdminApi(new AdminService(store, store, rerouting),
            new ProvinceImport(store, null, null, null, rerouting));

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return api.handle(event);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    /** A 4xx with the bilingual error shape, and not a single write. */
    private JsonNode refused(int status, String code, String field, APIGatewayV2HTTPEvent event) throws Exception {
        ReferenceAdminStore.Snapshot before = store.load();
        int writes = store.writes;
        APIGatewayV2HTTPResponse response = call(event);
        assertEquals(status, response.getStatusCode(), response.getBody());
        JsonNode error = json(response).get("error");
        assertEquals(code, error.get("code").asText(), response.getBody());
        assertEquals(field, error.get("field").isNull() ? null : error.get("field").asText(), response.getBody());
        assertFalse(error.at("/message/vi").asText().isBlank());
        assertFalse(error.at("/message/en").asText().isBlank());
        assertEquals(writes, store.writes, "nothing written");
        assertEquals(before, store.load());
        return error;
    }

    static java.util.List<String> routes() {
        return AdminApi.ROUTES;
    }

    @ParameterizedTest
    @MethodSource("routes")
    void everyRoute_refusesAgencyOfficers_andRequestsWithoutClaims(String route) throws Exception {
        String body = route.startsWith("PUT") || route.startsWith("POST") ? "{}" : null;
        refused(403, "admin_role_required", null, AdminEvents.request(AdminEvents.officer("ubnd-kinh-bac"), route,
                body, "24-kinh-bac", "24"));
        refused(401, "unauthenticated", null, AdminEvents.request(null, route, body, "24-kinh-bac", "24"));
        Map<String, String> noRole = AdminEvents.admin();
        noRole.remove("pakn:role");
        refused(403, "role_unknown", null, AdminEvents.request(noRole, route, body, "24-kinh-bac", "24"));
    }

    @Test
    void listings_showWhatOnlyAdministratorsSee() throws Exception {
        JsonNode agencies = json(call(AdminEvents.request(AdminEvents.admin(), AdminApi.LIST_AGENCIES, null)));
        JsonNode triage = null;
        for (JsonNode a : agencies.get("agencies")) {
            triage = a.get("id").asText().equals("triage") ? a : triage;
        }
        assertEquals(InMemoryReferenceAdmin.queueUrl("triage"), triage.get("queueUrl").asText());
        assertTrue(triage.get("enabled").asBoolean());

        JsonNode areas = json(call(AdminEvents.request(AdminEvents.admin(), AdminApi.LIST_AREAS, null)));
        assertEquals(3, areas.get("areas").size());
        assertTrue(areas.at("/areas/0/mergedInto").isNull());

        JsonNode category = json(call(AdminEvents.request(AdminEvents.admin(), AdminApi.GET_CATEGORY, null, "noise")));
        assertEquals("Tiếng ồn", category.at("/name/vi").asText());
        assertFalse(category.get("escalateWhenOverdue").asBoolean());
        assertEquals(5, category.get("resolveDays").asInt());

        JsonNode rules = json(call(AdminEvents.request(AdminEvents.admin(), AdminApi.LIST_RULES, null)));
        assertEquals(4, rules.get("rules").size());
        JsonNode holidays = json(call(AdminEvents.request(AdminEvents.admin(), AdminApi.LIST_HOLIDAYS, null)));
        assertEquals("2026-09-02", holidays.at("/holidays/0/date").asText());
    }

    @Test
    void putCategory_roundTripsTheGetOutput_201Then200() throws Exception {
        String body = "{\"code\": \"parking\", \"name\": {\"vi\": \"Đỗ xe\", \"en\": \"Parking\"}, \"ackHours\": 24,"
                + " \"resolveDays\": 5, \"photoRequired\": true, \"publicFeed\": true, \"escalateWhenOverdue\": false}";
        APIGatewayV2HTTPResponse created = call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_CATEGORY, body,
                "parking"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String again = created.getBody();
        APIGatewayV2HTTPResponse replaced = call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_CATEGORY, again,
                "parking"));
        assertEquals(200, replaced.getStatusCode(), replaced.getBody());
        assertEquals(json(created), json(replaced));
    }

    @Test
    void strictBodies_refuseUnknownFieldsWrongTypesAndMismatchedIds() throws Exception {
        refused(400, "unknown_field", "colour", AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_CATEGORY,
                "{\"name\": {\"vi\": \"a\", \"en\": \"b\"}, \"ackHours\": 1, \"resolveDays\": 1, \"colour\": 1}", "x"));
        refused(400, "unknown_field", "name.fr", AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_CATEGORY,
                "{\"name\": {\"vi\": \"a\", \"en\": \"b\", \"fr\": \"c\"}, \"ackHours\": 1, \"resolveDays\": 1}", "x"));
        refused(400, "invalid_type", "ackHours", AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_CATEGORY,
                "{\"name\": {\"vi\": \"a\", \"en\": \"b\"}, \"ackHours\": \"24\", \"resolveDays\": 1}", "x"));
        refused(400, "id_mismatch", "id", AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_AGENCY,
                "{\"id\": \"other\", \"name\": \"A\", \"level\": \"province\", \"area\": \"24\"}", "so-y-te"));
        refused(400, "malformed_json", null, AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_RULE, "{", ""));
        refused(415, "unsupported_media_type", null, AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_RULE, null));
        refused(400, "unknown_field", "queueUrl", AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_AGENCY,
                "{\"name\": \"A\", \"level\": \"province\", \"area\": \"24\", \"queueUrl\": \"https://evil\"}",
                "so-y-te"));
    }

    @Test
    void putArea_mustStateItsParent_evenWhenNull() throws Exception {
        refused(400, "required", "parent", AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_AREA,
                "{\"name\": \"Phường Kinh Bắc\", \"level\": \"commune\"}", "24-kinh-bac"));
        APIGatewayV2HTTPResponse root = call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_AREA,
                "{\"name\": \"Tỉnh Mới\", \"level\": \"province\", \"parent\": null, \"centroid\": {\"lat\": 21, \"lon\": 105}}",
                "99"));
        assertEquals(201, root.getStatusCode(), root.getBody());
        assertTrue(json(root).get("parent").isNull());
        assertEquals(21.0, json(root).at("/centroid/lat").asDouble());
    }

    @Test
    void merge_answersTheSummary_andRepeatingItReroutesNothing() throws Exception {
        String id = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        APIGatewayV2HTTPResponse first = call(AdminEvents.request(AdminEvents.admin(), AdminApi.MERGE_AREA,
                "{\"into\": \"24-tu-son\"}", "24-kinh-bac"));
        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode summary = json(first);
        assertEquals(1, summary.get("rerouted").asInt());
        assertEquals(0, summary.get("unchanged").asInt());
        assertEquals(0, summary.get("failed").size());
        assertTrue(summary.get("complete").asBoolean());
        assertEquals("24-tu-son", summary.at("/area/mergedInto").asText());
        assertEquals("ubnd-kinh-bac", summary.at("/agenciesServingMergedArea/0").asText());
        assertEquals("ubnd-tu-son", complaints.complaint(id).handling().agencyId());

        JsonNode again = json(call(AdminEvents.request(AdminEvents.admin(), AdminApi.MERGE_AREA,
                "{\"into\": \"24-tu-son\"}", "24-kinh-bac")));
        assertEquals(0, again.get("rerouted").asInt());
        assertEquals(1, again.get("unchanged").asInt());
        assertTrue(again.get("alreadyMerged").asBoolean());
    }

    @Test
    void rulesAndHolidays_putAndDelete() throws Exception {
        APIGatewayV2HTTPResponse put = call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_RULE,
                "{\"category\": \"*\", \"area\": \"24-tu-son\", \"agency\": \"ubnd-tu-son\"}"));
        assertEquals(201, put.getStatusCode(), put.getBody());
        APIGatewayV2HTTPResponse deleted = call(AdminEvents.request(AdminEvents.admin(), AdminApi.DELETE_RULE, null,
                "*", "24-tu-son"));
        assertEquals(200, deleted.getStatusCode(), deleted.getBody());
        assertTrue(store.load().rule("*", "24-tu-son").isEmpty());
        refused(404, "unknown_rule", null, AdminEvents.request(AdminEvents.admin(), AdminApi.DELETE_RULE, null,
                "*", "24-tu-son"));

        APIGatewayV2HTTPResponse holiday = call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_HOLIDAY,
                "{\"name\": \"Giỗ Tổ Hùng Vương\"}", "2027-04-16"));
        assertEquals(201, holiday.getStatusCode(), holiday.getBody());
        APIGatewayV2HTTPResponse bare = call(AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_HOLIDAY, null,
                "2027-04-17"));
        assertEquals(201, bare.getStatusCode(), bare.getBody());
        refused(400, "invalid_date", "date", AdminEvents.request(AdminEvents.admin(), AdminApi.PUT_HOLIDAY, null,
                "2027-02-30"));
        refused(400, "invalid_date", "date", AdminEvents.request(AdminEvents.admin(), AdminApi.DELETE_HOLIDAY, null,
                "16/04/2027"));
        assertEquals(200, call(AdminEvents.request(AdminEvents.admin(), AdminApi.DELETE_HOLIDAY, null, "2027-04-16"))
                .getStatusCode());
    }

    @Test
    void import_inconsistentFile_listsEveryProblem_andWritesNothing() throws Exception {
        String file = "{\"province\": \"77\", \"areas\": [{\"code\": \"77\", \"name\": \"Tỉnh\", \"level\": \"province\"},"
                + " {\"code\": \"77-a\", \"name\": \"Xã A\", \"level\": \"commune\", \"parent\": \"76\"}],"
                + " \"agencies\": [{\"id\": \"Bad Id\", \"name\": \"X\", \"level\": \"commune\", \"area\": \"77-a\"}],"
                + " \"rules\": [{\"category\": \"*\", \"area\": \"77\", \"agency\": \"nobody\"}]}";
        JsonNode error = refused(400, "invalid_province_file", null,
                AdminEvents.request(AdminEvents.admin(), AdminApi.IMPORT, file));
        assertEquals(3, error.get("problems").size(), error.toString());
    }

    @Test
    void import_refusesToBringBackAMergedArea() throws Exception {
        call(AdminEvents.request(AdminEvents.admin(), AdminApi.MERGE_AREA, "{\"into\": \"24-tu-son\"}", "24-kinh-bac"));
        String file = "{\"province\": \"24\", \"areas\": [{\"code\": \"24\", \"name\": \"Tỉnh\", \"level\": \"province\"},"
                + " {\"code\": \"24-kinh-bac\", \"name\": \"Phường Kinh Bắc\", \"level\": \"commune\", \"parent\": \"24\"}]}";
        JsonNode error = refused(409, "area_merged", "areas",
                AdminEvents.request(AdminEvents.admin(), AdminApi.IMPORT, file));
        assertTrue(error.at("/message/en").asText().contains("24-kinh-bac -> 24-tu-son"));
    }

    @Test
    void unknownRoute_is404_forAnAdministrator() throws Exception {
        refused(404, "not_found", null, AdminEvents.request(AdminEvents.admin(), "GET /v1/admin/secrets", null));
    }
}
