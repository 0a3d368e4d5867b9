package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.events.EventSettings;

/** The whole runtime on the real template.yaml, with the real handlers, as {@code infra/run-local} runs it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> PROGRESS = new CopyOnWriteArrayList<>();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(new LocalRuntime.Options()
                .apiPort(0)
                .environment(Map.of()) // embedded services, whatever the machine's AWS_ENDPOINT_URL says
                // Another origin besides the web client's (which locally is the API's own).
                .parameterOverrides(Map.of("AllowedOrigin", "https://pakn.example.vn"))
                .requireAllFunctions(true)
                .eventSettings(EventSettings.fast())
                .progress(line -> {
                    PROGRESS.add(line);
                    System.out.println(line);
                }));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void routes_areTheHttpApiEventsOfTheTemplate() {
        Set<String> routes = runtime.routes().stream()
                .map(r -> r.routeKey() + " -> " + r.functionLogicalId()).collect(Collectors.toSet());
        Set<String> declared = runtime.deployment().template().functions().stream()
                .flatMap(f -> f.eventsOfType("HttpApi").stream().map(e -> e.properties().get("Method") + " "
                        + e.properties().get("Path") + " -> " + f.logicalId()))
                .collect(Collectors.toSet());
        assertEquals(declared, routes);
        assertTrue(routes.containsAll(Set.of(
                "GET /v1/categories -> CitizenApiFunction",
                "GET /v1/areas -> CitizenApiFunction",
                "POST /v1/uploads -> CitizenApiFunction",
                "POST /v1/complaints -> CitizenApiFunction",
                "GET /v1/complaints/{trackingCode} -> CitizenApiFunction")), routes.toString());
        assertTrue(runtime.routes().stream().filter(r -> r.functionLogicalId().equals("CitizenApiFunction"))
                .allMatch(r -> r.authorizer() == null), "citizen routes are open");
    }

    @Test
    @Order(2)
    void categories_answer200_withTheThirtyTwoDemoCategories() throws Exception {
        HttpResponse<String> response = get("/v1/categories");
        assertEquals(200, response.statusCode());
        JsonNode categories = JSON.readTree(response.body()).path("categories");
        assertEquals(32, categories.size());
        assertEquals(32, runtime.demoData().categories());
        assertEquals(7, runtime.demoData().areas());
        assertEquals(19, runtime.demoData().agencies());
        assertEquals(19, runtime.demoData().agencyQueueUrls().size(), "every demo agency is enabled and has its queue");
        assertEquals(57, runtime.demoData().rules());
        assertEquals(11, runtime.demoData().holidays());
        assertTrue(response.headers().firstValue("apigw-requestid").isPresent());
    }

    @Test
    @Order(3)
    void unknownRoute_answers404Json() throws Exception {
        HttpResponse<String> response = get("/v1/nothing-here");
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }

    @Test
    @Order(4)
    void preflight_isAnsweredFromTheTemplatesCorsConfiguration() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://pakn.example.vn")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode());
        assertEquals("https://pakn.example.vn", response.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals("content-type,idempotency-key,authorization,x-citizen-secret",
                response.headers().firstValue("access-control-allow-headers").orElse(""));
        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(uri("/v1/complaints"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(foreign.headers().firstValue("access-control-allow-origin").isEmpty(),
                "only the web client's origin and AllowedOrigin");
    }

    @Test
    @Order(5)
    void submittedComplaintWithPhoto_isChecked_routed_andReachesTheAgencyQueue() throws Exception {
        byte[] photo = Files.readAllBytes(seed("samples/pothole.jpg"));
        JsonNode slot = JSON.readTree(post("/v1/uploads", "{\"contentType\":\"image/jpeg\",\"contentLength\":"
                + photo.length + "}").body());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(slot.path("upload").path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
        slot.path("upload").path("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        assertEquals(200, HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode());

        HttpResponse<String> submitted = post("/v1/complaints", "{\"category\":\"roads\",\"description\":"
                + "\"Ổ gà lớn trước số 12 đường Nguyễn Trãi\",\"location\":{\"lat\":21.18614,\"lon\":106.07633},"
                + "\"areaCode\":\"24-kinh-bac\",\"photos\":[\"" + slot.path("uploadId").asText() + "\"],"
                + "\"channel\":\"web\"}");
        assertEquals(201, submitted.statusCode(), submitted.body());
        JsonNode receipt = JSON.readTree(submitted.body());
        String complaintId = receipt.path("id").asText();

        // S3 upload -> photo check (bucket notifier) and DynamoDB stream -> outbox relay -> SQS.
        await(Duration.ofSeconds(15), () -> photoStatus(receipt.path("trackingCode").asText()).equals("ACCEPTED"),
                "the photo check's verdict on the complaint");
        // DynamoDB stream -> outbox relay -> intake queue -> router -> agency's own queue.
        String agencyQueue = runtime.services().sqs().getQueueUrl(b -> b.queueName("pakn-dev-agency-bn-so-xay-dung"))
                .queueUrl();
        List<Message> received = new CopyOnWriteArrayList<>();
        await(Duration.ofSeconds(20), () -> {
            received.addAll(runtime.services().sqs().receiveMessage(b -> b.queueUrl(agencyQueue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages());
            return received.stream().anyMatch(m -> m.body().contains(complaintId));
        }, "the assignment on the roads department's queue");
        assertTrue(get("/v1/complaints/" + receipt.path("trackingCode").asText()).body().contains("\"ASSIGNED\""));
    }

    @Test
    @Order(6)
    void sweeperSchedule_canBeTriggeredNow() {
        runtime.triggerSchedule("OutboxSweeperFunction");
        assertThrows(IllegalArgumentException.class, () -> runtime.triggerSchedule("CitizenApiFunction"));
    }

    @Test
    @Order(7)
    void summary_saysWhereToGoAndHowToLookInside() {
        String summary = StartupSummary.render(runtime, Map.of());
        String base = runtime.apiBaseUri().toString();
        assertTrue(summary.contains("curl " + base + "/v1/categories"), summary);
        assertTrue(summary.contains("POST    /v1/complaints"), summary);
        assertTrue(summary.contains("AWS_ACCESS_KEY_ID=" + LocalAwsServices.LOCAL_ACCESS_KEY_ID), summary);
        assertTrue(summary.contains("--endpoint-url " + runtime.services().dynamoDbEndpoint()
                + " dynamodb scan --table-name ComplaintsTable"), summary);
        assertTrue(summary.contains("sqs receive-message --queue-url " + runtime.deployment().queueUrl("IntakeQueue")),
                summary);
        assertTrue(summary.contains("s3 ls s3://" + runtime.deployment().bucketName("UploadsBucket") + " --recursive"),
                summary);
        assertTrue(summary.contains("32 categories, 7 areas, 19 agencies with their queues, 57 rules, 11 holidays"),
                summary);
        assertTrue(summary.contains("sqs receive-message --queue-url "
                + runtime.demoData().agencyQueueUrls().get("bn-ubnd-kinh-bac")), summary);
        assertTrue(summary.contains("Ctrl+C to stop"), summary);
        assertTrue(PROGRESS.stream().anyMatch(l -> l.matches("  CitizenApiFunction ready \\(\\d+\\.\\d s\\).*")),
                PROGRESS.toString());
    }

    @Test
    @Order(8)
    void externalEndpoints_areUsedWithoutStartingAnything() throws Exception {
        LocalAwsServices services = runtime.services();
        Map<String, String> environment = Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", services.dynamoDbEndpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", services.sqsEndpoint().toString(),
                "AWS_ENDPOINT_URL_S3", services.s3Endpoint().toString(),
                "AWS_ACCESS_KEY_ID", services.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", services.secretAccessKey());
        try (LocalRuntime external = LocalRuntime.start(new LocalRuntime.Options().apiPort(0).environment(environment)
                .requireAllFunctions(true).eventSettings(EventSettings.fast()).progress(System.out::println))) {
            assertEquals(List.of(), external.services().embeddedServers());
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(external.apiBaseUri() + "/v1/areas")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            String summary = StartupSummary.render(external, environment);
            assertTrue(summary.contains("external, from AWS_ENDPOINT_URL_SQS"), summary);
        }
        assertEquals(200, get("/v1/categories").statusCode(), "closing the second runtime left the first one's services");
    }

    @Test
    @Order(9)
    void takenPort_failsAtOnce_sayingWhatToDo() {
        int port = runtime.apiBaseUri().getPort();
        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalRuntime.start(
                new LocalRuntime.Options().apiPort(port).environment(Map.of()).progress(line -> { })));
        assertEquals("port " + port + " is in use: set PAKN_API_PORT=" + (port + 1) + " or stop the other program",
                e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "nothing slow started first");
    }

    @Test
    @Order(10)
    void close_freesThePort_andMayBeRepeated() throws IOException {
        int port = runtime.apiBaseUri().getPort();
        runtime.close();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, socket.getLocalPort());
        }
        runtime.close();
        assertFalse(PROGRESS.isEmpty());
    }

    private static String photoStatus(String trackingCode) {
        try {
            JsonNode view = JSON.readTree(get("/v1/complaints/" + trackingCode).body());
            return view.path("photos").path(0).path("status").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static Path seed(String name) {
        return Path.of(System.getProperty("pakn.root", "../..")).resolve("infra/seed").resolve(name);
    }

    private static URI uri(String path) {
        return URI.create(runtime.apiBaseUri() + path);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .header("idempotency-key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
