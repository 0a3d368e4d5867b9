package vn.pakn.publicstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.stats.DurationHistogram;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.GroupingKey;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures;
import vn.pakn.domain.stats.StatsFigures.Gauges;

class PublicStatsApiTest {
    /** 10:00 on 2026-03-25 in Hanoi. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-25T03:00:00Z"), ZoneOffset.UTC);

    private final FakeStatsSource source = new FakeStatsSource();
    private final FixedReferenceData reference = new FixedReferenceData();
    private final PublicStatsApi api = new PublicStatsApi(new PublicStatsService(source, reference, CLOCK));

    private APIGatewayV2HTTPResponse get(String query, String... headers) {
        Map<String, String> params = new HashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                params.put(pair.split("=", 2)[0], pair.split("=", 2)[1]);
            }
        }
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(PublicStatsApi.STATS)
                .withRawPath("/v1/public/stats").withQueryStringParameters(params.isEmpty() ? null : params)
                .withHeaders(h).build());
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.read(r.getBody());
    }

    private List<String> keys(JsonNode groups) {
        List<String> out = new ArrayList<>();
        groups.forEach(g -> out.add(g.get("key").asText()));
        return out;
    }

    private void noiseInKinhBac() {
        GroupingKey noise = GroupingKey.categoryArea("noise", "24-kinh-bac");
        source.flows.put(noise, Map.ofEntries(Map.entry(StatsContribution.RECEIVED, 4L),
                Map.entry(StatsContribution.RESOLVED, 2L), Map.entry(StatsContribution.ON_TIME, 1L),
                Map.entry(StatsContribution.REJECTED, 1L), Map.entry(StatsContribution.RATINGS, 2L),
                Map.entry(StatsContribution.RATINGS_4_5, 1L), Map.entry(StatsContribution.TRANSFERRED, 1L),
                Map.entry(StatsContribution.OVERDUE, 1L),
                Map.entry(DurationHistogram.counter(StatsContribution.ACK, 0), 3L),
                Map.entry(DurationHistogram.counter(StatsContribution.RESOLVE, 5), 1L),
                Map.entry(DurationHistogram.counter(StatsContribution.RESOLVE, 19), 1L)));
        source.gauges.put(noise, new Gauges(2, 1));
        GroupingKey area = new GroupingKey(Grouping.AREA, "24-kinh-bac");
        source.flows.put(area, Map.of(StatsContribution.RECEIVED, 3L, StatsContribution.RESOLVED, 1L,
                StatsContribution.ON_TIME, 1L));
        source.gauges.put(area, new Gauges(2, 0));
    }

    @Test
    void categoriesOfOneArea_matchTheFixture_figuresFromTheCategoryAreaAggregates() throws Exception {
        noiseInKinhBac();
        APIGatewayV2HTTPResponse r = get("groupBy=category&area=24-kinh-bac&from=2026-03-01&to=2026-03-20");
        assertEquals(200, r.getStatusCode(), r.getBody());
        try (InputStream fixture = getClass().getResourceAsStream("/fixtures/category-in-kinh-bac.json")) {
            assertEquals(Json.read(new String(fixture.readAllBytes(), StandardCharsets.UTF_8)), body(r));
        }
        assertEquals(List.of(List.of(new GroupingKey(Grouping.AREA, "24-kinh-bac"),
                GroupingKey.categoryArea("roads", "24-kinh-bac"), GroupingKey.categoryArea("noise", "24-kinh-bac"))),
                source.asked, "one read: the total and every member, each one aggregate");
    }

    @Test
    void everyPublishedFigure_isAFieldOfStatsFigures_underItsName() throws Exception {
        JsonNode total = body(get("")).get("total");
        List<String> fields = new ArrayList<>();
        total.fieldNames().forEachRemaining(fields::add);
        fields.remove("overMaxHours");
        List<String> components = new ArrayList<>();
        for (var c : StatsFigures.class.getRecordComponents()) {
            components.add(c.getName());
        }
        assertEquals(components, fields);
    }

    @Test
    void defaultQuery_provinceThisMonthToToday_cachedFiveMinutes_withAnETagOfTheBody() throws Exception {
        source.flows.put(GroupingKey.PROVINCE, Map.of(StatsContribution.RECEIVED, 7L));
        APIGatewayV2HTTPResponse r = get("");
        assertEquals(200, r.getStatusCode());
        assertEquals("public, max-age=300", r.getHeaders().get("cache-control"));
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("content-type"));
        assertEquals(PublicStatsApi.etag(r.getBody()), r.getHeaders().get("etag"));
        assertTrue(r.getHeaders().get("etag").matches("\"[0-9a-f]{32}\""), r.getHeaders().get("etag"));
        JsonNode b = body(r);
        assertEquals("2026-03-01", b.get("from").asText());
        assertEquals("2026-03-25", b.get("to").asText());
        assertEquals("2026-03-25", b.get("asOf").asText());
        assertEquals("none", b.get("groupBy").asText());
        assertEquals(7, b.at("/total/received").asLong());
        assertEquals(0, b.get("groups").size());
        assertTrue(!b.at("/gauges/fromSnapshot").asBoolean(), "today is after the last snapshot");
        assertEquals(List.of(List.of(GroupingKey.PROVINCE)), source.asked);
    }

    @Test
    void closedPastPeriod_cachedAnHour() {
        APIGatewayV2HTTPResponse r = get("from=2026-02-01&to=2026-02-28");
        assertEquals("public, max-age=3600", r.getHeaders().get("cache-control"));
    }

    @Test
    void ifNoneMatch_sameFigures_304WithoutBody_otherwise200() {
        String etag = get("").getHeaders().get("etag");
        APIGatewayV2HTTPResponse same = get("", "if-none-match", etag);
        assertEquals(304, same.getStatusCode());
        assertNull(same.getBody());
        assertEquals(etag, same.getHeaders().get("etag"));
        assertEquals("public, max-age=300", same.getHeaders().get("cache-control"));
        assertEquals(304, get("", "If-None-Match", "\"other\", W/" + etag).getStatusCode());
        assertEquals(304, get("", "if-none-match", "*").getStatusCode());
        assertEquals(200, get("", "if-none-match", "\"stale\"").getStatusCode());

        source.flows.put(GroupingKey.PROVINCE, Map.of(StatsContribution.RECEIVED, 1L));
        APIGatewayV2HTTPResponse changed = get("", "if-none-match", etag);
        assertEquals(200, changed.getStatusCode(), "new figures, new tag");
        assertNotEquals(etag, changed.getHeaders().get("etag"));
    }

    @Test
    void ratesRoundedToFourDecimals_nullWhenNothingToMeasure() throws Exception {
        source.flows.put(GroupingKey.PROVINCE, Map.of(StatsContribution.RECEIVED, 3L, StatsContribution.RESOLVED, 2L));
        JsonNode total = body(get("")).get("total");
        assertEquals(0.6667, total.get("processingRate").asDouble());
        assertTrue(total.get("onTimeRate").isNumber(), "resolved, none by the deadline: 0, not null");
        assertEquals(0.0, total.get("onTimeRate").asDouble());
        assertTrue(total.get("satisfaction").isNull(), "no rating: nothing to measure");
        assertTrue(total.get("ackMedianHours").isNull());
        assertEquals(0, total.get("overMaxHours").size());
    }

    @Test
    void quantileBeyond720Hours_nullAndNamedInOverMaxHours() throws Exception {
        source.flows.put(GroupingKey.PROVINCE, Map.of(DurationHistogram.counter(StatsContribution.HELD, 19), 2L,
                DurationHistogram.counter(StatsContribution.HELD, 18), 1L));
        JsonNode b = body(get(""));
        JsonNode total = b.get("total");
        assertTrue(total.get("heldMedianHours").isNull());
        assertTrue(total.get("heldP90Hours").isNull());
        assertEquals(List.of("heldMedianHours", "heldP90Hours"),
                List.of(total.get("overMaxHours").get(0).asText(), total.get("overMaxHours").get(1).asText()));
        assertEquals(720, b.get("maxHours").asInt());
    }

    @Test
    void groupByCategory_everyCategoryOfTheReferenceData_withBothNames() throws Exception {
        JsonNode groups = body(get("groupBy=category")).get("groups");
        assertEquals(List.of("roads", "noise"), keys(groups));
        assertEquals("Tiếng ồn", groups.get(1).at("/name/vi").asText());
        assertEquals("Noise", groups.get(1).at("/name/en").asText());
        assertEquals(List.of(List.of(GroupingKey.PROVINCE, new GroupingKey(Grouping.CATEGORY, "roads"),
                new GroupingKey(Grouping.CATEGORY, "noise"))), source.asked);
    }

    @Test
    void groupByArea_theRootsChildren_orTheFiltersChildren_crossedWithACategoryFilter() throws Exception {
        JsonNode communes = body(get("groupBy=area")).get("groups");
        assertEquals(List.of("24-kinh-bac", "24-tu-son"), keys(communes));
        assertEquals("Phường Kinh Bắc", communes.get(0).at("/name/vi").asText());
        assertEquals(new GroupingKey(Grouping.AREA, "24-kinh-bac"), source.asked.get(0).get(1));

        assertEquals(List.of("24-kinh-bac", "24-tu-son"), keys(body(get("groupBy=area&area=24")).get("groups")));
        assertEquals(0, body(get("groupBy=area&area=24-tu-son")).get("groups").size(), "a commune has no children");

        source.asked.clear();
        get("groupBy=area&category=noise");
        assertEquals(List.of(new GroupingKey(Grouping.CATEGORY, "noise"), GroupingKey.categoryArea("noise", "24-kinh-bac"),
                GroupingKey.categoryArea("noise", "24-tu-son")), source.asked.get(0));
    }

    @Test
    void groupByAgencyAndChannel_everyAgency_everyChannel() throws Exception {
        JsonNode agencies = body(get("groupBy=agency")).get("groups");
        assertEquals(List.of("triage", "ubnd-kinh-bac", "ubnd-tu-son", "so-xay-dung"), keys(agencies));
        assertEquals("Sở Xây dựng", agencies.get(3).at("/name/en").asText());
        JsonNode channels = body(get("groupBy=channel")).get("groups");
        assertEquals(List.of("web", "mobile", "hotline", "email", "open311", "other"), keys(channels));
        assertEquals("Đường dây nóng", channels.get(2).at("/name/vi").asText());
    }

    @Test
    void groupByDayOrMonth_aSeriesOfTheFilteredAggregate() throws Exception {
        JsonNode days = body(get("groupBy=day&from=2026-03-22&to=2026-03-25&agency=triage"));
        assertEquals(List.of("2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25"), keys(days.get("groups")));
        assertTrue(days.get("groups").get(2).get("gaugesFromSnapshot").asBoolean());
        assertTrue(!days.get("groups").get(3).get("gaugesFromSnapshot").asBoolean());
        assertEquals(List.of(new GroupingKey(Grouping.AGENCY, "triage")), source.asked.get(0));

        JsonNode months = body(get("groupBy=month&from=2026-01-15&to=2026-03-25")).get("groups");
        assertEquals(List.of("2026-01", "2026-02", "2026-03"), keys(months));
        assertEquals("2026-01-15", months.get(0).get("from").asText());
        assertEquals("2026-02-28", months.get(1).get("to").asText());
    }

    @Test
    void unknownCodes_400NamingTheField_notCached_nothingRead() throws Exception {
        for (String[] bad : new String[][] {{"category=potholes", "category"}, {"area=99", "area"},
                {"agency=nobody", "agency"}, {"groupBy=category&area=nowhere", "area"}}) {
            APIGatewayV2HTTPResponse r = get(bad[0]);
            assertEquals(400, r.getStatusCode(), bad[0]);
            assertEquals("no-store", r.getHeaders().get("cache-control"));
            assertNull(r.getHeaders().get("etag"));
            JsonNode error = body(r).get("error");
            assertEquals(bad[1], error.get("field").asText());
            assertTrue(!error.at("/message/vi").asText().isEmpty() && !error.at("/message/en").asText().isEmpty());
        }
        assertEquals(List.of(), source.asked);
    }

    @Test
    void badParameters_400WithTheFieldInBothLanguages() throws Exception {
        APIGatewayV2HTTPResponse r = get("agency=triage&channel=web");
        assertEquals(400, r.getStatusCode());
        JsonNode error = body(r).get("error");
        assertEquals("unsupported_combination", error.get("code").asText());
        assertEquals("agency,channel", error.get("field").asText());
        assertEquals(400, get("to=2026-03-26").getStatusCode());
    }

    @Test
    void otherRoute_404() {
        APIGatewayV2HTTPResponse r = api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/public/other")
                .withRawPath("/v1/public/other").build());
        assertEquals(404, r.getStatusCode());
    }

    @Test
    void readFails_500NotCached_noDetail() throws Exception {
        source.failure = new IllegalStateException("table StatsTable-xyz unreachable");
        APIGatewayV2HTTPResponse r = get("");
        assertEquals(500, r.getStatusCode());
        assertEquals("no-store", r.getHeaders().get("cache-control"));
        assertTrue(!r.getBody().contains("StatsTable"));
    }
}
