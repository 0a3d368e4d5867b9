package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.aws.stats.StatsKeys;
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
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.stats.StatsAggregator;

/**
 * The documented reconcile command against tables named as the local runtime names them (its
 * defaults), reached through AWS_ENDPOINT_URL_DYNAMODB and explicit credentials, as a developer
 * would run it: exit 0 with no drift, 1 with drift, 1 and "Repaired" with --repair, 2 on misuse.
 */
class ReconcileIT {
    private static LocalAwsServices services;
    private static FunctionEnvironment env;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        DemoDeployment demo = DemoDeployment.start();
        services = demo.services();
        SamTemplate template = demo.template();
        LocalDeployment deployment = demo.deployment();
        env = FunctionEnvironment.of(services.clientEnvironment());
        dynamo = services.dynamoDb();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void agreeingTables_exit0_tampered_exit1_repair_exit1SayingSo_thenExit0() {
        Instant at = Instant.parse("2026-04-02T02:00:00Z");
        var reference = new DynamoReferenceData(dynamo, "ReferenceTable", Duration.ofDays(1), Clock.systemUTC());
        String id = Ids.newId(at);
        Complaint complaint = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, "roads", "24-tu-son", null,
                "Ổ gà", List.of(), new Reporter(null, null, null), false, Channel.WEB, at, at,
                CitizenSecret.hash(CitizenSecret.generate()));
        new DynamoComplaintRepository(dynamo, "ComplaintsTable").create(new NewComplaint(complaint,
                new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED, Actor.citizen(Channel.WEB), at,
                        null), List.of(), null));
        new DynamoComplaintStore(dynamo, "ComplaintsTable", new AssignmentMessages(services.s3Presigner(), "unused",
                Clock.systemUTC())).append(new Lifecycle(reference).apply(complaint,
                new Command.Route("bn-ubnd-tu-son", "routed"), Actor.system("router"), at.plusSeconds(60)));
        StatsAggregator aggregator = new StatsAggregator(dynamo, "ComplaintsTable", reference,
                new DynamoStatsTable(dynamo, "StatsTable", Clock.systemUTC()));
        aggregator.apply(id, 1);
        aggregator.apply(id, 2);

        Run clean = run();
        assertEquals(0, clean.status, clean.out + clean.err);
        assertTrue(clean.out.contains("Read 1 complaint(s) and replayed 2 event(s)."), clean.out);
        assertTrue(clean.out.endsWith("No drift.\n"), clean.out);

        String province = StatsKeys.aggregatePk(Grouping.PROVINCE, Grouping.ALL);
        dynamo.updateItem(b -> b.tableName("StatsTable").key(StatsKeys.key(province, "DAY#2026-04-02"))
                .updateExpression("ADD received :one").expressionAttributeValues(Map.of(":one", Attr.n(1))));
        Run drift = run();
        assertEquals(1, drift.status, drift.out + drift.err);
        assertTrue(drift.out.contains("AGG#PROVINCE#ALL DAY#2026-04-02 received: expected 1, table 2 (+1)"), drift.out);
        assertTrue(drift.out.contains("Not repaired: run again with --repair"), drift.out);

        Run repair = run("--repair", "--settle", "0");
        assertEquals(1, repair.status, repair.out + repair.err);
        assertTrue(repair.out.contains("Repaired 1 counter value(s) by adding the difference."), repair.out);
        assertTrue(repair.out.endsWith("No drift.\n"), repair.out);

        Run after = run();
        assertEquals(0, after.status, after.out + after.err);
    }

    @Test
    void unknownOption_settleWithoutRepair_missingTable_exit2() {
        Run unknown = run("--stats", "StatsTable");
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("Unknown or incomplete option: --stats"), unknown.err);
        assertTrue(unknown.err.contains("Usage: java -cp infra/local/target/pakn-local.jar vn.pakn.local.Reconcile"));

        assertEquals(2, run("--settle", "5").status);
        assertEquals(2, run("--repair", "--settle", "soon").status);

        Run missing = run("--stats-table", "NoSuchTable");
        assertEquals(2, missing.status);
        assertTrue(missing.err.contains("Reconciliation failed"), missing.err);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Reconcile.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
