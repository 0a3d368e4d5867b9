package vn.pakn.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.aws.http.PageCursor;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.fakes.InMemoryComplaintStore;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.sla.WorkingCalendar;

class PublicFeedApiTest {
    // Friday 20 November 2026, 10:00 in Hà Nội.
    private static final Instant NOW = local("2026-11-20T10:00");
    private static final String NAME = "Trần Thị Bích";
    private static final String PHONE = "0987654321";
    private static final String EMAIL = "bich@example.vn";
    private static final String SECRET = "citizen-secret-value";
    private static final String ANSWER = "Nhà tôi số 15, cứ gọi 0987654321";
    private static final GeoPoint LOCATION = new GeoPoint(21.186143, 106.076337);
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "can-bo-kb-07");
    private static final Actor CITIZEN = Actor.citizen(Channel.MOBILE);

    private final FeedReference reference = new FeedReference();
    private final InMemoryComplaintStore store = new InMemoryComplaintStore();
    private final InMemoryFeedIndex index = new InMemoryFeedIndex(store);
    private final Lifecycle lifecycle = new Lifecycle(reference);
    private YearMonth firstMonth = YearMonth.of(2026, 1);
    private final PublicPhotoLinks links = (uploadId, type) -> new PublicPhotoLinks.Link(
            URI.create("https://photos.test/public/" + uploadId + "." + type.extension() + "?X-Amz-Expires=600"),
            NOW.plusSeconds(600));

    private APIGatewayV2HTTPResponse list(Map<String, String> query) {
        PublicFeedApi api = new PublicFeedApi(new PublicFeedService(index, store::findById, reference,
                Clock.fixed(NOW, ZoneOffset.UTC), firstMonth), links);
        return api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(PublicFeedApi.LIST)
                .withRawPath("/v1/public/complaints").withQueryStringParameters(query).build());
    }

    private APIGatewayV2HTTPResponse get(String id) {
        PublicFeedApi api = new PublicFeedApi(new PublicFeedService(index, store::findById, reference,
                Clock.fixed(NOW, ZoneOffset.UTC), firstMonth), links);
        return api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(PublicFeedApi.GET)
                .withRawPath("/v1/public/complaints/" + id).withPathParameters(Map.of("id", id)).build());
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    private List<String> ids(Map<String, String> query) throws Exception {
        APIGatewayV2HTTPResponse response = list(query);
        assertEquals(200, response.getStatusCode(), response.getBody());
        List<String> ids = new ArrayList<>();
        json(response).get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** Every page of a listing, following nextCursor; each page's reads are checked against the budget. */
    private List<String> allPages(Map<String, String> query) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            Map<String, String> q = new HashMap<>(query);
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            index.queries = 0;
            index.itemsRead = 0;
            APIGatewayV2HTTPResponse response = list(q);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertTrue(index.queries <= PublicFeedService.MAX_QUERIES, "queries: " + index.queries);
            assertTrue(index.itemsRead <= PublicFeedService.READ_BUDGET, "items read: " + index.itemsRead);
            JsonNode body = json(response);
            body.get("items").forEach(item -> ids.add(item.get("id").asText()));
            if (body.get("nextCursor").isNull()) {
                return ids;
            }
            cursor = body.get("nextCursor").asText();
        }
        throw new AssertionError("the listing never ended");
    }

    // ---------------------------------------------------------------- list: order and pages

    @Test
    void list_isNewestFirstAcrossMonths_andItsPagesHaveNoGapsOrRepeats() throws Exception {
        List<String> created = new ArrayList<>();
        for (String at : List.of("2026-09-02T08:00", "2026-09-30T23:59", "2026-10-01T00:00", "2026-10-15T12:00",
                "2026-10-31T23:30", "2026-11-01T00:30", "2026-11-20T09:59")) {
            created.add(received("noise", "24-kinh-bac", local(at)));
        }
        List<String> newestFirst = new ArrayList<>(created);
        newestFirst.sort(Comparator.comparing((String id) -> complaint(id).receivedAt()).reversed());

        assertEquals(newestFirst, allPages(Map.of("limit", "2")));
        assertEquals(newestFirst, allPages(Map.of("limit", "3")));
        APIGatewayV2HTTPResponse exact = list(Map.of("limit", "7"));
        assertEquals(7, json(exact).get("items").size());
        assertTrue(json(exact).get("nextCursor").isNull(), "a full last page says it is the last");
        assertEquals(newestFirst, ids(Map.of()), "the default page holds them all");
    }

    @Test
    void list_stopsAtTheFirstMonth_andReadsABoundedNumberOfEmptyMonthsPerPage() throws Exception {
        firstMonth = YearMonth.of(2020, 1);
        String old = received("noise", "24-kinh-bac", local("2020-03-10T10:00"));
        received("noise", "24-kinh-bac", local("2019-12-31T10:00"));
        assertEquals(List.of(old), allPages(Map.of()), "found across six years of empty months, page by page");
    }

    @Test
    void list_whenMostComplaintsMiss_endsEarlyWithinTheBudget_andTheCursorResumesThere() throws Exception {
        firstMonth = YearMonth.of(2026, 11);
        String road = received("roads", "24-kinh-bac", local("2026-11-20T06:00"));
        for (int i = 0; i < 700; i++) {
            received("noise", "24-kinh-bac", local("2026-11-20T07:00").plusSeconds(i));
        }
        index.itemsRead = 0;
        JsonNode first = json(list(Map.of("category", "roads")));
        assertEquals(0, first.get("items").size());
        assertFalse(first.get("nextCursor").isNull(), "more to read: the page ended on the budget");
        assertTrue(index.itemsRead <= PublicFeedService.READ_BUDGET);
        assertEquals(List.of(road), allPages(Map.of("category", "roads")));
    }

    // ---------------------------------------------------------------- categories kept out of the feed

    @Test
    void categoryNotInTheFeed_isLeftOutOfTheList_andItsComplaintIsAnUnknownId() throws Exception {
        String noise = received("noise", "24-kinh-bac", local("2026-11-19T08:00"));
        String security = received("security", "24-kinh-bac", local("2026-11-19T09:00"));
        assertEquals(List.of(noise), ids(Map.of()));
        APIGatewayV2HTTPResponse hidden = get(security);
        APIGatewayV2HTTPResponse unknown = get(Ids.newId(NOW));
        assertEquals(404, hidden.getStatusCode());
        assertEquals(unknown.getBody(), hidden.getBody(), "nothing tells a hidden complaint from a missing one");
        assertEquals("category", json(list(Map.of("category", "security"))).at("/error/field").asText());
    }

    @Test
    void categoryFlag_isReadAtEveryRequest_soAChangeShowsAtOnce() throws Exception {
        String noise = received("noise", "24-kinh-bac", local("2026-11-19T08:00"));
        String security = received("security", "24-kinh-bac", local("2026-11-19T09:00"));
        reference.publicFeed("security", true);
        reference.publicFeed("noise", false);
        assertEquals(List.of(security), ids(Map.of()));
        assertEquals(200, get(security).getStatusCode());
        assertEquals(404, get(noise).getStatusCode());
    }

    // ---------------------------------------------------------------- filters

    @Test
    void areaFilter_coversTheAreaAndEveryAreaBelowIt() throws Exception {
        String kinhBac = received("noise", "24-kinh-bac", local("2026-11-19T08:00"));
        String tuSon = received("noise", "24-tu-son", local("2026-11-19T09:00"));
        String province = received("roads", "24", local("2026-11-19T10:00"));
        String coordinatesOnly = received("roads", null, local("2026-11-19T11:00"));
        assertEquals(List.of(province, tuSon, kinhBac), ids(Map.of("area", "24")));
        assertEquals(List.of(tuSon), ids(Map.of("area", "24-tu-son")));
        assertEquals(List.of(coordinatesOnly, province, tuSon, kinhBac), ids(Map.of()));
    }

    @Test
    void categoryAndStatusFilters_combine_andStatusesMayBeSeveral() throws Exception {
        String receivedNoise = received("noise", "24-kinh-bac", local("2026-11-19T08:00"));
        String assignedNoise = routed("noise", local("2026-11-19T09:00"));
        String resolvedNoise = routed("noise", local("2026-11-19T10:00"));
        act(resolvedNoise, new Command.Acknowledge(null));
        act(resolvedNoise, new Command.Resolve("Đã nhắc nhở"));
        String assignedRoads = routed("roads", local("2026-11-19T11:00"));
        assertEquals(List.of(assignedRoads), ids(Map.of("category", "roads")));
        assertEquals(List.of(assignedNoise), ids(Map.of("category", "noise", "status", "ASSIGNED")));
        assertEquals(List.of(assignedRoads, resolvedNoise, assignedNoise),
                ids(Map.of("status", "resolved, assigned")));
        assertEquals(List.of(receivedNoise), ids(Map.of("status", "RECEIVED")));
    }

    @Test
    void dateFilters_areDaysOfReceiptInVietnam_inclusive() throws Exception {
        String lateOn19th = received("noise", "24-kinh-bac", local("2026-11-19T23:30"));
        String earlyOn20th = received("noise", "24-kinh-bac", local("2026-11-20T00:30"));
        String october = received("noise", "24-kinh-bac", local("2026-10-31T12:00"));
        assertEquals(List.of(earlyOn20th), ids(Map.of("from", "2026-11-20")));
        assertEquals(List.of(lateOn19th, october), ids(Map.of("to", "2026-11-19")));
        assertEquals(List.of(lateOn19th), ids(Map.of("from", "2026-11-01", "to", "2026-11-19")));
        assertEquals(List.of(earlyOn20th, lateOn19th, october), ids(Map.of("from", "2026-10-31", "to", "2030-01-01")));
        assertEquals(List.of(), ids(Map.of("from", "2027-01-01")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0|limit", "limit=101|limit", "limit=ten|limit", "status=SLEEPING|status",
            "status=ASSIGNED,done|status", "from=2026-2-1|from", "from=2026-02-30|from", "to=yesterday|to",
            "from=2026-11-20&to=2026-11-19|to", "area=24-atlantis|area", "area=<script>|area",
            "category=unheard-of|category", "category=security|category", "sort=newest|sort",
            "cursor=!!|cursor", "cursor=eyJ2IjoxfQ|cursor"})
    void badParameters_are400NamingTheParameter_inBothLanguages(String testCase) throws Exception {
        String[] parts = testCase.split("\\|");
        Map<String, String> query = new HashMap<>();
        for (String pair : parts[0].split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        APIGatewayV2HTTPResponse response = list(query);
        assertEquals(400, response.getStatusCode(), response.getBody());
        JsonNode error = json(response).get("error");
        assertEquals(parts[1], error.get("field").asText());
        assertFalse(error.at("/message/vi").asText().isBlank());
        assertFalse(error.at("/message/en").asText().isBlank());
        assertEquals("no-store", response.getHeaders().get("cache-control"));
    }

    @Test
    void cursor_isBoundToItsFilters_andToTheirMonths() throws Exception {
        for (int i = 0; i < 3; i++) {
            received("noise", "24-kinh-bac", local("2026-11-19T08:00").plusSeconds(i));
        }
        String cursor = json(list(Map.of("category", "noise", "limit", "1"))).get("nextCursor").asText();
        assertEquals(200, list(Map.of("category", "noise", "limit", "2", "cursor", cursor)).getStatusCode(),
                "the page size may change between pages");
        assertEquals("invalid_cursor", json(list(Map.of("category", "roads", "cursor", cursor))).at("/error/code").asText());
        String view = new FeedFilter(null, "noise", null, null, null).view();
        for (String forged : List.of(PageCursor.encode(PublicFeedApi.CURSOR_SCOPE, view, "2019-01"),
                PageCursor.encode(PublicFeedApi.CURSOR_SCOPE, view, "2027-01"),
                PageCursor.encode(PublicFeedApi.CURSOR_SCOPE, view, "2026-13"),
                PageCursor.encode("agency-x", view, "2026-11"),
                PageCursor.encode(PublicFeedApi.CURSOR_SCOPE, view, "' OR 1=1"))) {
            APIGatewayV2HTTPResponse response = list(Map.of("category", "noise", "cursor", forged));
            assertEquals(400, response.getStatusCode(), forged);
            assertEquals("invalid_cursor", json(response).at("/error/code").asText());
        }
    }

    // ---------------------------------------------------------------- what an item shows

    @Test
    void nothingPersonal_reachesTheListOrTheView_andCoordinatesAreRounded() throws Exception {
        String id = routed("noise", local("2026-11-19T08:00"));
        act(id, new Command.Acknowledge(null));
        act(id, new Command.RequestInfo("Quán ở số nhà nào?"));
        store.append(lifecycle.apply(complaint(id), new Command.ProvideInfo(ANSWER), CITIZEN, NOW));
        act(id, new Command.Resolve("Đã lập biên bản quán karaoke"));
        Complaint c = complaint(id);

        String listed = list(Map.of()).getBody();
        APIGatewayV2HTTPResponse viewed = get(id);
        assertEquals(200, viewed.getStatusCode(), viewed.getBody());
        for (String body : List.of(listed, viewed.getBody())) {
            for (String secret : List.of(NAME, PHONE, EMAIL, c.trackingCode(), c.secretHash(), SECRET, ANSWER,
                    "21.186143", "106.076337", OFFICER.id(), "hideIdentity", "reporter", "privateNote",
                    "trackingCode")) {
                assertFalse(body.contains(secret), secret + " in " + body);
            }
        }
        JsonNode view = json(viewed);
        assertEquals(id, view.get("id").asText());
        assertEquals(21.186, view.at("/location/lat").asDouble(), 0);
        assertEquals(106.076, view.at("/location/lon").asDouble(), 0);
        assertEquals("noise", view.at("/category/code").asText());
        assertEquals("Noise", view.at("/category/name/en").asText());
        assertEquals("Phường Kinh Bắc", view.at("/area/name").asText());
        assertEquals("ubnd-kinh-bac", view.at("/agency/id").asText());
        assertEquals("UBND phường Kinh Bắc", view.at("/agency/name").asText());
        assertEquals("RESOLVED", view.get("status").asText());
        assertEquals("Đã lập biên bản quán karaoke", view.get("response").asText());
        assertTrue(view.get("dueAt").isTextual());
        assertFalse(view.get("overdue").asBoolean());
        List<String> types = new ArrayList<>();
        view.get("history").forEach(h -> types.add(h.get("type").asText() + "/" + h.get("by").asText()));
        assertEquals(List.of("RECEIVED/CITIZEN", "ASSIGNED/SYSTEM", "ACKNOWLEDGED/AGENCY", "INFO_REQUESTED/AGENCY",
                "INFO_PROVIDED/CITIZEN", "RESOLVED/AGENCY"), types);
        assertEquals("Quán ở số nhà nào?", view.at("/history/3/note").asText(), "the agency's question is public");
        assertTrue(view.at("/history/4/note").isNull(), "the citizen's answer is not");
        JsonNode item = json(list(Map.of())).at("/items/0");
        assertEquals(id, item.get("id").asText());
        assertFalse(item.has("history"), "the list is read from the index, which holds no events");
        assertEquals(view.get("location"), item.get("location"));
        assertEquals(view.get("response"), item.get("response"));
    }

    @Test
    void receivedButNotRouted_isListed_withoutAnAgency() throws Exception {
        String id = received("roads", "24-kinh-bac", local("2026-11-20T09:00"));
        JsonNode item = json(list(Map.of())).at("/items/0");
        assertEquals(id, item.get("id").asText());
        assertEquals("RECEIVED", item.get("status").asText());
        assertTrue(item.get("agency").isNull());
        assertEquals(200, get(id).getStatusCode());
    }

    @Test
    void photos_onlyThoseTheAgencyPublished_asLinksToTheLocationFreeCopy() throws Exception {
        String published = Ids.newId(NOW);
        String notPublished = Ids.newId(NOW);
        String quarantined = Ids.newId(NOW);
        String id = received("roads", "24-kinh-bac", local("2026-11-19T08:00"),
                new Photo(published, "image/jpeg", PhotoStatus.ACCEPTED, null),
                new Photo(notPublished, "image/png", PhotoStatus.ACCEPTED, null),
                new Photo(quarantined, "image/jpeg", PhotoStatus.QUARANTINED, "not-an-image", true));
        assertEquals(0, json(list(Map.of())).at("/items/0/photos").size(), "nothing is public until the agency says so");
        route(id, "so-xay-dung");
        act(id, new Command.PublishPhotos(List.of(published), true));

        for (JsonNode item : List.of(json(list(Map.of())).at("/items/0"), json(get(id)))) {
            JsonNode photos = item.get("photos");
            assertEquals(1, photos.size(), photos.toString());
            assertEquals("https://photos.test/public/" + published + ".jpg?X-Amz-Expires=600",
                    photos.at("/0/url").asText());
            assertEquals("image/jpeg", photos.at("/0/contentType").asText());
            assertEquals(NOW.plusSeconds(600).toString(), photos.at("/0/expiresAt").asText());
            assertFalse(item.toString().contains(notPublished) || item.toString().contains(quarantined));
        }
        act(id, new Command.PublishPhotos(List.of(published), false));
        assertEquals(0, json(get(id)).get("photos").size(), "withdrawn");
    }

    // ---------------------------------------------------------------- HTTP details

    @Test
    void answers_arePubliclyCacheableForAMinute_errorsAreNot() throws Exception {
        String id = received("noise", "24-kinh-bac", local("2026-11-19T08:00"));
        assertEquals("public, max-age=60", list(Map.of()).getHeaders().get("cache-control"));
        assertEquals("public, max-age=60", get(id).getHeaders().get("cache-control"));
        assertTrue(PublicFeedApi.MAX_AGE_SECONDS < Duration.ofMinutes(10).toSeconds());
        assertEquals("no-store", get(Ids.newId(NOW)).getHeaders().get("cache-control"));
        assertEquals("no-store", list(Map.of("limit", "0")).getHeaders().get("cache-control"));
    }

    @Test
    void view_ofAnythingThatIsNotAComplaintId_is404() throws Exception {
        received("noise", "24-kinh-bac", local("2026-11-19T08:00"));
        for (String id : List.of("x", "7KX4-9QMB", Ids.newId(NOW).toLowerCase(), Ids.newId(NOW))) {
            APIGatewayV2HTTPResponse response = get(id);
            assertEquals(404, response.getStatusCode(), id);
            assertEquals("not_found", json(response).at("/error/code").asText());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Instant local(String dateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(dateTime), WorkingCalendar.VIETNAM).toInstant();
    }

    private String received(String category, String area, Instant at, Photo... photos) {
        String id = Ids.newId(at);
        Complaint c = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area, LOCATION,
                "Quán karaoke số 12 Nguyễn Trãi hát sau 23 giờ", List.of(photos), new Reporter(NAME, PHONE, EMAIL),
                true, Channel.MOBILE, at, at, CitizenSecret.hash(SECRET));
        store.put(c, List.of(new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED, CITIZEN, at,
                null)));
        return id;
    }

    private String routed(String category, Instant at) {
        String id = received(category, "24-kinh-bac", at);
        route(id, category.equals("roads") ? "so-xay-dung" : "ubnd-kinh-bac");
        return id;
    }

    private void route(String id, String agency) {
        store.append(lifecycle.apply(complaint(id), new Command.Route(agency, "rule"), Actor.system("router"),
                complaint(id).receivedAt()));
    }

    private void act(String id, Command command) {
        store.append(lifecycle.apply(complaint(id), command, OFFICER, NOW));
    }

    private Complaint complaint(String id) {
        return store.byId.get(id).complaint();
    }
}
