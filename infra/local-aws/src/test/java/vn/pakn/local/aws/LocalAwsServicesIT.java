package vn.pakn.local.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Embedded servers plus the real template.yaml, checked through the SDK. One services instance
 * for the class (start-up is the expensive part); the last test closes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalAwsServicesIT {

    private static final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private static Set<Thread> threadsBefore;
    private static LocalAwsServices services;
    private static LocalDeployment deployment;

    private static void log(String message) {
        progress.add(message);
        System.out.println("[local-aws] " + message);
    }

    @BeforeAll
    static void start() {
        threadsBefore = liveNonDaemonThreads();
        long t0 = System.nanoTime();
        // An empty environment: embedded servers even if the machine sets AWS_ENDPOINT_URL.
        services = LocalAwsServices.start(LocalAwsServicesIT::log, Map.of());
        log("start took " + LocalAwsServices.seconds(t0));
        deployment = Provisioner.provision(SamTemplate.load(), services, LocalAwsServicesIT::log);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    @Order(1)
    void startsTheThreeServersOnLoopback() {
        assertEquals(List.of("DynamoDB Local", "ElasticMQ", "s3proxy"), services.embeddedServers().stream().sorted().toList());
        for (URI endpoint : List.of(services.dynamoDbEndpoint(), services.sqsEndpoint(), services.s3Endpoint())) {
            assertEquals("127.0.0.1", endpoint.getHost(), endpoint.toString());
        }
        assertEquals("us-east-1", services.region());
        assertEquals("000000000000", services.accountId());
        assertEquals(LocalAwsServices.LOCAL_ACCESS_KEY_ID, services.accessKeyId());
        assertTrue(progress.stream().anyMatch(m -> m.matches("DynamoDB Local ready on http://127\\.0\\.0\\.1:\\d+ \\(\\d+\\.\\d s\\)")),
                String.valueOf(progress));
        Map<String, String> env = services.clientEnvironment();
        assertEquals(services.dynamoDbEndpoint().toString(), env.get("AWS_ENDPOINT_URL_DYNAMODB"));
        assertEquals(services.dynamoDbEndpoint().toString(), env.get("AWS_ENDPOINT_URL_DYNAMODB_STREAMS"));
        assertEquals(services.sqsEndpoint().toString(), env.get("AWS_ENDPOINT_URL_SQS"));
        assertEquals(services.s3Endpoint().toString(), env.get("AWS_ENDPOINT_URL_S3"));
        assertEquals("true", env.get("AWS_S3_FORCE_PATH_STYLE"));
        assertEquals("us-east-1", env.get("AWS_REGION"));
        assertEquals(services.secretAccessKey(), env.get("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    @Order(2)
    void complaintsTableHasTheTemplatesKeysIndexStreamAndTtl() {
        TableDescription table = services.dynamoDb().describeTable(b -> b.tableName("ComplaintsTable")).table();
        assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), table.keySchema());
        var indexes = table.globalSecondaryIndexes().stream()
                .collect(java.util.stream.Collectors.toMap(g -> g.indexName(), g -> g));
        assertTrue(indexes.keySet().containsAll(java.util.Set.of("gsi1", "gsi2", "gsi3", "gsi4")), indexes.keySet().toString());
        assertEquals(List.of(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE)), indexes.get("gsi1").keySchema());
        assertEquals("ALL", indexes.get("gsi1").projection().projectionTypeAsString());
        assertEquals("KEYS_ONLY", indexes.get("gsi3").projection().projectionTypeAsString());
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, table.streamSpecification().streamViewType());
        assertEquals("PAY_PER_REQUEST", table.billingModeSummary().billingModeAsString());
        assertNotNull(table.latestStreamArn());
        assertEquals(table.latestStreamArn(), deployment.streamArn("ComplaintsTable"));
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/ComplaintsTable", deployment.table("ComplaintsTable").arn());
        assertEquals(deployment.streamArn("ComplaintsTable"), deployment.resolve(Map.of("Fn::GetAtt",
                List.of("ComplaintsTable", "StreamArn"))));

        var ttl = services.dynamoDb().describeTimeToLive(b -> b.tableName("ComplaintsTable")).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());

        TableDescription reference = services.dynamoDb().describeTable(b -> b.tableName("ReferenceTable")).table();
        assertEquals(null, reference.latestStreamArn(), "no StreamSpecification, no stream");
        assertEquals(null, deployment.streamArn("ReferenceTable"));
    }

    @Test
    @Order(3)
    void tableStreamDeliversInserts() throws InterruptedException {
        String pk = "COMPLAINT#" + UUID.randomUUID();
        services.dynamoDb().putItem(b -> b.tableName("ComplaintsTable").item(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("OUTBOX#1"),
                "body", AttributeValue.fromS("xin chào"))));

        DynamoDbStreamsClient streams = services.dynamoDbStreams();
        String streamArn = deployment.streamArn("ComplaintsTable");
        Record insert = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (insert == null && System.nanoTime() < deadline) {
            List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
            for (Shard shard : shards) {
                String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (Record r : streams.getRecords(b -> b.shardIterator(iterator)).records()) {
                    if (pk.equals(r.dynamodb().keys().get("pk").s())) {
                        insert = r;
                    }
                }
            }
            if (insert == null) {
                Thread.sleep(100);
            }
        }
        assertNotNull(insert, "no stream record for " + pk);
        assertEquals("INSERT", insert.eventNameAsString());
        assertEquals("OUTBOX#1", insert.dynamodb().keys().get("sk").s());
        assertEquals("xin chào", insert.dynamodb().newImage().get("body").s());
    }

    @Test
    @Order(4)
    void intakeQueueIsFifoWithRedriveToTheDeadLetterQueue() {
        LocalDeployment.Queue intake = deployment.queue("IntakeQueue");
        assertEquals("IntakeQueue.fifo", intake.name());
        assertEquals(URI.create(intake.url()).getPort(), services.sqsEndpoint().getPort(), intake.url());
        assertEquals("127.0.0.1", URI.create(intake.url()).getHost(), intake.url());
        assertEquals(intake.url(), services.sqs().getQueueUrl(b -> b.queueName("IntakeQueue.fifo")).queueUrl());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:IntakeQueue.fifo", intake.arn());
        assertEquals("IntakeDeadLetterQueue.fifo", deployment.queue("IntakeDeadLetterQueue").name());

        Map<QueueAttributeName, String> attributes = services.sqs().getQueueAttributes(b -> b.queueUrl(intake.url())
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("true", attributes.get(QueueAttributeName.FIFO_QUEUE));
        assertEquals("false", attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION));
        assertEquals("180", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        // MessageRetentionPeriod is sent but ElasticMQ neither reports nor enforces it.
        String redrive = attributes.get(QueueAttributeName.REDRIVE_POLICY);
        assertNotNull(redrive);
        assertTrue(redrive.contains("\"deadLetterTargetArn\":\"" + deployment.queueArn("IntakeDeadLetterQueue") + "\""), redrive);
        assertTrue(redrive.replace(" ", "").matches(".*\"maxReceiveCount\":\"?5\"?.*"), redrive);

        // The attributes ElasticMQ lacks were left out, and said so once each.
        List<String> notes = progress.stream().filter(m -> m.contains("note: queues are created without")).toList();
        String noted = String.join("\n", notes);
        for (String attribute : List.of("DeduplicationScope", "FifoThroughputLimit", "SqsManagedSseEnabled")) {
            assertEquals(1, noted.split(attribute, -1).length - 1, attribute + " in " + notes);
        }
    }

    @Test
    @Order(5)
    void fifoDeduplicationDeliversADuplicateOnce() {
        String url = deployment.queueUrl("IntakeQueue");
        String body = "complaint " + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            services.sqs().sendMessage(b -> b.queueUrl(url).messageBody(body)
                    .messageGroupId("complaint-1").messageDeduplicationId("outbox-1"));
        }
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int wait = i == 0 ? 1 : 0;
            List<Message> batch = services.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(wait)).messages();
            received.addAll(batch);
            for (Message m : batch) {
                services.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        assertEquals(List.of(body), received.stream().map(Message::body).toList());
    }

    @Test
    @Order(6)
    void bucketsExistUnderTheirTemplateNames() {
        assertEquals("pakn-dev-uploads-000000000000-us-east-1", deployment.bucketName("UploadsBucket"));
        assertEquals("pakn-dev-photos-000000000000-us-east-1", deployment.bucketName("PhotosBucket"));
        assertEquals("pakn-dev-open-data-000000000000-us-east-1", deployment.bucketName("OpenDataBucket"));
        Set<String> buckets = services.s3().listBuckets().buckets().stream().map(b -> b.name()).collect(Collectors.toSet());
        assertTrue(buckets.containsAll(Set.of(deployment.bucketName("UploadsBucket"), deployment.bucketName("PhotosBucket"),
                deployment.bucketName("OpenDataBucket"))), buckets.toString());
        assertEquals("Enabled", services.s3().getBucketVersioning(b -> b.bucket(deployment.bucketName("PhotosBucket")))
                .statusAsString());
    }

    @Test
    @Order(7)
    void presignedPutHonoursTheSignedContentTypeAndLength() throws Exception {
        String bucket = deployment.bucketName("UploadsBucket");
        byte[] photo = "\u00ff\u00d8\u00ff fake jpeg".getBytes(StandardCharsets.ISO_8859_1);
        PresignedPutObjectRequest presigned = services.s3Presigner().presignPutObject(b -> b
                .signatureDuration(Duration.ofMinutes(15))
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key("incoming/photo-1.jpg")
                        .contentType("image/jpeg").contentLength((long) photo.length).build()));
        assertTrue(presigned.url().toString().startsWith(services.s3Endpoint() + "/" + bucket + "/incoming/photo-1.jpg?"),
                presigned.url().toString());
        assertTrue(presigned.signedHeaders().containsKey("content-type"), presigned.signedHeaders().toString());
        assertTrue(presigned.signedHeaders().containsKey("content-length"), presigned.signedHeaders().toString());

        HttpClient http = HttpClient.newHttpClient();
        assertEquals(403, put(http, presigned, "image/png", photo), "a different Content-Type breaks the signature");
        assertEquals(403, put(http, presigned, "image/jpeg", "other length".getBytes(StandardCharsets.UTF_8)),
                "a different Content-Length breaks the signature");
        assertEquals(200, put(http, presigned, "image/jpeg", photo));

        var stored = services.s3().getObjectAsBytes(b -> b.bucket(bucket).key("incoming/photo-1.jpg"));
        assertArrayEquals(photo, stored.asByteArray());
        assertEquals("image/jpeg", stored.response().contentType());

        // And the SDK client itself writes and lists.
        services.s3().putObject(b -> b.bucket(bucket).key("incoming/sdk.txt"), RequestBody.fromString("ok"));
        assertEquals(2, services.s3().listObjectsV2(b -> b.bucket(bucket).prefix("incoming/")).keyCount());
    }

    private static int put(HttpClient http, PresignedPutObjectRequest presigned, String contentType, byte[] body)
            throws IOException, InterruptedException, java.net.URISyntaxException {
        // Content-Length is set by HttpClient from the body; it may not be set by hand.
        HttpRequest request = HttpRequest.newBuilder(presigned.url().toURI())
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Order(8)
    void functionEnvironmentPointsHandlersAtTheseServices() {
        FunctionSpec relay = deployment.template().function("OutboxRelayFunction");
        Map<String, String> env = deployment.functionEnvironment(relay);
        assertEquals("ComplaintsTable", env.get("COMPLAINTS_TABLE"));
        assertEquals(deployment.queueUrl("IntakeQueue"), env.get("INTAKE_QUEUE_URL"));
        assertEquals("INFO", env.get("LOG_LEVEL"));
        assertEquals("OutboxRelayFunction", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("512", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals(services.sqsEndpoint().toString(), env.get("AWS_ENDPOINT_URL_SQS"));

        Map<String, String> citizen = deployment.functionEnvironment(deployment.template().function("CitizenApiFunction"));
        assertEquals("pakn-dev-uploads-000000000000-us-east-1", citizen.get("UPLOADS_BUCKET"));
        assertEquals("ReferenceTable", citizen.get("REFERENCE_TABLE"));

        Object stream = relay.events().get(0).properties().get("Stream");
        assertEquals(deployment.streamArn("ComplaintsTable"), deployment.resolve(stream));
        assertEquals("ComplaintsTable", deployment.tableLogicalIdByStreamArn((String) deployment.resolve(stream)).orElseThrow());
        assertEquals("IntakeQueue", deployment.queueLogicalIdByArn(deployment.queueArn("IntakeQueue")).orElseThrow());
    }

    @Test
    @Order(9)
    void provisioningAgainReusesEverything() {
        List<String> second = new ArrayList<>();
        LocalDeployment again = Provisioner.provision(SamTemplate.load(), services, second::add);
        assertEquals(deployment.tables(), again.tables(), "same names, ARNs and stream ARNs");
        assertEquals(deployment.queues(), again.queues());
        assertEquals(deployment.buckets(), again.buckets());
        assertTrue(second.stream().noneMatch(m -> m.contains("created")), String.valueOf(second));
        assertEquals(deployment.tables().size() + deployment.queues().size() + deployment.buckets().size(),
                second.stream().filter(m -> m.contains("reused")).count(), String.valueOf(second));
        assertEquals(3, services.dynamoDb().listTables().tableNames().size());
        assertEquals(2, services.sqs().listQueues().queueUrls().size());
    }

    @Test
    @Order(10)
    void externalEndpointsStartNothingAndProvisionIntoTheGivenServers() {
        List<String> lines = new ArrayList<>();
        try (LocalAwsServices external = LocalAwsServices.start(lines::add, Map.of(
                "AWS_ENDPOINT_URL", services.dynamoDbEndpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", services.sqsEndpoint().toString(),
                "AWS_ENDPOINT_URL_S3", services.s3Endpoint().toString()))) {
            assertEquals(List.of(), external.embeddedServers());
            assertEquals(services.dynamoDbEndpoint(), external.dynamoDbEndpoint());
            assertEquals(services.sqsEndpoint(), external.sqsEndpoint());
            assertEquals(services.s3Endpoint(), external.s3Endpoint());
            assertTrue(lines.stream().noneMatch(m -> m.startsWith("Starting")), String.valueOf(lines));
            assertTrue(lines.contains("DynamoDB: using external endpoint " + services.dynamoDbEndpoint() + " (AWS_ENDPOINT_URL)"),
                    String.valueOf(lines));
            assertTrue(lines.contains("SQS: using external endpoint " + services.sqsEndpoint() + " (AWS_ENDPOINT_URL_SQS)"),
                    String.valueOf(lines));

            LocalDeployment ext = Provisioner.provision(SamTemplateTest.fixture("external.yaml"), external, lines::add);
            assertEquals("external-ext", ext.tableName("ExternalTable"));
            assertEquals("pakn-local-externalbucket", ext.bucketName("ExternalBucket"));
            assertEquals("ExternalQueue", ext.queue("ExternalQueue").name());
        }
        // Seen through the first instance's own clients, and that instance still runs after the second closed.
        assertTrue(services.dynamoDb().listTables().tableNames().contains("external-ext"));
        String queueUrl = services.sqs().getQueueUrl(b -> b.queueName("ExternalQueue")).queueUrl();
        assertEquals("45", services.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
        services.s3().headBucket(b -> b.bucket("pakn-local-externalbucket"));
    }

    @Test
    @Order(11)
    void closeStopsTheServersAndTheirThreads() throws InterruptedException {
        List<URI> endpoints = List.of(services.dynamoDbEndpoint(), services.sqsEndpoint(), services.s3Endpoint());
        services.close();
        services.close(); // idempotent
        for (URI endpoint : endpoints) {
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
                }
            }, endpoint + " still accepts connections");
        }
        assertThrows(IllegalStateException.class, services::dynamoDb);

        Set<Thread> left = liveNonDaemonThreads();
        left.removeAll(threadsBefore);
        assertEquals(Set.of(), left.stream().map(Thread::getName).collect(Collectors.toSet()),
                "non-daemon threads would keep the JVM alive");
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
