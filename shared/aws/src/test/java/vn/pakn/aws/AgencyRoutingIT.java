package vn.pakn.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.dynamo.ProvinceFile;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.dynamo.ReferenceItems;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.outbox.AgencyQueueDirectory;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.QueueDirectory;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.routing.Routing;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/**
 * The demo province imported into the template's reference table on the embedded services: what
 * routing then decides, the queues every agency gets, and an agency assignment travelling through
 * the outbox publisher wired exactly as the relay and the sweeper are.
 */
class AgencyRoutingIT {
    private static final Path SEED = Path.of(System.getProperty("pakn.root", "../..")).resolve("infra/seed");

    private static LocalAwsServices services;
    private static LocalDeployment deployment;
    private static SamTemplate template;
    private static String table;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static AgencyQueues queues;
    private static AgencyProvisioning provisioning;
    private static DynamoAgencies agencies;
    private static ProvinceFile imported;

    @BeforeAll
    static void importDemoProvince() throws IOException {
        services = LocalAwsServices.start(System.out::println, Map.of());
        template = SamTemplate.load();
        deployment = Provisioner.provision(template, services, line -> { });
        table = deployment.tableName("ReferenceTable");
        dynamo = services.dynamoDb();
        sqs = services.sqs();
        queues = new AgencyQueues(sqs, AgencyQueues.prefixForStage(deployment.parameter("Stage").toString()));
        agencies = new DynamoAgencies(dynamo, table);
        provisioning = new AgencyProvisioning(agencies, queues);
        imported = importAll();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    private static ProvinceFile importAll() throws IOException {
        ReferenceImporter importer = new ReferenceImporter(dynamo, table);
        try (InputStream categories = Files.newInputStream(SEED.resolve("categories.json"));
             InputStream province = Files.newInputStream(SEED.resolve("demo-bac-ninh.json"))) {
            importer.importCategories(categories);
            return importer.importProvince(province, provisioning::save);
        }
    }

    @Test
    void routing_picksTheAgencyOfTheMostSpecificRule() {
        Routing routing = new Routing(reference());

        assertEquals("bn-ubnd-kinh-bac", agencyFor(routing, "urban-order", "24-kinh-bac"), "commune rule");
        assertEquals("bn-ubnd-yen-dung", agencyFor(routing, "waste", "24-yen-dung"), "commune rule, another commune");
        assertEquals("bn-so-xay-dung", agencyFor(routing, "roads", "24-tu-son"), "province rule for the category");
        assertEquals("bn-so-nn-mt", agencyFor(routing, "pollution", "24-vu-ninh"));
        assertEquals("bn-so-nn-mt", agencyFor(routing, "pollution", null), "coordinates only: province rules");
        assertEquals("bn-triage", agencyFor(routing, "other", "24-kinh-bac"), "no rule for the category: triage");
    }

    @Test
    void referenceData_holdsEveryAgencyRuleAndHoliday_ofTheFile() {
        DynamoReferenceData reference = reference();

        assertEquals(32, reference.categories().size());
        assertEquals(7, reference.areas().all().size());
        assertEquals(19, reference.agencies().size());
        assertEquals(Set.copyOf(imported.rules()), Set.copyOf(reference.rules()));
        assertEquals(57, reference.rules().size());
        assertEquals(11, reference.holidays().size());
        assertTrue(reference.holidays().contains(LocalDate.parse("2026-02-17")), "Tết");
        assertEquals(new Agency("bn-ubnd-tu-son", "UBND phường Từ Sơn", "commune", "bn-triage", "24-tu-son", true),
                reference.agency("bn-ubnd-tu-son").orElseThrow());
        assertEquals(null, reference.agency("bn-triage").orElseThrow().parentId());
    }

    @Test
    void everyEnabledAgency_hasAQueueAndADeadLetterQueue_redrivenAfterAtLeastFiveReceives() throws Exception {
        List<Agency> enabled = reference().agencies().stream().filter(Agency::enabled).toList();
        assertEquals(19, enabled.size());
        for (Agency agency : enabled) {
            String url = agencies.queueUrl(agency.id()).orElseThrow(() -> new AssertionError(agency.id() + " has no queue"));
            String dlqUrl = agencies.deadLetterQueueUrl(agency.id()).orElseThrow();
            assertEquals(url, sqs.getQueueUrl(b -> b.queueName("pakn-dev-agency-" + agency.id())).queueUrl());
            assertEquals(dlqUrl, sqs.getQueueUrl(b -> b.queueName("pakn-dev-agency-" + agency.id() + "-dlq")).queueUrl());
            Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNamesWithStrings("All")).attributesAsStrings();
            JsonNode redrive = Json.read(attributes.get("RedrivePolicy"));
            assertTrue(redrive.path("maxReceiveCount").asInt() >= 5, agency.id() + ": " + redrive);
            assertEquals(arn(dlqUrl), redrive.path("deadLetterTargetArn").asText(), agency.id());
            assertEquals("180", attributes.get("VisibilityTimeout"), agency.id());
            // The template's alarms find run-time queues by these tags.
            assertEquals(Map.of("PaknQueueRole", "agency-assignments", "PaknStage", "dev"),
                    sqs.listQueueTags(b -> b.queueUrl(url)).tags(), agency.id());
            assertEquals(Map.of("PaknQueueRole", "agency-dead-letter", "PaknStage", "dev"),
                    sqs.listQueueTags(b -> b.queueUrl(dlqUrl)).tags(), agency.id());
            assertEquals(arn(url), Attr.str(dynamo.getItem(b -> b.tableName(table)
                    .key(ReferenceItems.agencyKey(agency.id()))).item(), "queueArn"));
        }
    }

    @Test
    void reimport_changesNothing() throws IOException {
        Map<String, String> itemsBefore = referenceItems();
        List<String> queuesBefore = agencyQueueUrls();

        importAll();

        assertEquals(itemsBefore, referenceItems());
        assertEquals(queuesBefore, agencyQueueUrls());
        assertEquals(2 * 19, queuesBefore.size(), "a queue and a dead-letter queue per agency");
    }

    @Test
    void disabledAgency_passesItsShareUp_keepsItsQueue_andComesBackWhenEnabled() {
        String queueUrl = agencies.queueUrl("bn-ubnd-kinh-bac").orElseThrow();
        try {
            provisioning.disable("bn-ubnd-kinh-bac");

            assertEquals("bn-triage", agencyFor(new Routing(reference()), "urban-order", "24-kinh-bac"));
            assertEquals("bn-ubnd-vo-cuong", agencyFor(new Routing(reference()), "urban-order", "24-vo-cuong"));
            assertEquals(queueUrl, sqs.getQueueUrl(b -> b.queueName("pakn-dev-agency-bn-ubnd-kinh-bac")).queueUrl(),
                    "its queue stays for what it was already given");
            assertEquals(queueUrl, new AgencyQueueDirectory(agencies, Duration.ZERO, Clock.systemUTC())
                    .queueUrl("agency:bn-ubnd-kinh-bac"), "and outbox messages already promised still reach it");
        } finally {
            provisioning.enable("bn-ubnd-kinh-bac");
        }
        assertEquals("bn-ubnd-kinh-bac", agencyFor(new Routing(reference()), "urban-order", "24-kinh-bac"));
        assertEquals(queueUrl, agencies.queueUrl("bn-ubnd-kinh-bac").orElseThrow());
    }

    @Test
    void newAgency_getsItsQueues_recordedOnItsItem() {
        Agency school = new Agency("bn-truong-thpt-chuyen", "Trường THPT Chuyên Bắc Ninh", "utility", "bn-so-gd-dt",
                "24-kinh-bac", true);

        AgencyQueues.AgencyQueue created = provisioning.save(school).orElseThrow();

        assertEquals(created.queueUrl(), agencies.queueUrl(school.id()).orElseThrow());
        assertEquals(school, agencies.find(school.id()).orElseThrow());
        assertEquals(created.queueUrl(), sqs.getQueueUrl(b -> b.queueName("pakn-dev-agency-bn-truong-thpt-chuyen"))
                .queueUrl());
        provisioning.disable(school.id());
        dynamo.deleteItem(b -> b.tableName(table).key(ReferenceItems.agencyKey(school.id())));
        sqs.deleteQueue(b -> b.queueUrl(created.queueUrl()));
        sqs.deleteQueue(b -> b.queueUrl(created.deadLetterQueueUrl()));
    }

    @Test
    void outboxMessageForAnAgency_landsInItsQueue_throughThePublisherTheRelayAndSweeperUse() throws Exception {
        for (String function : List.of("OutboxRelayFunction", "OutboxSweeperFunction")) {
            Map<String, String> environment = deployment.functionEnvironment(template.function(function));
            try (ApplicationContext context = ApplicationContext.builder()
                    .singletons(FunctionEnvironment.of(environment)).start()) {
                String complaintsTable = environment.get("COMPLAINTS_TABLE");
                String id = Ids.newId(Instant.now());
                String destination = AgencyQueueDirectory.destination("bn-ubnd-kinh-bac");
                OutboxMessage message = new OutboxMessage(ComplaintKeys.complaintPk(id),
                        ComplaintKeys.outboxSk(2, destination), destination, id, id + "#2",
                        "{\"type\":\"complaint.assigned\",\"complaintId\":\"" + id + "\"}", Instant.now());
                dynamo.putItem(b -> b.tableName(complaintsTable).item(message.toItem()));

                assertEquals(Map.of(), context.getBean(OutboxPublisher.class)
                        .publishAll(List.of(message), new java.util.HashSet<>()));

                String queueUrl = agencies.queueUrl("bn-ubnd-kinh-bac").orElseThrow();
                assertEquals(queueUrl, context.getBean(QueueDirectory.class).queueUrl(destination), function);
                Message received = receiveOne(queueUrl, id);
                assertEquals(message.body(), received.body(), function);
                assertEquals(id + "#2", received.messageAttributes()
                        .get(OutboxPublisher.DEDUPLICATION_ID_ATTRIBUTE).stringValue(), function);
                assertFalse(dynamo.getItem(b -> b.tableName(complaintsTable)
                        .key(ComplaintKeys.key(message.pk(), message.sk()))).hasItem(), function + ": item deleted");
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(received.receiptHandle()));
            }
        }
    }

    private static DynamoReferenceData reference() {
        return new DynamoReferenceData(dynamo, table, Duration.ofMinutes(5), Clock.systemUTC());
    }

    private static String agencyFor(Routing routing, String category, String area) {
        return routing.route(category, area).orElseThrow(() -> new AssertionError("no agency for " + category
                + " in " + area)).agency().id();
    }

    private static String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Every reference item, keyed {@code pk/sk}, as text: a second import must leave each as it was. */
    private static Map<String, String> referenceItems() {
        Map<String, String> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table)).items().forEach(item ->
                items.put(Attr.str(item, "pk") + "/" + Attr.str(item, "sk"), new TreeMap<>(item).toString()));
        return items;
    }

    private static List<String> agencyQueueUrls() {
        return sqs.listQueues(b -> b.queueNamePrefix("pakn-dev-agency-")).queueUrls().stream().sorted()
                .filter(url -> !url.contains("bn-truong-thpt-chuyen")).collect(Collectors.toList());
    }

    private static Message receiveOne(String queueUrl, String complaintId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Message> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages()) {
                if (m.body().contains(complaintId)) {
                    return m;
                }
                seen.add(m);
            }
        }
        throw new AssertionError("No message for " + complaintId + " on " + queueUrl + "; saw " + seen.size());
    }
}
