package vn.pakn.publicstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.stats.DailySnapshots;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.aws.stats.StatsBatchReader;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.stats.StatsAggregator;

/**
 * The endpoint on DynamoDB Local with aggregates made the production way: complaints created and
 * moved through their lifecycles, every event added by the stream aggregator, snapshots written by
 * DailySnapshots. The published figures must equal those worked out by hand from the lifecycles.
 * "Today" is 2026-03-25 in Hanoi; snapshots are complete up to 2026-03-15.
 *
 * <pre>
 * A noise,  Kinh Bắc, web     03-02  routed to Kinh Bắc, acknowledged +2 h, resolved +10 h (on time), rated 5
 * B noise,  Kinh Bắc, mobile  03-02  routed to Kinh Bắc, acknowledged +3 h, resolved 1 h after its deadline, rated 2
 * C noise,  Võ Cường, web     03-03  routed to Kinh Bắc, rejected +2 h
 * D waste,  Kinh Bắc, web     03-03  routed to Kinh Bắc, transferred to Võ Cường 03-04; open
 * E waste,  Vũ Ninh, hotline  03-06  routed to Vũ Ninh, marked overdue after its deadline; open
 * F noise,  Kinh Bắc, web     03-16  routed to Kinh Bắc (after the last snapshot); open
 * </pre>
 */
class PublicStatsIT {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-it");
    private static final String KINH_BAC = "bn-ubnd-kinh-bac";
    private static final String VO_CUONG = "bn-ubnd-vo-cuong";
    private static final String VU_NINH = "bn-ubnd-vu-ninh";
    /** 10:00 on 2026-03-25 in Hanoi. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-03-25T03:00:00Z"), ZoneOffset.UTC);

    private static LocalAwsServices services;
    private static LocalDeployment deployment;
    private static SamTemplate template;
    private static DynamoDbClient counted;
    private static final AtomicInteger requests = new AtomicInteger();
    private static ExecutorService pool;
    private static String complaintsTable;
    private static String statsTable;
    private static DynamoReferenceData reference;
    private static DynamoComplaintStore store;
    private static Lifecycle lifecycle;
    private static StatsAggregator aggregator;
    private static Instant resolvedLateAt;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        template = demo.template();
        deployment = demo.deployment();
        Map<String, String> env = deployment.functionEnvironment(template.function("PublicStatsFunction"));
        statsTable = env.get("STATS_TABLE");
        complaintsTable = deployment.tableName("ComplaintsTable");
        DynamoDbClient dynamo = services.dynamoDb();
        counted = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(services.region())).endpointOverride(services.dynamoDbEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(services.accessKeyId(), services.secretAccessKey())))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        requests.incrementAndGet();
                    }
                })).build();
        pool = Executors.newFixedThreadPool(4);
        // A long cache, loaded once here: the requests counted below are the statistics' own.
        reference = new DynamoReferenceData(counted, env.get("REFERENCE_TABLE"), Duration.ofHours(1), Clock.systemUTC());
        reference.categories();
        store = new DynamoComplaintStore(dynamo, complaintsTable,
                new AssignmentMessages(services.s3Presigner(), "unused", Clock.systemUTC()));
        lifecycle = new Lifecycle(reference);
        aggregator = new StatsAggregator(dynamo, complaintsTable, reference,
                new DynamoStatsTable(dynamo, statsTable, Clock.systemUTC()));

        Instant t = Instant.parse("2026-03-02T01:00:00Z");
        String a = routed(t, "noise", "24-kinh-bac", Channel.WEB, KINH_BAC);
        act(a, new Command.Acknowledge(null), t.plus(hours(2)));
        act(a, new Command.Resolve("Đã xử lý"), t.plus(hours(10)));
        act(a, new Command.Confirm(5, null), t.plus(hours(11)));

        Instant tb = t.plus(hours(1));
        String b = routed(tb, "noise", "24-kinh-bac", Channel.MOBILE, KINH_BAC);
        act(b, new Command.Acknowledge(null), tb.plus(hours(3)));
        resolvedLateAt = handling(b).resolveBy().plus(hours(1));
        act(b, new Command.Resolve("Đã xử lý"), resolvedLateAt);
        act(b, new Command.Confirm(2, null), resolvedLateAt.plus(hours(1)));

        Instant tc = Instant.parse("2026-03-03T01:00:00Z");
        String c = routed(tc, "noise", "24-vo-cuong", Channel.WEB, KINH_BAC);
        act(c, new Command.Reject(RejectReason.INVALID, null, null), tc.plus(hours(2)));

        String d = routed(tc.plus(hours(1)), "waste", "24-kinh-bac", Channel.WEB, KINH_BAC);
        act(d, new Command.Transfer(VO_CUONG, "Không thuộc địa bàn"), Instant.parse("2026-03-04T02:00:00Z"));

        String e = routed(Instant.parse("2026-03-06T02:00:00Z"), "waste", "24-vu-ninh", Channel.HOTLINE, VU_NINH);
        act(e, new Command.MarkOverdue("resolve"), handling(e).resolveBy().plus(hours(1)));

        routed(Instant.parse("2026-03-16T03:00:00Z"), "noise", "24-kinh-bac", Channel.WEB, KINH_BAC);

        new DailySnapshots(dynamo, statsTable, TODAY).rebuild(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-15"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (services != null) {
            services.close();
        }
    }

    private static PublicStatsApi api(Clock clock) {
        return new PublicStatsApi(new PublicStatsService(new StatsBatchReader(counted, statsTable, pool, clock), reference, clock));
    }

    private static JsonNode get(PublicStatsApi api, String query) throws Exception {
        APIGatewayV2HTTPResponse r = api.handle(event(query));
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.read(r.getBody());
    }

    private static APIGatewayV2HTTPEvent event(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                params.put(pair.split("=", 2)[0], pair.split("=", 2)[1]);
            }
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/public/stats").withRawPath("/v1/public/stats")
                .withQueryStringParameters(params).withHeaders(Map.of()).build();
    }

    @Test
    void thisMonthToToday_figuresAsWorkedOutFromTheLifecycles() throws Exception {
        assertTrue(resolvedLateAt.isBefore(Instant.parse("2026-03-15T00:00:00Z")), "B is resolved before the snapshots end");
        JsonNode answer = get(api(TODAY), "");
        assertEquals("2026-03-01", answer.get("from").asText());
        assertEquals("2026-03-25", answer.get("asOf").asText());
        assertFalse(answer.at("/gauges/fromSnapshot").asBoolean(), "the backlog today: last snapshot plus the days since");
        assertEquals("2026-03-15", answer.at("/gauges/lastSnapshotDay").asText());
        JsonNode total = answer.get("total");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("received", 6L);
        expected.put("resolved", 2L);
        expected.put("onTime", 1L);
        expected.put("resolvedLate", 1L);
        expected.put("rejected", 1L);
        expected.put("closed", 2L);
        expected.put("transferred", 1L);
        expected.put("ratings", 2L);
        expected.put("ratings45", 1L);
        expected.put("missedDeadline", 2L); // B resolved late, E marked overdue
        expected.put("open", 3L); // D, E, F
        expected.put("openOverdue", 1L); // E
        expected.put("overdue", 2L); // E open past due, plus B resolved late
        expected.put("processingRate", 0.5); // (2 resolved + 1 rejected) / 6
        expected.put("onTimeRate", 0.5);
        expected.put("satisfaction", 0.5);
        expected.put("transfersPerComplaint", 0.1667);
        expected.put("ackMedianHours", 2L); // A after 2 h, B after 3 h
        expected.put("ackP90Hours", 3L);
        expected.put("resolveMedianHours", 12L); // A after 10 h: (8, 12]
        assertFigures(expected, total);
    }

    @Test
    void pastDay_backlogFromThatDaysSnapshot() throws Exception {
        JsonNode answer = get(api(TODAY), "from=2026-03-01&to=2026-03-05");
        assertTrue(answer.at("/gauges/fromSnapshot").asBoolean());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("received", 4L); // A, B, C, D
        expected.put("resolved", 1L); // A
        expected.put("rejected", 1L); // C
        expected.put("processingRate", 0.5);
        expected.put("onTimeRate", 1.0);
        expected.put("satisfaction", 1.0);
        expected.put("open", 2L); // B, D at the end of 03-05
        expected.put("openOverdue", 0L);
        expected.put("overdue", 0L);
        assertFigures(expected, answer.get("total"));
    }

    @Test
    void dailySeries_acrossTheLastSnapshot_backlogDayByDay() throws Exception {
        JsonNode groups = get(api(TODAY), "groupBy=day&from=2026-03-14&to=2026-03-17").get("groups");
        assertEquals(4, groups.size());
        long[] open = new long[4];
        boolean[] fromSnapshot = new boolean[4];
        for (int i = 0; i < 4; i++) {
            open[i] = groups.get(i).at("/figures/open").asLong();
            fromSnapshot[i] = groups.get(i).get("gaugesFromSnapshot").asBoolean();
        }
        assertEquals("[2, 2, 3, 3]", java.util.Arrays.toString(open), "D and E, then F from the 16th");
        assertEquals("[true, true, false, false]", java.util.Arrays.toString(fromSnapshot));
        assertEquals(1, groups.get(2).at("/figures/received").asLong());
    }

    @Test
    void categoriesInOneCommune_everyCategoryListed_figuresOfThatCommuneOnly() throws Exception {
        JsonNode answer = get(api(TODAY), "groupBy=category&area=24-kinh-bac");
        assertEquals(reference.categories().size(), answer.get("groups").size());
        Map<String, JsonNode> byKey = new HashMap<>();
        answer.get("groups").forEach(g -> byKey.put(g.get("key").asText(), g));
        JsonNode noise = byKey.get("noise");
        assertEquals("Tiếng ồn", noise.at("/name/vi").asText());
        assertFigures(Map.of("received", 3L, "resolved", 2L, "open", 1L, "satisfaction", 0.5), noise.get("figures"));
        assertFigures(Map.of("received", 1L, "transferred", 1L, "open", 1L, "resolved", 0L), byKey.get("waste").get("figures"));
        assertFigures(Map.of("received", 0L, "open", 0L), byKey.get("roads").get("figures"));
        assertTrue(byKey.get("roads").at("/figures/processingRate").isNull());
        assertFigures(Map.of("received", 4L, "open", 2L), answer.get("total"));
    }

    @Test
    void agencies_assignedAndBacklogFollowTheTransfer() throws Exception {
        JsonNode answer = get(api(TODAY), "groupBy=agency");
        Map<String, JsonNode> byKey = new HashMap<>();
        answer.get("groups").forEach(g -> byKey.put(g.get("key").asText(), g.get("figures")));
        assertFigures(Map.of("assigned", 5L, "transferred", 1L, "open", 1L, "resolved", 2L), byKey.get(KINH_BAC));
        assertFigures(Map.of("assigned", 1L, "transferred", 0L, "open", 1L), byKey.get(VO_CUONG));
        assertFigures(Map.of("assigned", 1L, "openOverdue", 1L), byKey.get(VU_NINH));
    }

    /**
     * Latency that does not grow with the complaints, shown by what decides it: the number of
     * requests. The same queries cost exactly as many requests over a few complaints as over many.
     */
    @Test
    void sameQueries_fewOrManyComplaints_sameNumberOfRequests() throws Exception {
        // May 2026, away from the March figures the other tests check; snapshots stay where they are.
        Clock may = Clock.fixed(Instant.parse("2026-05-20T03:00:00Z"), ZoneOffset.UTC);
        List<String> queries = List.of("", "from=2026-05-01&to=2026-05-10", "groupBy=category&area=24-kinh-bac",
                "groupBy=area", "groupBy=agency", "groupBy=channel", "groupBy=day&from=2026-05-01",
                "groupBy=month&from=2026-01-15", "category=noise&area=24", "from=2026-03-10&to=2026-05-20");
        for (int i = 0; i < 2; i++) {
            routed(Instant.parse("2026-05-04T02:00:00Z"), "noise", "24-kinh-bac", Channel.WEB, KINH_BAC);
        }
        PublicStatsApi api = api(may);
        Map<String, Integer> few = costs(api, queries);
        long receivedFew = get(api, "").at("/total/received").asLong();

        String[] categories = {"noise", "waste", "roads", "trees", "drainage"};
        String[] areas = {"24-kinh-bac", "24-vo-cuong", "24-vu-ninh", "24-tu-son"};
        for (int i = 0; i < 40; i++) {
            Instant at = Instant.parse("2026-05-01T01:00:00Z").plus(Duration.ofHours(7L * i));
            String id = routed(at, categories[i % categories.length], areas[i % areas.length],
                    Channel.values()[i % Channel.values().length], KINH_BAC);
            if (i % 3 == 0) {
                act(id, new Command.Acknowledge(null), at.plus(hours(1)));
                act(id, new Command.Resolve("Đã xử lý"), at.plus(hours(5)));
            }
        }
        Map<String, Integer> many = costs(api, queries);
        assertEquals(receivedFew + 40, get(api, "").at("/total/received").asLong(), "the figures did change");
        assertEquals(few, many);
        assertTrue(few.get("") <= 4, "the default answer: META, one snapshot batch, its days: " + few);
        assertTrue(few.get("groupBy=category&area=24-kinh-bac") <= 2 + reference.categories().size() + 1,
                "one snapshot batch and at most one query per member: " + few);
    }

    @Test
    void handlerAsDeployed_answersWithCacheHeaders() {
        Map<String, String> env = deployment.functionEnvironment(template.function("PublicStatsFunction"));
        try (PublicStatsHandler handler = new PublicStatsHandler(env)) {
            APIGatewayV2HTTPResponse r = handler.handleRequest(event("groupBy=channel"), null);
            assertEquals(200, r.getStatusCode(), r.getBody());
            assertEquals("public, max-age=300", r.getHeaders().get("cache-control"));
            assertTrue(r.getHeaders().get("etag").startsWith("\""));
            assertTrue(r.getBody().contains("\"key\":\"hotline\""), r.getBody());
        }
    }

    private static Map<String, Integer> costs(PublicStatsApi api, List<String> queries) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String q : queries) {
            int before = requests.get();
            get(api, q);
            out.put(q, requests.get() - before);
        }
        return out;
    }

    private static void assertFigures(Map<String, Object> expected, JsonNode figures) {
        expected.forEach((name, value) -> {
            JsonNode actual = figures.get(name);
            if (value instanceof Double d) {
                assertEquals(d, actual.asDouble(), 1e-9, name);
            } else {
                assertEquals(((Long) value).longValue(), actual.asLong(), name + " in " + figures);
            }
        });
    }

    private static Duration hours(long h) {
        return Duration.ofHours(h);
    }

    private static vn.pakn.domain.complaint.Handling handling(String id) {
        return store.findById(id).orElseThrow().complaint().handling();
    }

    private static String routed(Instant at, String category, String area, Channel channel, String agencyId) {
        String id = Ids.newId(at);
        Complaint complaint = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area,
                null, "Phản ánh thử", List.of(), new Reporter("Lê Văn C", "0901234567", null), false,
                channel, at, at, CitizenSecret.hash(CitizenSecret.generate()));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(channel), at, null);
        CreateOutcome outcome = new DynamoComplaintRepository(services.dynamoDb(), complaintsTable)
                .create(new NewComplaint(complaint, first, List.of(), null));
        assertTrue(outcome instanceof CreateOutcome.Created, outcome.toString());
        aggregator.apply(id, 1);
        append(lifecycle.apply(complaint, new Command.Route(agencyId, "routed"), Actor.system("router"), at));
        return id;
    }

    private static void act(String id, Command command, Instant at) {
        Complaint current = store.findById(id).orElseThrow().complaint();
        append(lifecycle.apply(current, command, OFFICER, at));
    }

    /** Stored, then added to the statistics as the stream aggregator does for each new event. */
    private static void append(Transition t) {
        store.append(t);
        aggregator.apply(t.event().complaintId(), t.event().seq());
    }
}
