package vn.pakn.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import vn.pakn.aws.AwsClients;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.dynamo.DynamoUploadRepository;
import vn.pakn.aws.s3.S3UploadStorage;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.intake.SubmitRequest;
import vn.pakn.aws.http.Caller;
import vn.pakn.aws.stats.DynamoStatsReader;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.local.LocalRuntime;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.EventSettings;
import vn.pakn.local.events.HttpApiGateway;
import vn.pakn.local.events.HttpApiServer;
import vn.pakn.local.events.LocalFunction;
import vn.pakn.local.events.SqsPoller;
import vn.pakn.local.events.StreamPoller;

/**
 * pakn measured against the best it could do on the same machine in the same run. Started by
 * {@code ./bench/run}; prints the figures table (pakn, floor, ratio, goal) and the details, and
 * writes them to {@code bench/harness/target/bench-report.md}. docs/performance.md explains each
 * figure, its floor and the levers applied.
 */
public final class Bench {

    /** How much to measure: {@link #full()} for the figures, {@link #smoke()} to keep the harness working. */
    /**
     * @param only "cold" or "intake" to measure that figure alone (no cost, no routing or statistics), null for all
     * @param baseline another checkout whose function jars start cold interleaved with this one's, to
     *     measure a change's effect side by side (null: none)
     */
    public record Options(int runs, int clients, Duration warmup, Duration window, int routingMessages,
                          List<Integer> statsSizes, int statsQueries, int lifecycles, boolean levers,
                          boolean quick, String only, Path baseline) {
        public static Options full() {
            return new Options(5, 8, Duration.ofSeconds(5), Duration.ofSeconds(15), 1000, List.of(1_000, 100_000), 100,
                    20, true, false, null, null);
        }

        /**
         * Every code path once at toy sizes, in one runtime behind the counting proxies (so the timed
         * figures include the proxies) that starts only the functions the figures touch, one complaint
         * life counted and timed at once, one cold start of the citizen API and of the floor that also
         * count their classes, short settling waits: its figures mean nothing, it keeps the harness
         * working in seconds.
         */
        public static Options smoke() {
            return new Options(1, 2, Duration.ofMillis(300), Duration.ofSeconds(1), 10, List.of(3, 12), 1, 1, false,
                    true, null, null);
        }

        Options with(int runs, int clients, Duration window, boolean levers) {
            return new Options(runs, clients, warmup, window, routingMessages, statsSizes, statsQueries, lifecycles, levers,
                    quick, only, baseline);
        }

        Options only(String figure, Path baselineCheckout) {
            return new Options(runs, clients, warmup, window, routingMessages, statsSizes, statsQueries, lifecycles, levers,
                    quick, figure, baselineCheckout);
        }

        boolean measures(String figure) {
            return only == null || only.equals(figure);
        }

        /** Lives run before counting or timing, so that reference data is cached and code is compiled. */
        int warmupLives() {
            return quick ? 0 : 2;
        }

        /** How long a queue's depth must hold still before it counts as settled. */
        Duration settle() {
            return quick ? Duration.ofMillis(400) : Duration.ofSeconds(2);
        }
    }

    static final String CITIZEN = "CitizenApiFunction";
    static final String AGENCY = "AgencyApiFunction";
    static final String ADMIN = "AdminApiFunction";
    static final String PUBLIC_STATS_ROUTE = "GET /v1/public/stats";
    private static final String PUBLIC_STATS_FUNCTION = "PublicStatsFunction";
    static final String FLOOR_HANDLER = "vn.pakn.bench.floor.FloorHandler";
    static final String FLOOR_JAR = "bench/floor/target/pakn-bench-floor-lambda.jar";
    static final String FLOOR_DYNAMODB_ONLY_JAR = "bench/floor/target/pakn-bench-floor-dynamodb-only-lambda.jar";

    private final Options options;
    private final Consumer<String> say;
    private final Path root;
    private final Path work;
    private final Report report;
    private final byte[] photo;

    private Bench(Options options, Consumer<String> say) {
        this.options = options;
        long t0 = System.nanoTime();
        this.say = line -> say.accept(String.format(Locale.ROOT, "[%5.0f s] %s", (System.nanoTime() - t0) / 1e9, line));
        this.root = SamTemplate.locateTemplate().toAbsolutePath().getParent();
        try {
            this.work = Files.createTempDirectory("pakn-bench-");
            this.photo = Files.readAllBytes(root.resolve("infra/seed/samples/pothole.jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.report = new Report(header());
    }

    public static void main(String[] args) {
        Options options = Options.full();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> options = Options.smoke();
                case "--runs" -> options = options.with(Integer.parseInt(args[++i]), options.clients(), options.window(),
                        options.levers());
                case "--clients" -> options = options.with(options.runs(), Integer.parseInt(args[++i]), options.window(),
                        options.levers());
                case "--seconds" -> options = options.with(options.runs(), options.clients(),
                        Duration.ofSeconds(Integer.parseInt(args[++i])), options.levers());
                case "--no-levers" -> options = options.with(options.runs(), options.clients(), options.window(), false);
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> {
                    String figure = args[++i];
                    if (!List.of("cold", "intake", "stats").contains(figure)) {
                        System.err.println("--only takes cold, intake or stats, not " + figure);
                        System.exit(2);
                    }
                    options = options.only(figure, options.baseline());
                }
                case "--baseline" -> options = options.only(options.only(), Path.of(args[++i]).toAbsolutePath());
                default -> {
                    System.err.println("usage: bench/run [--smoke] [--runs N] [--clients N] [--seconds N] [--no-levers]"
                            + " [--only cold|intake|stats] [--baseline other-checkout] [--out report.md]");
                    System.exit(2);
                }
            }
        }
        long t0 = System.nanoTime();
        Report report;
        try {
            report = run(options, line -> System.out.println("  " + line));
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            // The local runtime's threads would keep the JVM alive.
            System.exit(1);
            return;
        }
        String text = report.text() + String.format(Locale.ROOT, "%nWhole run: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(text);
        Path target = out != null ? out
                : SamTemplate.locateTemplate().toAbsolutePath().getParent().resolve("bench/harness/target/bench-report.md");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, text);
            System.out.println("Written to " + target);
        } catch (IOException e) {
            System.err.println("Could not write " + target + ": " + e);
        }
        System.exit(0);
    }

    /** Runs everything and returns the report; {@code say} gets progress lines. */
    public static Report run(Options options, Consumer<String> say) {
        // Each Lambda environment has its own JVM and connections; in this one JVM, N functions and N
        // clients share the JDK's keep-alive cache, whose default of 5 idle connections would throttle both arms.
        System.setProperty("http.maxConnections", "256");
        CountingProxy.allowHostHeader();
        Bench bench = new Bench(options, say);
        try {
            bench.measure();
        } finally {
            bench.deleteWork();
        }
        return bench.report;
    }

    /** The emulator jar, event files and AppCDS archives of this run (tens of MB). */
    private void deleteWork() {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            say.accept("note: could not delete " + work + ": " + e);
        }
    }

    private String header() {
        return "pakn benchmarks: pakn beside its floor, measured in the same run\n\nMachine: " + Machine.describe()
                + "\nStarted: " + Instant.now() + "\nOptions: " + options;
    }

    private void measure() {
        LogCounter logs = LogCounter.install();
        try {
            if (options.quick()) {
                try (Proxied proxied = new Proxied()) {
                    timed(proxied.runtime, countRequests(proxied, logs));
                }
            } else if (options.only() != null) {
                say.accept("Starting the local runtime for " + options.only() + " ...");
                try (LocalRuntime runtime = LocalRuntime.start(runtimeOptions(Map.of()))) {
                    timed(runtime, null);
                }
            } else {
                CountRun counted;
                try (Proxied proxied = new Proxied()) {
                    counted = countRequests(proxied, logs);
                }
                say.accept("Starting the local runtime for the timed figures ...");
                try (LocalRuntime runtime = LocalRuntime.start(runtimeOptions(Map.of()))) {
                    timed(runtime, counted);
                }
            }
        } finally {
            logs.uninstall();
        }
    }

    /** Paths of the routes the harness calls (a complaint's life, intake, statistics). */
    private static final List<String> CALLED_PATHS = List.of("/v1/uploads", "/v1/complaints", "/v1/agency/",
            "/v1/public/stats");

    /**
     * The functions the smoke run starts, each a framework start costing seconds of CPU: every
     * consumer of a stream, queue or bucket (any of them may act in a complaint's life, including
     * ones added later) and the APIs whose routes the harness calls. Left out: scheduled functions
     * (not in the cost) and APIs nobody calls here.
     */
    static Set<String> smokeFunctions(SamTemplate template) {
        Set<String> out = new java.util.TreeSet<>();
        for (FunctionSpec f : template.functions()) {
            for (var event : f.events()) {
                Object path = event.properties().get("Path");
                boolean consumer = !event.type().equals("HttpApi") && !event.type().equals("Schedule");
                boolean called = event.type().equals("HttpApi") && path != null
                        && CALLED_PATHS.stream().anyMatch(p -> path.toString().startsWith(p));
                if (consumer || called) {
                    out.add(f.logicalId());
                }
            }
        }
        return out;
    }

    private LocalRuntime.Options runtimeOptions(Map<String, String> environment) {
        LocalRuntime.Options runtime = new LocalRuntime.Options();
        if (options.quick()) {
            runtime.onlyFunctions(smokeFunctions(SamTemplate.load(SamTemplate.locateTemplate())));
        }
        return runtime.apiPort(0).environment(environment).requireAllFunctions(true)
                .progress(line -> { }).console(line -> { }).httpThreads(Math.max(16, options.clients() * 2))
                // The smoke run waits on every hop of a complaint's life; Lambda-like polling would make it slow.
                .eventSettings(options.quick() ? EventSettings.fast() : EventSettings.defaults());
    }

    private void timed(LocalRuntime runtime, CountRun counted) {
        Api api = new Api(runtime.apiBaseUri(), Api.newClient());
        Map<String, Lifecycles.FunctionUse> durations = counted == null ? null : counted.durations();
        if (!options.quick() && counted != null) {
            // Timed again without the proxies in the way; the smoke run takes the counted lives' times.
            Lifecycles lives = new Lifecycles(runtime, api, runtime.services().dynamoDb(), photo);
            say.accept("Complaint lives for Lambda durations ...");
            lives.run(options.warmupLives());
            durations = lives.run(options.lifecycles());
        }
        // The smoke run starts the citizen API cold only: no agency API request to prepare.
        int coldStartWrites = options.quick() || !options.measures("cold") ? 0
                : (options.levers() ? options.runs() * 2 + 3 : options.runs() + 2)
                + (options.baseline() != null ? options.runs() : 0);
        Deque<String[]> assigned = new ArrayDeque<>();
        if (coldStartWrites > 0) {
            say.accept("Preparing " + coldStartWrites + " assigned complaints for the agency API's cold starts ...");
            assigned = assigned(runtime, api, coldStartWrites);
        }
        // Routing is driven by hand below, and statistics are no part of intake: their consumers stop here.
        runtime.events().source("RouterFunction", "Intake", SqsPoller.class).close();
        runtime.events().source("StatsAggregatorFunction", "ComplaintsStream", StreamPoller.class).close();
        if (options.measures("cold")) {
            coldStarts(runtime, assigned);
        }
        if (options.measures("intake")) {
            intake(runtime, api);
        }
        if (options.only() == null) {
            // The intake run fills the queue the routing figure drains.
            routing(runtime);
        }
        if (options.measures("stats")) {
            statistics(runtime, api);
        }
        if (options.only() == null) {
            cost(counted, durations, runtime);
        }
    }

    // ------------------------------------------------------------------ 5. counts for the cost model

    private record CountRun(CostModel.Counts counts, Map<String, Long> dynamo, Map<String, Long> sqs, Map<String, Long> s3,
                            Map<String, Double> writeUnitsByTable, double reportedWriteUnits,
                            Map<String, Lifecycles.FunctionUse> durations) {
    }

    /** Embedded services, a counting proxy in front of each, and the local runtime talking to the proxies. */
    private final class Proxied implements AutoCloseable {
        final LocalAwsServices services;
        final CountingProxy dynamo;
        final CountingProxy sqs;
        final CountingProxy s3;
        final LocalRuntime runtime;

        private Proxied() {
            services = LocalAwsServices.start(line -> { }, Map.of());
            dynamo = new CountingProxy(CountingProxy.Service.DYNAMODB, services.dynamoDbEndpoint());
            sqs = new CountingProxy(CountingProxy.Service.SQS, services.sqsEndpoint());
            s3 = new CountingProxy(CountingProxy.Service.S3, services.s3Endpoint());
            Map<String, String> env = new LinkedHashMap<>();
            env.put("AWS_REGION", services.region());
            env.put("AWS_ACCESS_KEY_ID", services.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", services.secretAccessKey());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
            runtime = LocalRuntime.start(runtimeOptions(env));
        }

        @Override
        public void close() {
            runtime.close();
            dynamo.close();
            sqs.close();
            s3.close();
            services.close();
        }
    }

    private CountRun countRequests(Proxied proxied, LogCounter logs) {
        LocalRuntime runtime = proxied.runtime;
        say.accept("Counting requests over " + options.lifecycles() + " complaint lives (services behind counting proxies) ...");
        Api api = new Api(runtime.apiBaseUri(), Api.newClient());
        Lifecycles lives = new Lifecycles(runtime, api, proxied.services.dynamoDb(), photo);
        // Reference data is read once a minute per environment: a cost of time, not of complaints.
        lives.run(options.warmupLives());
        proxied.dynamo.reset();
        proxied.sqs.reset();
        proxied.s3.reset();
        long apiBefore = api.apiRequests();
        long logsBefore = logs.bytes();
        Map<String, Lifecycles.FunctionUse> durations = lives.run(options.lifecycles());
        CostModel.Counts counts = new CostModel.Counts(options.lifecycles(), proxied.dynamo.requests(),
                proxied.dynamo.readUnits(), proxied.dynamo.writeUnits(), proxied.sqs.requests(), proxied.s3.requests(),
                api.apiRequests() - apiBefore, logs.bytes() - logsBefore);
        return new CountRun(counts, proxied.dynamo.requests(), proxied.sqs.requests(), proxied.s3.requests(),
                proxied.dynamo.writeUnitsByTable(), proxied.dynamo.reportedWriteUnits(), durations);
    }

    /**
     * Counts the bytes of the JSON log lines functions write to standard output (what CloudWatch
     * Logs would ingest) and keeps them off the console; everything else passes through.
     */
    private static final class LogCounter extends OutputStream {
        private final PrintStream original = System.out;
        private final LongAdder bytes = new LongAdder();
        private boolean lineIsJson;
        private boolean atLineStart = true;

        static LogCounter install() {
            LogCounter counter = new LogCounter();
            System.setOut(new PrintStream(counter, true, StandardCharsets.UTF_8));
            return counter;
        }

        void uninstall() {
            System.setOut(original);
        }

        long bytes() {
            return bytes.sum();
        }

        @Override
        public synchronized void write(int b) {
            if (atLineStart) {
                lineIsJson = b == '{';
                atLineStart = false;
            }
            if (lineIsJson) {
                bytes.increment();
            } else {
                original.write(b);
            }
            if (b == '\n') {
                atLineStart = true;
            }
        }
    }

    private void cost(CountRun counted, Map<String, Lifecycles.FunctionUse> durations, LocalRuntime runtime) {
        Set<String> scheduled = new HashSet<>();
        for (FunctionSpec f : runtime.deployment().template().functions()) {
            if (!f.events().isEmpty() && f.events().stream().allMatch(e -> e.type().equals("Schedule"))) {
                scheduled.add(f.logicalId());
            }
        }
        List<CostModel.Line> lines = CostModel.lines(counted.counts(), durations, scheduled);
        report.plain("Cost per million complaints (AWS, ap-southeast-1)",
                String.format(Locale.ROOT, "$%,.2f", CostModel.total(lines)), "-",
                "computed from counts over " + counted.counts().complaints() + " complaint lives");
        StringBuilder body = new StringBuilder();
        body.append("Counted over ").append(counted.counts().complaints()).append(" whole complaint lives (")
                .append("upload and photo check, submission, relay, routing, inbox and details, acknowledge, resolve, ")
                .append("three look-ups, confirmation with a rating, statistics for every event). Prices: ")
                .append(CostModel.PRICES_AS_OF).append(".\n\n");
        body.append(CostModel.format(lines)).append('\n');
        body.append("Billable requests over all lives: DynamoDB ").append(CostModel.billable(counted.dynamo()))
                .append(" (").append(String.format(Locale.ROOT, "%.1f", counted.counts().writeUnits())).append(" WRU, ")
                .append(String.format(Locale.ROOT, "%.1f", counted.counts().readUnits())).append(" RRU as DynamoDB Local")
                .append(" reported them; write units by AWS's rules from the items' sizes, DynamoDB Local reported ")
                .append(String.format(Locale.ROOT, "%.1f", counted.reportedWriteUnits()))
                .append(", undercounting transactions). Write units per complaint by table and index: ")
                .append(perComplaint(counted.writeUnitsByTable(), counted.counts().complaints())).append(". SQS ").append(CostModel.billable(counted.sqs())).append("; S3 ")
                .append(CostModel.billable(counted.s3())).append(".\n\nNot billed per complaint and left out: ")
                .append(counted.dynamo().entrySet().stream().filter(e -> !CostModel.billable(counted.dynamo())
                        .containsKey(e.getKey())).map(Object::toString).toList())
                .append(counted.sqs().entrySet().stream().filter(e -> !CostModel.billable(counted.sqs())
                        .containsKey(e.getKey())).map(Object::toString).toList())
                .append(counted.s3().entrySet().stream().filter(e -> !CostModel.billable(counted.s3())
                        .containsKey(e.getKey())).map(Object::toString).toList())
                .append(".\n\nLambda use per function over the lives (")
                .append(options.quick() ? "the counted lives, proxies in the path" : "timed run, no proxy").append("): ");
        durations.forEach((id, use) -> body.append(String.format(Locale.ROOT, "%s %d x %.1f ms at %d MB%s; ", id,
                use.invocations(), use.invocations() == 0 ? 0 : use.seconds() * 1000 / use.invocations(), use.memoryMb(),
                scheduled.contains(id) ? " (scheduled, left out)" : "")));
        report.section("Cost per million complaints", body.toString());
    }

    private static String perComplaint(Map<String, Double> units, int complaints) {
        Map<String, String> out = new java.util.TreeMap<>();
        units.forEach((table, u) -> out.put(table, String.format(Locale.ROOT, "%.1f", u / complaints)));
        return out.toString();
    }

    // ------------------------------------------------------------------ 1. cold starts

    private Deque<String[]> assigned(LocalRuntime runtime, Api api, int count) {
        List<CompletableFuture<String[]>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(CompletableFuture.supplyAsync(() -> {
                var receipt = api.submitOk(Api.submission("noise", "24-kinh-bac"));
                String id = receipt.get("id").asText();
                awaitStatus(runtime, id, "ASSIGNED");
                return new String[] {id, api.track(receipt.get("trackingCode").asText()).at("/agency/id").asText()};
            }));
        }
        Deque<String[]> out = new ArrayDeque<>();
        made.forEach(f -> out.add(f.join()));
        return out;
    }

    private static void awaitStatus(LocalRuntime runtime, String id, String status) {
        String table = runtime.deployment().tableName("ComplaintsTable");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = runtime.services().dynamoDb().getItem(b -> b.tableName(table)
                    .consistentRead(true).key(ComplaintKeys.stateKey(id))).item();
            if (item != null && item.containsKey("status") && status.equals(item.get("status").s())) {
                return;
            }
            Lifecycles.sleep(50);
        }
        throw new IllegalStateException(id + " never became " + status);
    }

    private void coldStarts(LocalRuntime runtime, Deque<String[]> assigned) {
        ColdStarts cold = new ColdStarts(work);
        Path floorJar = root.resolve(FLOOR_JAR);
        if (!Files.isRegularFile(floorJar)) {
            throw new IllegalStateException(floorJar + " is missing: build it (mvn -pl bench/harness -am package)");
        }
        String[] floorComplaint = assigned.pollLast();
        AtomicInteger adminRun = new AtomicInteger();
        Map<String, Supplier<Properties>> requests = new LinkedHashMap<>();
        requests.put(CITIZEN, () -> citizenRequest());
        if (!options.quick()) {
            requests.put(AGENCY, () -> agencyRequest(assigned.isEmpty() ? floorComplaint : assigned.removeFirst()));
            requests.put(ADMIN, () -> adminRequest(adminRun.incrementAndGet()));
        }
        Map<String, Supplier<Properties>> floorRequests = new LinkedHashMap<>();
        floorRequests.put(CITIZEN, () -> citizenRequest());
        floorRequests.put(AGENCY, () -> agencyRequest(floorComplaint));
        floorRequests.put(ADMIN, () -> adminRequest(adminRun.incrementAndGet()));
        StringBuilder details = new StringBuilder();
        StringBuilder classes = new StringBuilder();
        List<String> skipped = new ArrayList<>();
        for (FunctionSpec spec : runtime.deployment().template().functions()) {
            boolean api = spec.events().stream().anyMatch(e -> e.type().equals("HttpApi"));
            if (api && !requests.containsKey(spec.logicalId())) {
                skipped.add(spec.logicalId());
            }
        }
        for (Map.Entry<String, Supplier<Properties>> entry : requests.entrySet()) {
            FunctionSpec spec = runtime.deployment().template().function(entry.getKey());
            String name = spec.codeUri().replaceAll(".*/pakn-(.*)-lambda\\.jar", "$1");
            Map<String, String> env = runtime.deployment().functionEnvironment(spec);
            ColdStarts.Target pakn = new ColdStarts.Target(name, spec.handler().replaceAll("::.*", ""),
                    root.resolve(spec.codeUri()), spec.memorySize(), env, entry.getValue());
            ColdStarts.Target floor = new ColdStarts.Target(name + "-floor", FLOOR_HANDLER, floorJar, spec.memorySize(),
                    env, floorRequests.get(entry.getKey()));
            // The smoke run counts classes in its one timed run each; the full run in runs of their own.
            Map<ColdStarts.Target, ColdStarts.ClassCount> paknCounted = options.quick() ? new HashMap<>() : null;
            Map<ColdStarts.Target, ColdStarts.ClassCount> floorCounted = options.quick() ? new HashMap<>() : null;
            ColdStarts.Target baseline = options.baseline() == null ? null : new ColdStarts.Target(name + "-baseline",
                    pakn.handler(), options.baseline().resolve(spec.codeUri()), spec.memorySize(), env, entry.getValue());
            List<ColdStarts.Variant> variants = new ArrayList<>(List.of(ColdStarts.Variant.DEPLOYED));
            List<ColdStarts.Run> floorDeployed = null;
            if (options.levers()) {
                variants.add(new ColdStarts.Variant("primed as by SnapStart", null, true, false));
                if (entry.getKey().equals(CITIZEN)) {
                    variants.add(new ColdStarts.Variant("without JAVA_TOOL_OPTIONS (C1+C2)", "", false, false));
                    variants.add(new ColdStarts.Variant("with an AppCDS archive", null, false, true));
                }
            }
            for (ColdStarts.Variant variant : variants) {
                say.accept("Cold starts: " + name + ", " + variant.name() + " (" + options.runs() + " runs each) ...");
                Samples paknWall = new Samples();
                Samples floorWall = new Samples();
                Samples paknRss = new Samples();
                Samples floorRss = new Samples();
                List<ColdStarts.Run> paknRuns = new ArrayList<>();
                List<ColdStarts.Run> floorRuns = new ArrayList<>();
                List<ColdStarts.Run> baselineRuns = new ArrayList<>();
                boolean withBaseline = baseline != null && variant == ColdStarts.Variant.DEPLOYED;
                // Priming is pakn's: the floor has nothing to prime, so its as-deployed runs stand beside it.
                boolean floorToo = !variant.prime() || floorDeployed == null;
                for (int i = 0; i < options.runs(); i++) {
                    // Interleaved, so drifts in the machine's load fall on both alike.
                    ColdStarts.Run p = run(cold, pakn, variant, paknCounted);
                    paknRuns.add(p);
                    paknWall.add(p.wallMs());
                    paknRss.add(p.peakRssKb() / 1024.0);
                    if (withBaseline) {
                        baselineRuns.add(cold.run(baseline, variant));
                    }
                    if (floorToo) {
                        ColdStarts.Run f = run(cold, floor, variant, floorCounted);
                        floorRuns.add(f);
                        floorWall.add(f.wallMs());
                        floorRss.add(f.peakRssKb() / 1024.0);
                    }
                }
                if (variant == ColdStarts.Variant.DEPLOYED) {
                    floorDeployed = floorRuns;
                } else if (!floorToo) {
                    floorRuns.addAll(floorDeployed);
                    floorDeployed.forEach(f -> floorWall.add(f.wallMs()));
                }
                String label = variant == ColdStarts.Variant.DEPLOYED ? "" : ", " + variant.name();
                if (variant.prime()) {
                    // What SnapStart's snapshot saves is init and priming; what is left after a restore is the
                    // request. The restore itself cannot be measured off AWS, so it is not in this figure.
                    report.lowerIsBetter("First request " + name + " after priming (median; restore not included)",
                            median(paknRuns, ColdStarts.Run::invokeMs), median(floorRuns, ColdStarts.Run::invokeMs),
                            "ms", null);
                } else {
                    report.lowerIsBetter("Cold start " + name + label + " (median of " + options.runs() + ")",
                            paknWall.median(), floorWall.median(), "ms",
                            variant == ColdStarts.Variant.DEPLOYED ? 1.5 : null);
                }
                if (variant == ColdStarts.Variant.DEPLOYED) {
                    report.lowerIsBetter("Peak RSS " + name + " (median)", paknRss.median(), floorRss.median(), "MB", null);
                }
                if (withBaseline) {
                    // The floor column is the baseline here: the ratio is the change's effect.
                    report.lowerIsBetter("Cold start " + name + ", this build vs the baseline (median of " + options.runs()
                            + ")", paknWall.median(), median(baselineRuns, ColdStarts.Run::wallMs), "ms", null);
                    details.append(String.format(Locale.ROOT, "- %s, baseline %s: %s%n", name, options.baseline(),
                            describe(baselineRuns)));
                }
                details.append(String.format(Locale.ROOT, "- %s, %s: pakn %s; floor%s %s%n", name, variant.name(),
                        describe(paknRuns), floorToo ? "" : " (as deployed)", describe(floorRuns)));
            }
            if (options.levers() && entry.getKey().equals(CITIZEN)) {
                potentials(cold, floor, details);
            }
            ColdStarts.ClassCount paknClasses = paknCounted != null ? paknCounted.get(pakn)
                    : cold.classes(pakn, ColdStarts.Variant.DEPLOYED);
            ColdStarts.ClassCount floorClasses = floorCounted != null ? floorCounted.get(floor)
                    : cold.classes(floor, ColdStarts.Variant.DEPLOYED);
            classes.append(String.format(Locale.ROOT, "- %s: pakn %,d classes %s; floor %,d %s%n", name,
                    paknClasses.total(), top(paknClasses.byLibrary()), floorClasses.total(), top(floorClasses.byLibrary())));
            if (options.levers() && entry.getKey().equals(CITIZEN)) {
                ColdStarts.ClassCount cds = cold.classes(pakn, new ColdStarts.Variant("cds", null, false, true));
                classes.append(String.format(Locale.ROOT, "- %s with the AppCDS archive: %,d of %,d classes came from "
                        + "shared archives (the JDK's and the application's)%n", name, cds.fromArchive(), cds.total()));
            }
        }
        report.section("Cold starts", "Each run: a fresh JVM (as Lambda's java21 runtime starts it: serial GC, heap"
                + " from the function's memory, the template's JAVA_TOOL_OPTIONS, a clean environment) loads the"
                + " shaded jar, creates the handler and answers one real request that writes to DynamoDB on the local"
                + " services; timed from spawning the process to reading the response. Medians; boot = process spawn"
                + " to main(), init = handler constructor, request = the first invocation.\n\n" + details
                + (skipped.isEmpty() ? "" : "\nAPI functions without a cold-start request defined here: " + skipped + "\n"));
        report.section("Classes loaded by one cold start (deployed options)", classes.toString());
    }

    /** A timed run; with {@code counted}, the first run of a target also counts its classes into it. */
    private static ColdStarts.Run run(ColdStarts cold, ColdStarts.Target target, ColdStarts.Variant variant,
                                      Map<ColdStarts.Target, ColdStarts.ClassCount> counted) {
        if (counted == null || counted.containsKey(target) || variant != ColdStarts.Variant.DEPLOYED) {
            return cold.run(target, variant);
        }
        ColdStarts.Counted run = cold.loggingClasses(target, variant);
        counted.put(target, run.classes());
        return run.run();
    }

    /**
     * Levers that would need pakn's modules restructured, measured on the floor instead: a jar
     * with the DynamoDB client alone (split jars), and building an S3 client and presigner at
     * init as the citizen API does (a client per function only where its requests need it).
     */
    private void potentials(ColdStarts cold, ColdStarts.Target floor, StringBuilder details) {
        ColdStarts.Target dynamoOnly = new ColdStarts.Target(floor.name() + "-dynamodb-only", floor.handler(),
                root.resolve(FLOOR_DYNAMODB_ONLY_JAR), floor.memoryMb(), floor.environment(), floor.request());
        Map<String, String> eager = new LinkedHashMap<>(floor.environment());
        eager.put("FLOOR_EAGER_S3", "true");
        ColdStarts.Target eagerS3 = new ColdStarts.Target(floor.name() + "-eager-s3", floor.handler(), floor.jar(),
                floor.memoryMb(), eager, floor.request());
        say.accept("Cold starts: the floor with the DynamoDB client alone, and with S3 clients built at init ...");
        List<ColdStarts.Run> base = new ArrayList<>();
        List<ColdStarts.Run> small = new ArrayList<>();
        List<ColdStarts.Run> more = new ArrayList<>();
        for (int i = 0; i < options.runs(); i++) {
            base.add(cold.run(floor, ColdStarts.Variant.DEPLOYED));
            small.add(cold.run(dynamoOnly, ColdStarts.Variant.DEPLOYED));
            more.add(cold.run(eagerS3, ColdStarts.Variant.DEPLOYED));
        }
        long fullKb = size(floor.jar()) / 1024;
        long smallKb = size(dynamoOnly.jar()) / 1024;
        report.lowerIsBetter(String.format(Locale.ROOT, "Cold start, floor jar with DynamoDB only (%,d KB vs %,d KB)",
                smallKb, fullKb), median(small, ColdStarts.Run::wallMs), median(base, ColdStarts.Run::wallMs), "ms", null);
        report.lowerIsBetter("Cold start, floor also building S3 client + presigner at init",
                median(more, ColdStarts.Run::wallMs), median(base, ColdStarts.Run::wallMs), "ms", null);
        details.append(String.format(Locale.ROOT, "- potential of split jars: floor with all three SDK clients in its"
                + " jar %s; with the DynamoDB client alone %s%n- potential of building only the clients a request"
                + " needs: floor %s; floor also building an S3 client and presigner at init %s%n", describe(base),
                describe(small), describe(base), describe(more)));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(List<ColdStarts.Run> runs) {
        Samples wall = new Samples();
        Samples boot = new Samples();
        Samples init = new Samples();
        Samples prime = new Samples();
        Samples request = new Samples();
        Samples rss = new Samples();
        for (ColdStarts.Run r : runs) {
            wall.add(r.wallMs());
            boot.add(r.bootMs());
            init.add(r.initMs());
            prime.add(r.primeMs());
            request.add(r.invokeMs());
            rss.add(r.peakRssKb() / 1024.0);
        }
        return String.format(Locale.ROOT, "%.0f ms (min %.0f, max %.0f; boot %.0f, init %.0f%s, request %.0f), peak RSS %.0f MB",
                wall.median(), wall.min(), wall.max(), boot.median(), init.median(),
                prime.max() > 0 ? String.format(Locale.ROOT, ", priming %.0f (before the snapshot, not timed)", prime.median()) : "",
                request.median(), rss.median());
    }

    private static double median(List<ColdStarts.Run> runs, java.util.function.ToDoubleFunction<ColdStarts.Run> field) {
        Samples samples = new Samples();
        runs.forEach(r -> samples.add(field.applyAsDouble(r)));
        return samples.median();
    }

    private static String top(Map<String, Integer> byLibrary) {
        return byLibrary.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(7)
                .map(e -> e.getKey() + " " + e.getValue()).toList().toString();
    }

    private static Properties citizenRequest() {
        Properties p = new Properties();
        p.setProperty("route", "POST /v1/complaints");
        p.setProperty("rawPath", "/v1/complaints");
        p.setProperty("header.content-type", "application/json");
        p.setProperty("header.idempotency-key", "bench-cold-" + UUID.randomUUID());
        p.setProperty("body", Api.submission("noise", "24-kinh-bac"));
        return p;
    }

    private static Properties agencyRequest(String[] complaint) {
        Properties p = new Properties();
        p.setProperty("route", "POST /v1/agency/complaints/{id}/actions/{action}");
        p.setProperty("rawPath", "/v1/agency/complaints/" + complaint[0] + "/actions/acknowledge");
        p.setProperty("path.id", complaint[0]);
        p.setProperty("path.action", "acknowledge");
        p.setProperty("header.content-type", "application/json");
        p.setProperty("body", "{\"note\": \"Đã tiếp nhận, sẽ cử cán bộ kiểm tra.\"}");
        p.setProperty("claim." + Caller.CLAIM_OFFICER, "can-bo-bench");
        p.setProperty("claim." + Caller.CLAIM_AGENCY, complaint[1]);
        p.setProperty("claim." + Caller.CLAIM_ROLE, Caller.Role.AGENCY.claimValue());
        return p;
    }

    private static Properties adminRequest(int run) {
        Properties p = new Properties();
        p.setProperty("route", "PUT /v1/admin/categories/{code}");
        p.setProperty("rawPath", "/v1/admin/categories/bench-cold-start");
        p.setProperty("path.code", "bench-cold-start");
        p.setProperty("header.content-type", "application/json");
        // A different deadline each run, so every run really writes.
        p.setProperty("body", "{\"code\": \"bench-cold-start\", \"name\": {\"vi\": \"Thử khởi động\", \"en\": \"Cold start"
                + " probe\"}, \"ackHours\": " + (1 + run % 48) + ", \"resolveDays\": 10, \"publicFeed\": false}");
        p.setProperty("claim." + Caller.CLAIM_OFFICER, "quan-tri-bench");
        p.setProperty("claim." + Caller.CLAIM_ROLE, Caller.Role.ADMIN.claimValue());
        return p;
    }

    // ------------------------------------------------------------------ 2. intake

    private static final String FLOOR_INTAKE_QUEUE = "pakn-bench-floor-intake.fifo";
    private static final String FLOOR_AGENCY_QUEUE = "pakn-bench-floor-agency";

    private void intake(LocalRuntime runtime, Api api) {
        int n = options.clients();
        LocalFunction citizen = runtime.function(CITIZEN).maxConcurrency(n);
        say.accept("Intake: scaling the citizen API out to " + n + " environments ...");
        List<CompletableFuture<Void>> first = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            first.add(CompletableFuture.runAsync(() -> api.submitOk(Api.submission(Api.randomCategory(), Api.randomArea()))));
        }
        first.forEach(CompletableFuture::join);
        Load.Operation viaApi = () -> api.submitStatus(Api.submission(Api.randomCategory(), Api.randomArea())) == 201;
        Load.Operation viaHandler = () -> {
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0")
                    .withRouteKey("POST /v1/complaints").withRawPath("/v1/complaints")
                    .withHeaders(Map.of("content-type", "application/json", "idempotency-key", "bench-" + UUID.randomUUID()))
                    .withBody(Api.submission(Api.randomCategory(), Api.randomArea()))
                    .withRequestContext(new APIGatewayV2HTTPEvent.RequestContext()).build();
            return ((APIGatewayV2HTTPResponse) citizen.invoke(event)).getStatusCode() == 201;
        };
        Map<String, String> env = runtime.deployment().functionEnvironment(runtime.deployment().template().function(CITIZEN));
        AwsClients clients = new AwsClients(FunctionEnvironment.of(env));
        DynamoDbClient serviceDynamo = clients.dynamoDb();
        String complaints = env.get("COMPLAINTS_TABLE");
        IntakeService service = new IntakeService(new DynamoReferenceData(serviceDynamo, env.get("REFERENCE_TABLE"),
                Duration.ofSeconds(60), Clock.systemUTC()), new DynamoComplaintRepository(serviceDynamo, complaints),
                new DynamoUploadRepository(serviceDynamo, complaints),
                new S3UploadStorage(clients.s3(), clients.s3Presigner(), env.get("UPLOADS_BUCKET")), Clock.systemUTC(),
                Duration.ofMinutes(15));
        Load.Operation viaService = () -> {
            java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
            service.submit(new SubmitRequest(Api.randomCategory(), "Tiếng ồn lớn kéo dài từ quán karaoke số "
                    + r.nextInt(500) + " đường Nguyễn Trãi sau 23 giờ, ảnh hưởng giấc ngủ của cả khu dân cư.",
                    21.15 + r.nextDouble() * 0.1, 106.0 + r.nextDouble() * 0.1, true, Api.randomArea(), List.of(),
                    "Nguyễn Văn A", "0912345678", "nguyen.van.a@example.vn", true, "mobile"),
                    "bench-" + UUID.randomUUID(), UUID.randomUUID().toString());
            return true;
        };
        SqsClient sqs = runtime.services().sqs();
        DynamoDbClient dynamo = runtime.services().dynamoDb();
        String table = runtime.deployment().tableName("ComplaintsTable");
        String queue = sqs.createQueue(b -> b.queueName(FLOOR_INTAKE_QUEUE).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        Load.Operation viaFloor = () -> {
            String id = UUID.randomUUID().toString();
            dynamo.putItem(b -> b.tableName(table).item(floorSubmission(id, Instant.now().toString()))
                    .conditionExpression("attribute_not_exists(pk)"));
            floorSend(sqs, queue, id);
            return true;
        };
        // pakn's writes without pakn: the tracking code's conditional put, then the complaint and its first
        // event in one batch, then the send. It is the most pakn's data model allows on these local services,
        // which the figures above are read against.
        Load.Operation viaFloorWrites = () -> {
            String id = UUID.randomUUID().toString();
            String at = Instant.now().toString();
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("FLOORTRACK#" + id),
                    "sk", AttributeValue.fromS("TRACK"), "complaintId", AttributeValue.fromS(id),
                    "keyHash", AttributeValue.fromS(id), "receivedAt", AttributeValue.fromS(at)))
                    .conditionExpression("attribute_not_exists(pk)"));
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(
                    WriteRequest.builder().putRequest(p -> p.item(withPaknIndexKeys(floorSubmission(id, at), id, at))).build(),
                    WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS("FLOOR#" + id),
                            "sk", AttributeValue.fromS("EVENT#00000001"), "eventType", AttributeValue.fromS("RECEIVED"),
                            "at", AttributeValue.fromS(at)))).build()))));
            floorSend(sqs, queue, id);
            return true;
        };
        // The arms take turns in short slices, so that neither the machine's drifts nor the harness JVM's own
        // warming (DynamoDB Local and the queue run in it) favour the arm that happens to run last. The relay
        // runs alongside pakn's slices (it is pakn's cost); before each floor slice it is let catch up.
        String intakeQueue = runtime.deployment().queueUrl("IntakeQueue");
        Map<String, Load.Operation> arms = new LinkedHashMap<>();
        arms.put("pakn", viaApi);
        arms.put("handler", viaHandler);
        arms.put("service", viaService);
        arms.put("floor", viaFloor);
        arms.put("floor-writes", viaFloorWrites);
        say.accept("Intake: warming up each arm (" + options.warmup().toMillis() / 1000.0 + " s) ...");
        arms.values().forEach(op -> Load.run(n, Duration.ZERO, options.warmup(), op));
        int rounds = options.quick() ? 1 : 5;
        Duration slice = options.window().dividedBy(rounds);
        Map<String, List<Load.Result>> slices = new LinkedHashMap<>();
        say.accept("Intake: " + rounds + (rounds == 1 ? " round of " : " rounds of ") + slice.toMillis() / 1000.0 + " s per arm, " + n + " clients:"
                + " through the HTTP API, the handler invoked directly, the intake service called directly, the floor ...");
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Load.Operation> arm : arms.entrySet()) {
                if (arm.getKey().startsWith("floor") && !options.quick()) {
                    settledDepth(sqs, intakeQueue);
                }
                slices.computeIfAbsent(arm.getKey(), k -> new ArrayList<>())
                        .add(Load.run(n, options.quick() ? Duration.ZERO : Duration.ofMillis(300), slice, arm.getValue()));
            }
        }
        Load.Result pakn = Load.combine(slices.get("pakn"));
        Load.Result handler = Load.combine(slices.get("handler"));
        Load.Result direct = Load.combine(slices.get("service"));
        Load.Result floor = Load.combine(slices.get("floor"));
        Load.Result floorWrites = Load.combine(slices.get("floor-writes"));
        report.higherIsBetter("Intake throughput, " + n + " clients", pakn.perSecond(), floor.perSecond(), "req/s", 0.7);
        report.higherIsBetter("Intake throughput, handler invoked directly", handler.perSecond(), floor.perSecond(),
                "req/s", null);
        report.higherIsBetter("Intake throughput, intake service called directly", direct.perSecond(), floor.perSecond(),
                "req/s", null);
        report.higherIsBetter("Intake throughput, pakn's writes and the send, bare",
                floorWrites.perSecond(), floor.perSecond(), "req/s", null);
        // The floor column here is pakn's writes done bare: what pakn's code and the request path cost
        // beside the writes its guarantees take, which the one-put floor cannot tell from the writes.
        report.higherIsBetter("Intake throughput, " + n + " clients, beside pakn's writes done bare",
                pakn.perSecond(), floorWrites.perSecond(), "req/s", null);
        report.lowerIsBetter("Intake latency p50, " + n + " clients", pakn.latencyMs().median(),
                floor.latencyMs().median(), "ms", null);
        report.lowerIsBetter("Intake latency p99, " + n + " clients", pakn.latencyMs().percentile(99),
                floor.latencyMs().percentile(99), "ms", null);
        report.section("Intake", String.format(Locale.ROOT, "pakn: %d clients submit complaints (about 600 bytes of"
                + " JSON, idempotency key) through the local HTTP API to the citizen API, scaled out to %d execution"
                + " environments as Lambda would; each submission (with its idempotency key) is a conditional put of the"
                + " tracking code derived from the key, then the complaint and its first event in one BatchWriteItem,"
                + " and the outbox relay, running alongside, sends the intake"
                + " message built from the complaint's insert to the intake FIFO queue. Floor: the same clients"
                + " make the bare write (one PutItem of the submission) and the queue send (one SendMessage to a FIFO queue) with the same SDK clients."
                + " Between the two, to tell the data model's cost from the request path's: the same clients"
                + " invoking the citizen API's handler directly with the event (no local HTTP gateway, which on AWS"
                + " is API Gateway's work), and calling pakn's intake service directly (validation and the same"
                + " writes; no handler, no Micronaut, no JSON). And the ceiling the data model sets on these"
                + " services: the same clients making the same writes with items of the same shape, then the"
                + " same SendMessage, with no pakn code at all."
                + " %.0f s warm-up per arm, then %.0f s measured per arm in " + slices.get("pakn").size()
                + " slices taken in turns.%n%n- pakn through the HTTP API: %d ok, %d failed%s, p50 %.0f ms%n"
                + "- handler directly: %d ok, %d failed%s, p50 %.0f ms%n"
                + "- intake service directly: %d ok, %d failed%s, p50 %.0f ms%n- floor: %d ok, %d failed%s, p50 %.0f ms%n"
                + "- pakn's writes and the send, bare: %d ok, %d failed%s, p50 %.0f ms%n",
                n, n, options.warmup().toMillis() / 1000.0, pakn.seconds(), pakn.ok(), pakn.failed(),
                failure(pakn), pakn.latencyMs().median(), handler.ok(), handler.failed(), failure(handler),
                handler.latencyMs().median(), direct.ok(), direct.failed(), failure(direct),
                direct.latencyMs().median(), floor.ok(), floor.failed(), failure(floor), floor.latencyMs().median(),
                floorWrites.ok(), floorWrites.failed(), failure(floorWrites),
                floorWrites.latencyMs().median()));
        runtime.function(CITIZEN).maxConcurrency(1);
    }

    /** The floor's submission: one state item under a key no stream consumer acts on. */
    private static Map<String, AttributeValue> floorSubmission(String id, String receivedAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS("FLOOR#" + id));
        item.put("sk", AttributeValue.fromS("STATE"));
        item.put("status", AttributeValue.fromS("RECEIVED"));
        item.put("receivedAt", AttributeValue.fromS(receivedAt));
        item.put("submission", AttributeValue.fromS(Api.submission(Api.randomCategory(), Api.randomArea())));
        return item;
    }

    /**
     * The floor's state item with the two index entries pakn's new complaint has (the public feed's
     * and the pending intake message's), under values no reader queries: DynamoDB Local writes each
     * index entry as one more row, so without them the bare arm would not be pakn's writes.
     */
    private static Map<String, AttributeValue> withPaknIndexKeys(Map<String, AttributeValue> item, String id, String at) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item);
        out.put(ComplaintKeys.GSI5_PK, AttributeValue.fromS("FLOOR" + ComplaintKeys.feedMonth(Instant.parse(at))));
        out.put(ComplaintKeys.GSI5_SK, AttributeValue.fromS(ComplaintKeys.feedSortKey(Instant.parse(at), id)));
        out.put(ComplaintKeys.GSI1_PK, AttributeValue.fromS("FLOOR" + ComplaintKeys.outboxShard(id)));
        out.put(ComplaintKeys.GSI1_SK, AttributeValue.fromS(at + "#" + id + "#1"));
        return out;
    }

    /** The floor's queue send: what the relay sends for a new complaint, made inline. */
    private static void floorSend(SqsClient sqs, String queue, String id) {
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"type\": \"complaint.received\", \"complaintId\": \""
                + id + "\"}").messageGroupId(id).messageDeduplicationId(id));
    }

    private static String failure(Load.Result r) {
        return r.firstFailure() == null ? "" : " (first: " + r.firstFailure() + ")";
    }

    // ------------------------------------------------------------------ 3. routing

    private void routing(LocalRuntime runtime) {
        SqsClient sqs = runtime.services().sqs();
        String intake = runtime.deployment().queueUrl("IntakeQueue");
        String intakeArn = runtime.deployment().queueArn("IntakeQueue");
        say.accept("Routing: waiting for the outbox relay to finish the intake queue ...");
        long available = settledDepth(sqs, intake);
        String floorSource = sqs.getQueueUrl(b -> b.queueName(FLOOR_INTAKE_QUEUE)).queueUrl();
        long floorAvailable = settledDepth(sqs, floorSource);
        int target = (int) Math.min(options.routingMessages(), Math.min(available, floorAvailable));
        if (target < 10) {
            report.plain("Routing throughput, batches of 10", "n/a", "n/a", "only " + available + " messages queued");
            return;
        }
        LocalFunction router = runtime.function("RouterFunction");
        say.accept("Routing: pakn, " + target + " messages through the router in batches of 10 ...");
        Samples paknBatches = new Samples();
        long[] failed = new long[1];
        double paknSeconds = loop(target, paknBatches, () -> {
            // With the system attributes, as Lambda's event source asks: the router groups by MessageGroupId.
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(intake).maxNumberOfMessages(10)
                    .messageSystemAttributeNamesWithStrings("All").waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                return 0;
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(batch.stream().map(m -> SqsPoller.toLambda(m, intakeArn, runtime.services().region())).toList());
            SQSBatchResponse response = (SQSBatchResponse) router.invoke(event);
            Set<String> failures = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failures.add(f.getItemIdentifier()));
            failed[0] += failures.size();
            delete(sqs, intake, batch.stream().filter(m -> !failures.contains(m.messageId())).toList());
            return batch.size() - failures.size();
        });
        String destination = sqs.createQueue(b -> b.queueName(FLOOR_AGENCY_QUEUE)).queueUrl();
        say.accept("Routing: floor, " + target + " messages received and sent on in batches of 10 ...");
        Samples floorBatches = new Samples();
        double floorSeconds = loop(target, floorBatches, () -> {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(floorSource).maxNumberOfMessages(10)
                    .messageSystemAttributeNamesWithStrings("All").waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                return 0;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(batch.get(i).body()).build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(destination).entries(entries));
            delete(sqs, floorSource, batch);
            return batch.size();
        });
        report.higherIsBetter("Routing throughput, batches of 10", target / paknSeconds, target / floorSeconds, "msg/s", null);
        report.section("Routing", String.format(Locale.ROOT, "pakn: one loop receives up to 10 messages from the intake"
                + " FIFO queue (filled by the intake run), invokes the router with them as Lambda's SQS integration does"
                + " and deletes those it did not report failed; each message is a read of the complaint and one"
                + " transaction (projection, event, assignment outbox), and the relay sends the assignment on. Floor:"
                + " one loop receives up to 10 from a FIFO queue, sends them on with one SendMessageBatch and deletes"
                + " them. %d messages each; batch time p50 pakn %.0f ms, floor %.0f ms; %d reported failed by the router.",
                target, paknBatches.median(), floorBatches.median(), failed[0]));
    }

    private interface Batch {
        int next();
    }

    private static double loop(int messages, Samples batchMs, Batch batch) {
        int done = 0;
        int idle = 0;
        long t0 = System.nanoTime();
        while (done < messages && idle < 3) {
            long b0 = System.nanoTime();
            int n = batch.next();
            if (n == 0) {
                idle++;
                continue;
            }
            idle = 0;
            batchMs.add((System.nanoTime() - b0) / 1e6);
            done += n;
        }
        return (System.nanoTime() - t0) / 1e9 * messages / Math.max(1, done);
    }

    private static void delete(SqsClient sqs, String queue, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + i).receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(entries));
    }

    /** The queue's depth once it has stopped growing for {@link Options#settle()}. */
    private long settledDepth(SqsClient sqs, String queue) {
        long last = -1;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            long depth = Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            if (depth != last) {
                last = depth;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > options.settle().toNanos()) {
                return depth;
            }
            Lifecycles.sleep(Math.min(250, options.settle().toMillis() / 4));
        }
        return last;
    }

    // ------------------------------------------------------------------ 4. public statistics

    /** Times each query {@code times} times, taking them in turns after a few untimed rounds. */
    private static <K> void alternate(Map<K, Runnable> queries, Map<K, Samples> latency, int times) {
        for (int i = 0; i < Math.min(5, times); i++) {
            queries.values().forEach(Runnable::run);
        }
        for (int i = 0; i < times; i++) {
            queries.forEach((which, q) -> {
                long t0 = System.nanoTime();
                q.run();
                latency.get(which).add((System.nanoTime() - t0) / 1e6);
            });
        }
    }

    /**
     * A second local HTTP API whose statistics route is served by the template's statistics function
     * built again with {@code statsTable} (its class, its environment but for the table): the same
     * request path as the runtime's API, over other data.
     */
    private static URI statsApiOver(LocalRuntime runtime, String statsTable, Map<String, String> settings,
                                    List<AutoCloseable> closing) {
        LocalDeployment deployment = runtime.deployment();
        LocalFunction template = runtime.function(PUBLIC_STATS_FUNCTION);
        Map<String, String> env = new HashMap<>(deployment.functionEnvironment(template.spec()));
        env.put("STATS_TABLE", statsTable);
        env.putAll(settings);
        RequestHandler<?, ?> handler;
        Class<?> type = template.handler().getClass();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // As the runtime builds it: libraries look services up through the function's own loader.
        Thread.currentThread().setContextClassLoader(type.getClassLoader());
        try {
            handler = (RequestHandler<?, ?>) type.getConstructor(Map.class).newInstance(env);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + PUBLIC_STATS_FUNCTION + " over " + statsTable, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        LocalFunction function = LocalFunction.of(deployment, template.spec(), handler);
        HttpApiServer server = HttpApiServer.start(HttpApiGateway.fromTemplate(deployment,
                Map.of(PUBLIC_STATS_FUNCTION, function), line -> { }), 0, 2);
        closing.add(server);
        closing.add(function);
        return server.baseUri();
    }

    /** A new empty table with the keys and indexes of {@code source}. */
    private static String copySchema(DynamoDbClient dynamo, String source, String name) {
        var table = dynamo.describeTable(b -> b.tableName(source)).table();
        dynamo.createTable(b -> {
            b.tableName(name).billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(table.attributeDefinitions()).keySchema(table.keySchema());
            if (table.hasGlobalSecondaryIndexes()) {
                b.globalSecondaryIndexes(table.globalSecondaryIndexes().stream().map(g ->
                        software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder()
                                .indexName(g.indexName()).keySchema(g.keySchema()).projection(g.projection()).build())
                        .toList());
            }
        });
        return name;
    }

    private void statistics(LocalRuntime runtime, Api api) {
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            statistics(runtime, api, closing);
        } finally {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("bench: closing " + c + ": " + e);
                }
            }
        }
    }

    private void statistics(LocalRuntime runtime, Api api, List<AutoCloseable> closing) {
        DynamoDbClient dynamo = runtime.services().dynamoDb();
        String table = runtime.deployment().tableName("StatsTable");
        DynamoReferenceData reference = new DynamoReferenceData(dynamo, runtime.deployment().tableName("ReferenceTable"),
                Duration.ofHours(1), Clock.systemUTC());
        List<String> categories = reference.categories().stream().map(Category::code)
                .filter(c -> !c.startsWith("bench-")).toList();
        // The smoke run only needs the path to work, not 32 categories' worth of queries.
        List<String> asked = options.quick() ? categories.subList(0, 2) : categories;
        List<List<String>> paths = new ArrayList<>();
        for (Area area : reference.areas().all()) {
            if (!reference.retiredAreas().contains(area.code()) && area.parentCode() != null) {
                paths.add(reference.areas().ancestorsOf(area.code()).stream().map(Area::code).toList());
            }
        }
        List<String> agencies = reference.agencies().stream().map(a -> a.id()).toList();
        StatsData.Province province = new StatsData.Province(categories, paths, agencies);
        LocalDate today = LocalDate.now(StatsContribution.ZONE);
        boolean viaApi = runtime.routes().stream().anyMatch(r -> r.routeKey().equals(PUBLIC_STATS_ROUTE));
        LocalDate from = today.minusDays(29);
        String path = "/v1/public/stats?from=" + from + "&to=" + today + "&groupBy=category";
        Map<Integer, Samples> latency = new LinkedHashMap<>();
        Map<Integer, Samples> uncached = new LinkedHashMap<>();
        Map<Integer, Integer> items = new LinkedHashMap<>();
        if (viaApi) {
            // Each data set in a table of its own, queried in turn through an HTTP API of its own, so
            // that drifts in the machine's load (and the aftermath of writing 100,000 complaints'
            // aggregates) fall on both: the largest in the table the template names, behind the local
            // API; each smaller one behind a second local API on another port whose statistics
            // function is the same handler reading a copy of the table. Beside each, the same handler
            // without its cache of ended days, to show what the data alone costs.
            Map<String, Runnable> queries = new LinkedHashMap<>();
            Map<String, Samples> samples = new LinkedHashMap<>();
            int largest = options.statsSizes().get(options.statsSizes().size() - 1);
            for (int size : options.statsSizes()) {
                String sized = size == largest ? table : copySchema(dynamo, table, table + "-bench-" + size);
                say.accept("Statistics: the aggregates of " + size + " complaints over a year ...");
                items.put(size, StatsData.write(dynamo, sized, StatsData.aggregates(size, today, province, 42), today));
                Api sizedApi = size == largest ? api : new Api(statsApiOver(runtime, sized, Map.of(), closing),
                        Api.newClient());
                Api uncachedApi = new Api(statsApiOver(runtime, sized, Map.of("STATS_CACHE_SECONDS", "0"), closing),
                        Api.newClient());
                queries.put(size + " as deployed", () -> Api.ok(sizedApi.get(path, null), 200));
                queries.put(size + " uncached", () -> Api.ok(uncachedApi.get(path, null), 200));
                latency.put(size, new Samples());
                uncached.put(size, new Samples());
                samples.put(size + " as deployed", latency.get(size));
                samples.put(size + " uncached", uncached.get(size));
            }
            alternate(queries, samples, options.statsQueries());
        } else {
            // Each data set in a table of its own, queried in turn, so drifts in the machine's load fall on both.
            Map<Integer, Runnable> queries = new LinkedHashMap<>();
            for (int size : options.statsSizes()) {
                String sized = size == options.statsSizes().get(options.statsSizes().size() - 1) ? table
                        : copySchema(dynamo, table, table + "-bench-" + size);
                say.accept("Statistics: the aggregates of " + size + " complaints over a year ...");
                items.put(size, StatsData.write(dynamo, sized, StatsData.aggregates(size, today, province, 42), today));
                DynamoStatsReader sizedReader = new DynamoStatsReader(dynamo, sized);
                queries.put(size, () -> sizedReader.figuresOf(Grouping.CATEGORY, asked, from, today));
                latency.put(size, new Samples());
            }
            alternate(queries, latency, options.statsQueries());
        }
        int small = options.statsSizes().get(0);
        int large = options.statsSizes().get(options.statsSizes().size() - 1);
        String what = viaApi ? "GET /v1/public/stats by category, last 30 days"
                : "stand-in: DynamoStatsReader.figuresOf(CATEGORY) for the last 30 days";
        report.lowerIsBetter(String.format(Locale.ROOT, "Public statistics p50, %,d vs %,d complaints", large, small),
                latency.get(large).median(), latency.get(small).median(), "ms", 1.2);
        if (!uncached.isEmpty()) {
            report.lowerIsBetter(String.format(Locale.ROOT, "Public statistics p50, %,d vs %,d, without the cache of"
                    + " ended days", large, small), uncached.get(large).median(), uncached.get(small).median(), "ms", null);
        }
        report.section("Public statistics", String.format(Locale.ROOT, "%s. The floor column is the same query at"
                + " %,d complaints: the goal is that the answer does not grow with the number of complaints. The"
                + " aggregates are what the stats aggregator would have written for that many complaints over the past"
                + " year (%s table items), with yesterday's snapshot of the gauges.%s%n%n%s",
                what, small, items, viaApi ? " Each data set is in a table of its own behind a local HTTP API of its own (the same handler, its table apart), and the queries alternate between them; beside each, the same handler with STATS_CACHE_SECONDS=0 (no cache of ended days' items)."
                        : " GET /v1/public/stats is not in this tree's template.yaml yet, so the reader it will use is"
                        + " timed directly, in this JVM, without HTTP; each data set has a table of its own and the"
                        + " queries alternate between them.",
                latency.entrySet().stream().map(e -> String.format(Locale.ROOT, "- %,d complaints: p50 %.1f ms, p99 %.1f"
                        + " ms over %d queries%s", e.getKey(), e.getValue().median(), e.getValue().percentile(99),
                        e.getValue().count(), !uncached.containsKey(e.getKey()) ? "" : String.format(Locale.ROOT,
                                "; without the cache p50 %.1f ms, p99 %.1f ms", uncached.get(e.getKey()).median(),
                                uncached.get(e.getKey()).percentile(99))))
                        .reduce((a, b) -> a + "\n" + b).orElse("")));
    }
}
