package vn.pakn.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.testing.DemoDeployment;
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
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.intake.PhotoKeys;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.sla.WorkingCalendar;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * The public feed through its real handler, configured from template.yaml, on DynamoDB Local (the
 * template's table with its gsi5) and s3proxy. Complaints are stored as the citizen API stores them
 * and changed as the agency API changes them. Each test works in months of its own (date filters),
 * so they share the table without seeing each other.
 */
class PublicFeedIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NAME = "Đỗ Thị Hoa";
    private static final String PHONE = "0977123456";
    private static LocalAwsServices services;
    private static LocalDeployment deployment;
    private static PublicFeedHandler handler;
    private static DynamoComplaintRepository repository;
    private static DynamoComplaintStore store;
    private static Lifecycle lifecycle;
    private static String table;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        deployment = demo.deployment();
        String referenceTable = deployment.tableName("ReferenceTable");
        table = deployment.tableName("ComplaintsTable");
        repository = new DynamoComplaintRepository(services.dynamoDb(), table);
        store = new DynamoComplaintStore(services.dynamoDb(), table, new AssignmentMessages(services.s3Presigner(),
                deployment.bucketName("PhotosBucket"), Clock.systemUTC()));
        lifecycle = new Lifecycle(new DynamoReferenceData(services.dynamoDb(), referenceTable, Duration.ZERO,
                Clock.systemUTC()));
        handler = new PublicFeedHandler(deployment.functionEnvironment(template.function("PublicFeedFunction")));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    // ------------------------------------------------------------------ the index

    @Test
    void pages_walkTheMonthPartitionsNewestFirst_withinTheDatesAsKeyConditions() throws Exception {
        List<String> inRange = new ArrayList<>();
        created("noise", local("2025-03-31T23:59:59")); // the day before the range
        for (String at : List.of("2025-04-01T00:00:00", "2025-04-15T12:00:00", "2025-05-01T23:59:59",
                "2025-05-02T00:00:00", "2025-05-20T10:00:00", "2025-05-20T10:00:00.5", "2025-05-31T23:59:59.999")) {
            inRange.add(created("noise", local(at)));
        }
        // Received at the same instant: the id orders them, and a page may end between them.
        Instant tie = local("2025-05-20T10:00:00");
        inRange.add(created("waste", tie));
        inRange.add(created("waste", tie));
        created("noise", local("2025-06-01T00:00:00")); // the day after
        inRange.sort(Comparator.comparing((String id) -> ComplaintKeys.feedSortKey(stored(id).receivedAt(), id))
                .reversed());

        Map<String, String> range = Map.of("from", "2025-04-01", "to", "2025-05-31");
        for (String limit : List.of("1", "2", "4")) {
            Map<String, String> query = new HashMap<>(range);
            query.put("limit", limit);
            assertEquals(inRange, eventually(() -> allPages(query), inRange::equals), "limit " + limit);
        }
        Map<String, String> waste = new HashMap<>(range);
        waste.put("category", "waste");
        assertEquals(inRange.stream().filter(id -> stored(id).categoryCode().equals("waste")).toList(),
                allPages(waste));
    }

    @Test
    void theIndex_holdsComplaintsOnly_andNothingPersonal() {
        String id = created("noise", local("2025-07-10T09:00:00"));
        route(id, "bn-ubnd-kinh-bac");
        List<Map<String, AttributeValue>> items = services.dynamoDb().query(b -> b.tableName(table)
                .indexName(ComplaintKeys.GSI5)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", ComplaintKeys.GSI5_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("FEED#2025-07")))).items();
        assertEquals(1, items.size(), "events, the tracking code, the outbox items are not in it");
        Map<String, AttributeValue> item = items.get(0);
        assertEquals(id, Attr.str(item, "id"));
        for (String personal : List.of("reporter", "secretHash", "trackingCode", "hideIdentity")) {
            assertFalse(item.containsKey(personal), personal);
        }
        assertFalse(item.toString().contains(NAME) || item.toString().contains(PHONE));
        assertEquals("ASSIGNED", Attr.str(item, "status"), "the index follows the complaint's changes");
    }

    @Test
    void categoryNotInTheFeed_isLeftOut_andItsComplaintIs404() throws Exception {
        String shown = created("noise", local("2025-08-03T09:00:00"));
        String hidden = created("public-security", local("2025-08-03T10:00:00"));
        assertEquals(List.of(shown), eventually(() -> allPages(Map.of("from", "2025-08-01", "to", "2025-08-31")),
                ids -> !ids.isEmpty()));
        assertEquals(404, call(get(hidden)).getStatusCode());
        assertEquals(200, call(get(shown)).getStatusCode());
    }

    // ------------------------------------------------------------------ photos

    @Test
    void publishedPhoto_isWrittenEntryByEntry_andItsLinkServesTheLocationFreeCopy() throws Exception {
        String photoId = Ids.newId(Instant.now());
        String otherId = Ids.newId(Instant.now());
        byte[] publicCopy = "the public copy, without EXIF".getBytes();
        services.s3().putObject(b -> b.bucket(deployment.bucketName("PhotosBucket"))
                .key(PhotoKeys.publicCopy(photoId, ImageType.JPEG)), RequestBody.fromBytes(publicCopy));
        String id = created("roads", local("2025-09-05T09:00:00"),
                new Photo(photoId, "image/jpeg", PhotoStatus.ACCEPTED, null),
                new Photo(otherId, "image/jpeg", PhotoStatus.ACCEPTED, null));
        route(id, "bn-so-xay-dung");
        // What the photo check writes into the same entry, without the version: it must survive.
        services.dynamoDb().updateItem(b -> b.tableName(table).key(ComplaintKeys.stateKey(id))
                .updateExpression("SET #photos.#id.thumbnailKey = :t")
                .expressionAttributeNames(Map.of("#photos", "photos", "#id", photoId))
                .expressionAttributeValues(Map.of(":t", Attr.s(PhotoKeys.thumbnail(photoId)))));
        store.append(lifecycle.apply(stored(id), new Command.PublishPhotos(List.of(photoId), true),
                new Actor(Actor.Kind.AGENCY, "so-xd-01"), Instant.now()));

        Map<String, AttributeValue> photo = stateItem(id).get("photos").m().get(photoId).m();
        assertEquals(Boolean.TRUE, photo.get("publishable").bool());
        assertEquals(PhotoKeys.thumbnail(photoId), photo.get("thumbnailKey").s());
        assertFalse(stored(id).photos().get(1).publishable());

        JsonNode view = json(call(get(id)));
        assertEquals(1, view.get("photos").size(), view.toString());
        String url = view.at("/photos/0/url").asText();
        assertTrue(url.contains("/public/" + photoId + ".jpg"), url);
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(publicCopy, fetched.body());
        JsonNode item = eventually(() -> allItems(Map.of("from", "2025-09-01", "to", "2025-09-30")),
                items -> !items.isEmpty() && items.get(0).get("photos").size() == 1).get(0);
        assertTrue(item.at("/photos/0/url").asText().contains("/public/" + photoId + ".jpg"));
    }

    @Test
    void storedBeforeTheFeed_aComplaintWithoutItsKeysOrFlags_joinsAtItsNextChange() throws Exception {
        String photoId = Ids.newId(Instant.now());
        String id = created("noise", local("2025-10-07T09:00:00"),
                new Photo(photoId, "image/jpeg", PhotoStatus.ACCEPTED, null));
        services.dynamoDb().updateItem(b -> b.tableName(table).key(ComplaintKeys.stateKey(id))
                .updateExpression("REMOVE gsi5pk, gsi5sk, #photos.#id.publishable")
                .expressionAttributeNames(Map.of("#photos", "photos", "#id", photoId)));
        assertFalse(stored(id).photos().get(0).publishable(), "an absent flag reads as not published");
        Map<String, String> october = Map.of("from", "2025-10-01", "to", "2025-10-31");
        assertEquals(List.of(), allPages(october));
        route(id, "bn-ubnd-kinh-bac");
        assertEquals(List.of(id), eventually(() -> allPages(october), ids -> !ids.isEmpty()));
    }

    @Test
    void priming_runsOnTheRealServices_andWritesNothing() {
        created("noise", local("2025-11-03T09:00:00"));
        int before = services.dynamoDb().scan(b -> b.tableName(table).select(Select.COUNT)).count();
        handler.getApplicationContext().getBean(PublicFeedPriming.class).prime();
        int after = services.dynamoDb().scan(b -> b.tableName(table).select(Select.COUNT)).count();
        assertEquals(before, after);
    }

    // ------------------------------------------------------------------ helpers

    private static Instant local(String dateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(dateTime), WorkingCalendar.VIETNAM).toInstant();
    }

    /** Stored as the citizen API stores a submission: one transaction, reporter data included. */
    private static String created(String category, Instant at, Photo... photos) {
        String id = Ids.newId(at);
        Complaint c = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, "24-kinh-bac",
                new GeoPoint(21.186143, 106.076337), "Phản ánh thử nghiệm", List.of(photos),
                new Reporter(NAME, PHONE, null), true, Channel.WEB, at, at, CitizenSecret.hash("secret"));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.WEB), at, null);
        assertTrue(repository.create(new NewComplaint(c, first, List.of(), null)) instanceof CreateOutcome.Created);
        return id;
    }

    private static void route(String id, String agencyId) {
        store.append(lifecycle.apply(stored(id), new Command.Route(agencyId, "rule"), Actor.system("router"),
                Instant.now()));
    }

    private static Complaint stored(String id) {
        return store.findById(id).orElseThrow().complaint();
    }

    private static Map<String, AttributeValue> stateItem(String id) {
        return services.dynamoDb().getItem(b -> b.tableName(table).key(ComplaintKeys.stateKey(id))
                .consistentRead(true)).item();
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        Log.bind("it-" + System.nanoTime(), "PublicFeedFunction");
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPEvent get(String id) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/public/complaints/{id}")
                .withRawPath("/v1/public/complaints/" + id).withPathParameters(Map.of("id", id)).build();
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    private static List<JsonNode> allItems(Map<String, String> query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        try {
            do {
                Map<String, String> q = new HashMap<>(query);
                if (cursor != null) {
                    q.put("cursor", cursor);
                }
                APIGatewayV2HTTPResponse response = call(APIGatewayV2HTTPEvent.builder()
                        .withRouteKey("GET /v1/public/complaints").withRawPath("/v1/public/complaints")
                        .withQueryStringParameters(q).build());
                assertEquals(200, response.getStatusCode(), response.getBody());
                assertEquals("public, max-age=60", response.getHeaders().get("cache-control"));
                JsonNode page = json(response);
                page.get("items").forEach(items::add);
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
                assertTrue(++pages < 40, "pagination does not end");
            } while (cursor != null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return items;
    }

    private static List<String> allPages(Map<String, String> query) {
        return allItems(query).stream().map(item -> item.get("id").asText()).toList();
    }

    /** Indexes may trail the table by a moment on AWS: wait for what must become true, with a deadline. */
    private static <T> T eventually(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }
}
