package vn.pakn.opendata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.stats.DynamoStatsReader;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.aws.testing.DemoDeployment;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.stats.ComplaintFacts;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * The publisher on the embedded DynamoDB Local and s3proxy, as deployed: the handler is built from
 * the template's environment for OpenDataFunction, complaints are stored and moved through their
 * states as the other functions do, and the files are read back from the bucket.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenDataIT {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-it");

    private static LocalAwsServices services;
    private static Map<String, String> env;
    private static DynamoDbClient dynamo;
    private static S3Client s3;
    private static String table;
    private static String bucket;
    private static DynamoComplaintStore store;
    private static Lifecycle lifecycle;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        LocalDeployment deployment = demo.deployment();
        env = deployment.functionEnvironment(template.function("OpenDataFunction"));
        dynamo = services.dynamoDb();
        s3 = services.s3();
        table = env.get("COMPLAINTS_TABLE");
        bucket = env.get("OPEN_DATA_BUCKET");
        var reference = new DynamoReferenceData(dynamo, env.get("REFERENCE_TABLE"), Duration.ZERO, Clock.systemUTC());
        store = new DynamoComplaintStore(dynamo, table,
                new AssignmentMessages(services.s3Presigner(), env.get("PHOTOS_BUCKET"), Clock.systemUTC()));
        lifecycle = new Lifecycle(reference);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    @Order(1)
    void nightlyRun_publishesEveryComplaintRedacted_andADescriptorThatMatchesTheFile() throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String pothole = submit("roads", "24-kinh-bac", "Ổ gà trước nhà số 12, đường \"Nguyễn Trãi\"",
                new GeoPoint(21.18614, 106.07633), t0);
        act(pothole, new Command.Route("bn-so-xay-dung", "routed"), t0);
        act(pothole, new Command.Acknowledge(null), t0.plus(Duration.ofHours(1)));
        act(pothole, new Command.Resolve("Đã vá, mặt đường an toàn."), t0.plus(Duration.ofHours(20)));
        String security = submit("public-security", "24-kinh-bac", "Nhà ông X ở ngõ 5 tụ tập đánh bạc",
                new GeoPoint(21.17777, 106.05555), t0);
        String fresh = submit("noise", "24-tu-son", "Karaoke sau 23 giờ", null, t0);
        // Many more, so every scan segment has some and pages are crossed.
        for (int i = 0; i < 40; i++) {
            submit("waste", "24-kinh-bac", "Rác tồn đọng " + i, null, t0);
        }

        String result;
        try (OpenDataHandler handler = new OpenDataHandler(env)) {
            result = handler.handleRequest(new ScheduledEvent(), null);
        }

        assertTrue(result.contains("complaints.csv 43 rows"), result);
        ResponseBytes<GetObjectResponse> csvObject = s3.getObjectAsBytes(b -> b.bucket(bucket).key("open-data/complaints.csv"));
        assertEquals("text/csv; charset=utf-8", csvObject.response().contentType());
        String csv = csvObject.asString(StandardCharsets.UTF_8);
        Map<String, Map<String, String>> rows = ComplaintsCsvTest.rows(csv).stream()
                .collect(Collectors.toMap(r -> r.get("id"), r -> r));
        assertEquals(43, rows.size(), "one row per complaint, events and outbox items left out");

        Map<String, String> resolved = rows.get(pothole);
        assertEquals("RESOLVED", resolved.get("status"));
        assertEquals("bn-so-xay-dung", resolved.get("agency"));
        assertEquals("true", resolved.get("on_time"));
        assertEquals("Ổ gà trước nhà số 12, đường \"Nguyễn Trãi\"", resolved.get("description"));
        assertEquals("Đã vá, mặt đường an toàn.", resolved.get("resolution"));
        assertEquals("21.186", resolved.get("lat"));
        assertEquals("106.076", resolved.get("lon"));

        Map<String, String> secret = rows.get(security);
        assertEquals("public-security", secret.get("category"));
        assertEquals("", secret.get("description"));
        assertEquals("", secret.get("lat"));
        assertEquals("RECEIVED", rows.get(fresh).get("status"));
        for (String personal : List.of("Trần Thị Mai", "0987654321", "mai.tran@example.vn", "21.18614", "đánh bạc")) {
            assertFalse(csv.contains(personal), personal + " must not be published");
        }

        byte[] descriptorBytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key("open-data/datapackage.json")).asByteArray();
        JsonNode complaints = Json.read(new String(descriptorBytes, StandardCharsets.UTF_8)).at("/resources/0");
        byte[] csvBytes = csvObject.asByteArray();
        assertEquals(csvBytes.length, complaints.get("bytes").asLong());
        assertEquals("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csvBytes)),
                complaints.get("hash").asText());
        assertEquals(43, complaints.get("rows").asLong());
    }

    @Test
    void fileLargerThanAPart_isUploadedInParts_andAnAbandonedUploadLeavesTheObjectAsItWas() throws Exception {
        S3OpenDataStore parts = new S3OpenDataStore(s3, bucket, S3OpenDataStore.MIN_PART_SIZE);
        byte[] big = new byte[2 * S3OpenDataStore.MIN_PART_SIZE + 12345];
        new Random(7).nextBytes(big);
        try (OpenDataStore.ObjectWriter out = parts.open("open-data/test/big.bin", "application/octet-stream")) {
            for (int offset = 0; offset < big.length; offset += 100_000) {
                out.write(big, offset, Math.min(100_000, big.length - offset));
            }
            out.commit();
        }
        assertArrayEquals(big, s3.getObjectAsBytes(b -> b.bucket(bucket).key("open-data/test/big.bin")).asByteArray());

        try (OpenDataStore.ObjectWriter out = parts.open("open-data/test/big.bin", "application/octet-stream")) {
            out.write(new byte[S3OpenDataStore.MIN_PART_SIZE + 1]); // a part is sent: a multipart upload is under way
        } // closed without commit: abandoned

        assertArrayEquals(big, s3.getObjectAsBytes(b -> b.bucket(bucket).key("open-data/test/big.bin")).asByteArray());
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty(), "the upload was aborted");
    }

    // ---------------------------------------------------------------- helpers

    /** Last: its complaints would change the row counts the tests before it check. */
    @Test
    @Order(99)
    void nightlyRun_snapshotsTheBacklog_andPublishesTheStatisticsTheEndpointWouldAnswer() throws Exception {
        Instant t0 = Instant.parse("2026-10-05T03:00:00Z");
        String fixedOnTime = submit("waste", "24-vu-ninh", "Rác tràn ra đường", null, t0);
        act(fixedOnTime, new Command.Route("bn-ubnd-vu-ninh", "routed"), t0);
        act(fixedOnTime, new Command.Acknowledge(null), t0.plus(Duration.ofHours(2)));
        act(fixedOnTime, new Command.Resolve("Đã thu gom."), t0.plus(Duration.ofHours(5)));
        String stillOpen = submit("waste", "24-vu-ninh", "Rác ở chợ", null, t0.plus(Duration.ofHours(1)));
        act(stillOpen, new Command.Route("bn-ubnd-vu-ninh", "routed"), t0.plus(Duration.ofHours(1)));
        var statsTable = new DynamoStatsTable(dynamo, env.get("STATS_TABLE"), Clock.systemUTC());
        var reference = new DynamoReferenceData(dynamo, env.get("REFERENCE_TABLE"), Duration.ZERO, Clock.systemUTC());
        for (String id : List.of(fixedOnTime, stillOpen)) {
            // What the stream aggregator does for each event (functions/stats-aggregator).
            var history = store.findById(id).orElseThrow();
            ComplaintFacts facts = ComplaintFacts.of(history.complaint(), reference);
            List<ComplaintEvent> events = history.events();
            for (int i = 0; i < events.size(); i++) {
                statsTable.add(StatsContribution.of(events.get(i), events.subList(0, i), facts));
            }
        }

        LocalDate dayBefore = LocalDate.now(StatsContribution.ZONE);
        try (OpenDataHandler handler = new OpenDataHandler(env)) {
            handler.handleRequest(new ScheduledEvent(), null);
        }
        LocalDate dayAfter = LocalDate.now(StatsContribution.ZONE);

        // A run that spans midnight in Vietnam reads "yesterday" on either side of it.
        LocalDate lastSnapshot = new DynamoStatsReader(dynamo, env.get("STATS_TABLE")).lastSnapshotDay();
        assertTrue(dayBefore.minusDays(1).equals(lastSnapshot) || dayAfter.minusDays(1).equals(lastSnapshot),
                "snapshots reach yesterday: " + lastSnapshot);
        Map<String, Map<String, String>> monthly = ComplaintsCsvTest.rows(text("open-data/statistics-monthly.csv")).stream()
                .collect(Collectors.toMap(r -> r.get("period") + "|" + r.get("grouping") + "|" + r.get("key"), r -> r));
        Map<String, String> area = monthly.get("2026-10|area|24-vu-ninh");
        assertEquals("2", area.get("received"));
        assertEquals("1", area.get("resolved"));
        assertEquals("1", area.get("on_time"));
        assertEquals("1", area.get("open_backlog"), "as of the end of October, from that day's snapshot");
        assertEquals("0.5", area.get("processing_rate"));
        assertEquals("1", area.get("on_time_rate"));
        assertEquals("6", area.get("resolve_median_hours"), "5 h is in the (4, 6] bucket");
        assertEquals("", area.get("satisfaction"), "no ratings: undefined, not zero");
        Map<String, String> agency = monthly.get("2026-10|agency|bn-ubnd-vu-ninh");
        assertEquals("2", agency.get("assigned"));
        assertEquals("1", agency.get("open_backlog"));
        assertEquals("0", monthly.get("2026-11|area|24-vu-ninh").get("received"), "nothing received in November");
        assertEquals("1", monthly.get("2026-11|area|24-vu-ninh").get("open_backlog"), "still open in November");
        assertEquals("Rác thải, vệ sinh môi trường — Phường Vũ Ninh",
                monthly.get("2026-10|category_area|waste@24-vu-ninh").get("name"));

        JsonNode json = Json.read(text("open-data/statistics.json"));
        assertTrue(json.isArray());
        long jsonMonthly = 0;
        for (JsonNode row : json) {
            if (row.get("period_type").asText().equals("month")) {
                jsonMonthly++;
            }
        }
        assertEquals(monthly.size(), jsonMonthly, "the JSON holds the same monthly rows");
        JsonNode descriptor = Json.read(text("open-data/datapackage.json"));
        List<String> paths = new java.util.ArrayList<>();
        descriptor.get("resources").forEach(r -> paths.add(r.get("path").asText()));
        assertTrue(paths.containsAll(List.of("complaints.csv", "statistics-monthly.csv", "statistics-daily.csv",
                "statistics.json")), paths.toString());
    }

    private static String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    private static String submit(String category, String area, String description, GeoPoint location, Instant at) {
        String id = Ids.newId(at);
        Complaint complaint = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area, location,
                description, List.of(), new vn.pakn.domain.complaint.Reporter("Trần Thị Mai", "0987654321",
                "mai.tran@example.vn"), false, Channel.WEB, at, at, CitizenSecret.hash(CitizenSecret.generate()));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), at, null);
        CreateOutcome outcome = new DynamoComplaintRepository(dynamo, table)
                .create(new NewComplaint(complaint, first, List.of(), null));
        assertTrue(outcome instanceof CreateOutcome.Created, outcome.toString());
        return id;
    }

    private static void act(String id, Command command, Instant at) {
        Complaint current = store.findById(id).orElseThrow().complaint();
        Actor actor = command instanceof Command.Route ? Actor.system("router") : OFFICER;
        store.append(lifecycle.apply(current, command, actor, at));
    }
}
