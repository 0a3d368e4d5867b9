package vn.pakn.opendata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.json.Json;
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
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/**
 * The publisher on the embedded DynamoDB Local and s3proxy, as deployed: the handler is built from
 * the template's environment for OpenDataFunction, complaints are stored and moved through their
 * states as the other functions do, and the files are read back from the bucket.
 */
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
        services = LocalAwsServices.start(line -> { }, Map.of());
        SamTemplate template = SamTemplate.load();
        LocalDeployment deployment = Provisioner.provision(template, services, line -> { });
        Path seed = template.path().getParent().resolve("infra/seed");
        var importer = new ReferenceImporter(services.dynamoDb(), deployment.tableName("ReferenceTable"));
        try (InputStream categories = Files.newInputStream(seed.resolve("categories.json"));
             InputStream province = Files.newInputStream(seed.resolve("demo-bac-ninh.json"))) {
            importer.importCategories(categories);
            importer.importProvince(province);
        }
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
