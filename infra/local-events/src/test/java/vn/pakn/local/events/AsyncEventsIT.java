package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;

/** S3 notifications and schedules: both invoke asynchronously, with Lambda's two retries. */
class AsyncEventsIT {

    private static LocalAwsServices services;
    private static LocalDeployment deployment;

    @BeforeAll
    static void startServices() throws Exception {
        services = LocalAwsServices.start(System.out::println, Map.of());
        deployment = Provisioner.provision(SqsPollerIT.template(), services, System.out::println);
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void newObject_firesOnce_withTheKeyEncodedAsS3Does_andOnlyForMatchingKeys() {
        String bucket = deployment.bucketName("DropBucket");
        put(bucket, "incoming/before start.jpg", "old");
        TestHandlers.S3 handler = new TestHandlers.S3();
        try (S3Notifier notifier = S3Notifier.create(deployment, LocalFunction.of(deployment, "DropFunction", handler),
                "Dropped", EventSettings.fast(), System.out::println)) {
            notifier.start();
            put(bucket, "incoming/ảnh ổ gà=1.jpg", "jpeg bytes");
            put(bucket, "incoming/notes.txt", "not a jpg");
            put(bucket, "elsewhere/x.jpg", "not incoming");
            Eventually.await(Duration.ofSeconds(5), () -> handler.events.size() == 1, "one notification");
            Eventually.never(Duration.ofMillis(400), () -> handler.events.size() > 1, "a second notification");

            put(bucket, "incoming/ảnh ổ gà=1.jpg", "other jpeg bytes");
            Eventually.await(Duration.ofSeconds(5), () -> handler.events.size() == 2, "a notification for the overwrite");
        }
        S3EventNotification.S3EventNotificationRecord record = handler.events.get(0).getRecords().get(0);
        assertEquals(1, handler.events.get(0).getRecords().size());
        assertEquals("2.1", record.getEventVersion());
        assertEquals("aws:s3", record.getEventSource());
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals(services.region(), record.getAwsRegion());
        assertEquals(bucket, record.getS3().getBucket().getName());
        assertEquals("arn:aws:s3:::" + bucket, record.getS3().getBucket().getArn());
        assertEquals("incoming/%E1%BA%A3nh+%E1%BB%95+g%C3%A0%3D1.jpg", record.getS3().getObject().getKey());
        assertEquals("incoming/ảnh ổ gà=1.jpg", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(10L, record.getS3().getObject().getSizeAsLong());
        String eTag = services.s3().headObject(b -> b.bucket(bucket).key("incoming/ảnh ổ gà=1.jpg")).eTag();
        assertEquals(eTag.replace("\"", ""), handler.events.get(1).getRecords().get(0).getS3().getObject().geteTag());
        assertTrue(record.getEventTime().isBefore(Instant.now().toEpochMilli() + 1));
        String firstSequencer = record.getS3().getObject().getSequencer();
        String secondSequencer = handler.events.get(1).getRecords().get(0).getS3().getObject().getSequencer();
        assertTrue(firstSequencer.compareTo(secondSequencer) < 0, "sequencers order events on one key");
    }

    @Test
    void failingHandler_isRetriedTwice_thenTheEventIsDropped_andDeletesNotifyWhenSubscribed() {
        String bucket = deployment.bucketName("FailBucket");
        TestHandlers.S3 handler = new TestHandlers.S3();
        handler.doing((event, index) -> {
            if (event.getRecords().get(0).getEventName().startsWith("ObjectCreated")) {
                throw new IllegalStateException("cannot read the image");
            }
            return null;
        });
        try (S3Notifier notifier = S3Notifier.create(deployment, LocalFunction.of(deployment, "FailFunction", handler),
                "Dropped", EventSettings.fast(), System.out::println)) {
            notifier.start();
            put(bucket, "a.bin", "x");
            Eventually.await(Duration.ofSeconds(5), () -> handler.events.size() == 3, "the first try and two retries");
            Eventually.never(Duration.ofMillis(400), () -> handler.events.size() > 3, "a third retry");
            services.s3().deleteObject(b -> b.bucket(bucket).key("a.bin"));
            Eventually.await(Duration.ofSeconds(5), () -> handler.events.size() == 4, "the delete notification");
        }
        assertEquals("ObjectRemoved:Delete", handler.events.get(3).getRecords().get(0).getEventName());
        assertEquals("a.bin", handler.events.get(3).getRecords().get(0).getS3().getObject().getKey());
    }

    @Test
    void rateSchedule_firesOnItsOwn_withAScheduledEvent() {
        TestHandlers.Schedule handler = new TestHandlers.Schedule();
        FunctionSpec tick = deployment.template().function("TickFunction");
        try (Scheduler scheduler = Scheduler.create(deployment, LocalFunction.of(deployment, tick, handler), "Tick",
                EventSettings.fast(), System.out::println)) {
            // As if the rule had been created a minute ago, less a moment: rate(1 minute) is due now.
            scheduler.start(Instant.now().minusSeconds(60).plusMillis(300));
            Eventually.await(Duration.ofSeconds(5), () -> handler.events.size() == 1, "the scheduled run");
            assertTrue(scheduler.nextRun().isAfter(Instant.now().plusSeconds(50)), "the next run a minute later");
        }
        ScheduledEvent event = handler.events.get(0);
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals(services.accountId(), event.getAccount());
        assertEquals(services.region(), event.getRegion());
        assertEquals(List.of("arn:aws:events:" + services.region() + ":" + services.accountId()
                + ":rule/pakn-local-TickFunctionTick"), event.getResources());
        assertTrue(event.getId() != null && !event.getId().isBlank());
        assertTrue(event.getTime() != null);
    }

    @Test
    void triggerNow_invokesAReflectivelyBuiltHandler_withItsTemplateEnvironment() {
        LocalFunction tick = LocalFunction.instantiate(deployment, "TickFunction");
        try (Scheduler scheduler = Scheduler.create(deployment, tick, "Tick", EventSettings.fast(), System.out::println)) {
            Object result = scheduler.triggerNow();
            assertEquals(deployment.bucketName("DropBucket") + "|TickFunction|256", result);
        }
    }

    @Test
    void handlerWithoutEnvironmentConstructor_isReportedWithWhatToDo() {
        FunctionSpec spec = deployment.template().function("TickFunction");
        FunctionSpec wrong = new FunctionSpec(spec.logicalId(), TestHandlers.NoEnvironmentConstructor.class.getName(),
                spec.codeUri(), spec.runtime(), spec.memorySize(), spec.timeoutSeconds(), spec.environmentVariables(),
                spec.events());
        FunctionInitException e = assertThrows(FunctionInitException.class, () -> LocalFunction.instantiate(deployment,
                wrong));
        assertTrue(e.getMessage().contains("needs a public constructor taking Map<String,String>"), e.getMessage());

        FunctionSpec failing = new FunctionSpec(spec.logicalId(), TestHandlers.FailingInit.class.getName(),
                spec.codeUri(), spec.runtime(), spec.memorySize(), spec.timeoutSeconds(), spec.environmentVariables(),
                spec.events());
        e = assertThrows(FunctionInitException.class, () -> LocalFunction.instantiate(deployment, failing));
        assertTrue(e.getMessage().contains("TABLE is not set"), e.getMessage());

        FunctionSpec missing = new FunctionSpec(spec.logicalId(), "vn.pakn.nowhere.Handler", spec.codeUri(),
                spec.runtime(), spec.memorySize(), spec.timeoutSeconds(), spec.environmentVariables(), spec.events());
        e = assertThrows(FunctionInitException.class, () -> LocalFunction.instantiate(deployment, missing));
        assertTrue(e.getMessage().contains("is not on the class path"), e.getMessage());
    }

    @Test
    void wiring_buildsEverySourceOfTheTemplate_andExplainsTheFunctionsLeftOut() {
        Map<String, LocalFunction> functions = Map.of(
                "WorkFunction", LocalFunction.of(deployment, "WorkFunction", new TestHandlers.Sqs()),
                "TickFunction", LocalFunction.of(deployment, "TickFunction", new TestHandlers.Schedule()));
        try (EventWiring wiring = EventWiring.fromTemplate(deployment, functions, EventSettings.fast(),
                System.out::println)) {
            assertEquals(2, wiring.sources().size());
            assertTrue(wiring.source("WorkFunction", "Work", SqsPoller.class).description().contains("WorkQueue"));
            assertTrue(wiring.notes().stream().anyMatch(n -> n.startsWith("OrderedFunction.Changes (DynamoDB): not"
                    + " delivered")), wiring.notes().toString());
            wiring.start();
            assertEquals(null, wiring.triggerSchedule("TickFunction"));
            assertThrows(IllegalArgumentException.class, () -> wiring.triggerSchedule("WorkFunction"));
        }
    }

    private static void put(String bucket, String key, String content) {
        services.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }
}
