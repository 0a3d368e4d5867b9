package vn.pakn.local;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.AwsClients;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.stats.Reconciliation;

/**
 * Recomputes every statistics aggregate and daily snapshot from the event log and reports drift
 * (docs/statistics.md, "Reconciliation"); with {@code --repair}, checks again after a pause and
 * repairs what drifted the same both times. Works against the local runtime and against AWS.
 * Exit status: 0 no drift, 1 drift found (repaired or not: the report says), 2 usage or error.
 */
public final class Reconcile {
    static final int NO_DRIFT = 0;
    static final int DRIFT = 1;
    static final int USAGE_OR_ERROR = 2;
    static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    static final String USAGE = """
            Usage: java -cp infra/local/target/pakn-local.jar vn.pakn.local.Reconcile \\
                     [--complaints-table <name>] [--stats-table <name>] [--reference-table <name>] \\
                     [--repair [--settle <seconds>]]

              --complaints-table  the event log (default ComplaintsTable, the local runtime's name;
                                  in AWS the stack's ComplaintsTableName output)
              --stats-table       the aggregates (default StatsTable; in AWS StatsTableName)
              --reference-table   areas, for each complaint's area path (default ReferenceTable;
                                  in AWS ReferenceTableName)
              --repair            after a first check, wait --settle seconds (default %d), check again and
                                  repair only what drifted the same both times; then check once more
            Reads everything, writes nothing without --repair.
            Exit status: 0 no drift, 1 drift found (also when repaired: the report says what was done),
            2 usage or error (--help: this text, exit 0).
            Locally: AWS_ENDPOINT_URL_DYNAMODB=<the DynamoDB endpoint the runtime printed>
                     AWS_ACCESS_KEY_ID=paknlocal AWS_SECRET_ACCESS_KEY=pakn-local-secret
            In AWS: the usual credentials and region (AWS_PROFILE, AWS_REGION).""".formatted(DEFAULT_SETTLE.toSeconds());

    private Reconcile() {
    }

    public static void main(String[] args) {
        System.exit(run(args, environment(), System.out, System.err));
    }

    /** The whole command; returns the exit status. */
    static int run(String[] args, FunctionEnvironment env, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                out.println(USAGE);
                return NO_DRIFT;
            }
            if (name.equals("--repair")) {
                options.put(name, "true");
            } else if (List.of("--complaints-table", "--stats-table", "--reference-table", "--settle").contains(name)
                    && i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                err.println("Unknown or incomplete option: " + name + "\n" + USAGE);
                return USAGE_OR_ERROR;
            }
        }
        Duration settle;
        try {
            settle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--settle",
                    Long.toString(DEFAULT_SETTLE.toSeconds()))));
        } catch (NumberFormatException e) {
            err.println("--settle takes a number of seconds\n" + USAGE);
            return USAGE_OR_ERROR;
        }
        if (settle.isNegative() || options.containsKey("--settle") && !options.containsKey("--repair")) {
            err.println("--settle goes with --repair, and is not negative\n" + USAGE);
            return USAGE_OR_ERROR;
        }
        String complaints = options.getOrDefault("--complaints-table", "ComplaintsTable");
        String stats = options.getOrDefault("--stats-table", "StatsTable");
        String referenceTable = options.getOrDefault("--reference-table", "ReferenceTable");
        try (DynamoDbClient dynamo = new AwsClients(env).dynamoDb()) {
            Clock clock = Clock.systemUTC();
            Reconciliation reconciliation = new Reconciliation(dynamo, complaints, stats,
                    new DynamoReferenceData(dynamo, referenceTable, Duration.ofDays(1), clock), clock)
                    .progress(err::println);
            Reconciliation.Result first = reconciliation.check();
            out.print(first.report());
            if (!first.hasDrift()) {
                return NO_DRIFT;
            }
            if (!options.containsKey("--repair")) {
                out.println("Not repaired: run again with --repair to repair what lasts.");
                return DRIFT;
            }
            err.println("Waiting " + settle.toSeconds() + " s, then checking again: only drift that lasts is repaired ...");
            Thread.sleep(settle.toMillis());
            Reconciliation.Repair repair = reconciliation.repair(first);
            out.print(repair.report());
            return DRIFT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted");
            return USAGE_OR_ERROR;
        } catch (RuntimeException e) {
            err.println("Reconciliation failed: " + e);
            return USAGE_OR_ERROR;
        }
    }

    /**
     * The process environment; without AWS_REGION, the region of the SDK's usual chain (profile,
     * instance metadata), which AwsClients alone would not consult.
     */
    private static FunctionEnvironment environment() {
        Map<String, String> env = System.getenv();
        if (env.get("AWS_REGION") != null && !env.get("AWS_REGION").isBlank()) {
            return FunctionEnvironment.system();
        }
        try {
            String region = DefaultAwsRegionProviderChain.builder().build().getRegion().id();
            Map<String, String> withRegion = new HashMap<>(env);
            withRegion.put("AWS_REGION", region);
            return FunctionEnvironment.of(withRegion);
        } catch (RuntimeException noRegionConfigured) {
            return FunctionEnvironment.system();
        }
    }
}
