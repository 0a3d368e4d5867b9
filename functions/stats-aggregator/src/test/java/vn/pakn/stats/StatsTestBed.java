package vn.pakn.stats;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.aws.stats.Reconciliation;
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
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/**
 * The tables of template.yaml on the embedded DynamoDB Local with the demo province's reference
 * data, and complaints written as the APIs write them (real {@link Lifecycle}, real store), for
 * the reconciliation tests. Each test starts from empty complaint and statistics tables.
 */
final class StatsTestBed implements AutoCloseable {
    static final String REPORTER_NAME = "Lê Văn C";
    static final String REPORTER_PHONE = "0901234567";

    final LocalAwsServices services;
    final Map<String, String> env;
    final DynamoDbClient dynamo;
    final String complaintsTable;
    final String statsTable;
    final DynamoReferenceData reference;
    final DynamoComplaintRepository repository;
    final DynamoComplaintStore store;
    final Lifecycle lifecycle;
    final Path seed;

    private StatsTestBed(LocalAwsServices services, LocalDeployment deployment, SamTemplate template) throws Exception {
        this.services = services;
        this.seed = template.path().getParent().resolve("infra/seed");
        var importer = new ReferenceImporter(services.dynamoDb(), deployment.tableName("ReferenceTable"));
        try (InputStream categories = Files.newInputStream(seed.resolve("categories.json"));
             InputStream province = Files.newInputStream(seed.resolve("demo-bac-ninh.json"))) {
            importer.importCategories(categories);
            importer.importProvince(province);
        }
        this.env = deployment.functionEnvironment(template.function("StatsAggregatorFunction"));
        this.dynamo = services.dynamoDb();
        this.complaintsTable = env.get("COMPLAINTS_TABLE");
        this.statsTable = env.get("STATS_TABLE");
        // Reference data does not change during a test: read it once.
        this.reference = new DynamoReferenceData(dynamo, env.get("REFERENCE_TABLE"), Duration.ofDays(1), Clock.systemUTC());
        this.repository = new DynamoComplaintRepository(dynamo, complaintsTable);
        this.store = new DynamoComplaintStore(dynamo, complaintsTable,
                new AssignmentMessages(services.s3Presigner(), "unused", Clock.systemUTC()));
        this.lifecycle = new Lifecycle(reference);
    }

    static StatsTestBed start() throws Exception {
        LocalAwsServices services = LocalAwsServices.start(line -> { }, Map.of());
        try {
            SamTemplate template = SamTemplate.load();
            LocalDeployment deployment = Provisioner.provision(template, services, line -> { });
            return new StatsTestBed(services, deployment, template);
        } catch (Exception | Error e) {
            services.close();
            throw e;
        }
    }

    /** Deletes every item of the complaints and statistics tables. */
    void truncate() {
        for (String table : List.of(complaintsTable, statsTable)) {
            List<WriteRequest> deletes = new ArrayList<>();
            dynamo.scanPaginator(b -> b.tableName(table).projectionExpression("pk, sk")).items().forEach(item ->
                    deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(item)).build()));
            for (int i = 0; i < deletes.size(); i += 25) {
                List<WriteRequest> batch = deletes.subList(i, Math.min(deletes.size(), i + 25));
                Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
            }
        }
    }

    /** A complaint as the citizen API writes it: RECEIVED, event 1. */
    String receive(Instant at, String category, String area, Channel channel) {
        String id = Ids.newId(at);
        Complaint complaint = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area,
                null, "Phản ánh thử", List.of(), new Reporter(REPORTER_NAME, REPORTER_PHONE, null), false,
                channel, at, at, CitizenSecret.hash(CitizenSecret.generate()));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(channel), at, null);
        CreateOutcome outcome = repository.create(new NewComplaint(complaint, first, List.of(), null));
        if (!(outcome instanceof CreateOutcome.Created)) {
            throw new AssertionError(outcome.toString());
        }
        return id;
    }

    Complaint complaint(String id) {
        return store.findById(id).orElseThrow().complaint();
    }

    List<ComplaintEvent> events(String id) {
        return store.findById(id).orElseThrow().events();
    }

    /** Applies one command as the APIs do and returns the complaint after it. */
    Complaint act(String id, Command command, Actor actor, Instant at) {
        return act(complaint(id), command, actor, at);
    }

    Complaint act(Complaint current, Command command, Actor actor, Instant at) {
        Transition t = lifecycle.apply(current, command, actor, at);
        store.append(t);
        return t.after();
    }

    StatsAggregator aggregator(DynamoStatsTable table) {
        return new StatsAggregator(dynamo, complaintsTable, reference, table);
    }

    /** Adds every event of these complaints once, in order. */
    void applyAll(List<String> ids) {
        StatsAggregator aggregator = aggregator(new DynamoStatsTable(dynamo, statsTable, Clock.systemUTC()));
        for (String id : ids) {
            for (ComplaintEvent e : events(id)) {
                aggregator.apply(id, e.seq());
            }
        }
    }

    Reconciliation reconciliation(Clock clock, int updatesPerPart) {
        return new Reconciliation(dynamo, complaintsTable, statsTable, reference, clock, updatesPerPart);
    }

    /** What the stream shows for an item written to the complaints table: keys only are needed. */
    static DynamodbStreamRecord streamRecord(String eventName, String pk, String sk, long sequenceNumber) {
        StreamRecord change = new StreamRecord();
        change.setKeys(Map.of(ComplaintKeys.PK, new AttributeValue().withS(pk), ComplaintKeys.SK,
                new AttributeValue().withS(sk)));
        change.setSequenceNumber(String.format("%021d", sequenceNumber));
        change.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setEventID("e" + sequenceNumber);
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(change);
        return record;
    }

    @Override
    public void close() {
        services.close();
    }
}
