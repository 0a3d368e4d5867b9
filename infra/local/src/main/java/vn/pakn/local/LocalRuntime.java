package vn.pakn.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.dynamo.ProvinceFile;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;
import vn.pakn.domain.reference.Agency;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.EventSettings;
import vn.pakn.local.events.EventWiring;
import vn.pakn.local.events.FunctionInitException;
import vn.pakn.local.events.HttpApiGateway;
import vn.pakn.local.events.HttpApiRoute;
import vn.pakn.local.events.HttpApiServer;
import vn.pakn.local.events.JwtAuthorizer;
import vn.pakn.local.events.LocalJwtIssuer;
import vn.pakn.local.events.LocalFunction;
import vn.pakn.local.events.Scheduler;

/**
 * The whole system on one machine, driven by template.yaml: AWS-compatible services (embedded,
 * or external through {@code AWS_ENDPOINT_URL*}), the template's tables, queues and buckets, the
 * demo reference data, every function's real handler, the HTTP API on loopback and the event
 * wiring. {@link PaknLocal} runs it from the command line; end-to-end tests start it directly.
 */
public final class LocalRuntime implements AutoCloseable {

    public static final String API_PORT_VARIABLE = "PAKN_API_PORT";
    public static final int DEFAULT_API_PORT = 8080;
    /** The table the demo reference data goes into, by its logical id in template.yaml. */
    static final String REFERENCE_TABLE = "ReferenceTable";
    static final String CATEGORIES_RESOURCE = "seed/categories.json";
    static final String DEMO_PROVINCE_RESOURCE = "seed/demo-bac-ninh.json";
    static final String BUNDLED_TEMPLATE = "pakn/template.yaml";

    /** What {@link #start(Options)} is told; every setter returns this. */
    public static final class Options {
        private Path template;
        private Integer apiPort;
        private Map<String, String> environment = System.getenv();
        private Map<String, String> parameterOverrides = Map.of();
        private boolean seedDemoData = true;
        private boolean requireAllFunctions;
        private Set<String> onlyFunctions;
        private EventSettings eventSettings = EventSettings.defaults();
        private Consumer<String> progress = System.out::println;
        private Consumer<String> console;
        private int httpThreads = 8;
        private Path jwtKeyFile;

        /** template.yaml to run; by default the project's own ({@link SamTemplate#locateTemplate()}). */
        public Options template(Path template) {
            this.template = template;
            return this;
        }

        /** The API's port; 0 for any free port. Default: {@value #API_PORT_VARIABLE} or 8080. */
        public Options apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        /** Where {@code AWS_ENDPOINT_URL*}, credentials and {@value #API_PORT_VARIABLE} are read; the process's by default. */
        public Options environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Options parameterOverrides(Map<String, String> overrides) {
            this.parameterOverrides = Map.copyOf(overrides);
            return this;
        }

        public Options seedDemoData(boolean seed) {
            this.seedDemoData = seed;
            return this;
        }

        /** Fail the start when a handler cannot be created (tests want this); by default such a function answers 500. */
        public Options requireAllFunctions(boolean require) {
            this.requireAllFunctions = require;
            return this;
        }

        /**
         * Start only these functions (logical ids), for a test or benchmark that needs a few: each
         * function is a framework to start, seconds of CPU. The others' routes and events are
         * skipped as for a function that is not running. Default: all.
         */
        public Options onlyFunctions(Collection<String> logicalIds) {
            this.onlyFunctions = Set.copyOf(logicalIds);
            return this;
        }

        public Options eventSettings(EventSettings settings) {
            this.eventSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Start-up progress lines (with timings). */
        public Options progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** One line per request and per event delivery; the progress sink by default. */
        public Options console(Consumer<String> console) {
            this.console = console;
            return this;
        }

        public Options httpThreads(int threads) {
            this.httpThreads = threads;
            return this;
        }

        /**
         * The local JWT issuer's signing key, created there when missing and kept across restarts
         * ({@link LocalJwtIssuer#defaultKeyFile}, as {@link PaknLocal} uses). Default: null, a fresh
         * key in memory for this run only, so tests never touch the developer's key.
         */
        public Options jwtKeyFile(Path keyFile) {
            this.jwtKeyFile = keyFile;
            return this;
        }
    }

    /**
     * What was loaded into the reference table.
     *
     * @param agencyQueueUrls each enabled agency's assignment queue, by agency id
     */
    public record DemoData(String table, int categories, int areas, int agencies, int rules, int holidays,
                           Map<String, String> agencyQueueUrls) {}

    private final Options options;
    private final Consumer<String> progress;
    private final long startedAt = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, LocalFunction> functions = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> functionFailures = Collections.synchronizedMap(new LinkedHashMap<>());
    private LocalAwsServices services;
    private LocalDeployment deployment;
    private DemoData demoData;
    private EventWiring events;
    private HttpApiServer api;
    private double startSeconds;
    private Path extractedCode;
    private LocalJwtIssuer jwtIssuer;
    private WebClientFiles webClient;

    private LocalRuntime(Options options) {
        this.options = options;
        this.progress = synchronizedSink(options.progress);
    }

    /**
     * Starts everything and returns when the API answers. On failure everything already started
     * is stopped again and the exception says what to do.
     */
    public static LocalRuntime start(Options options) {
        LocalRuntime runtime = new LocalRuntime(Objects.requireNonNull(options, "options"));
        try {
            runtime.run();
            return runtime;
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void run() {
        int port = apiPort();
        // Before anything slow starts: a taken port is the most common reason a second run fails.
        requirePortFree(port);
        if (port == 0) {
            // The JWT issuer's URL names the API's port, and parameters are fixed before the API listens.
            port = freePort();
        }

        SamTemplate template = loadTemplate();
        String templateName = template.path() == null ? "template.yaml (built into pakn-local.jar)"
                : template.path().toString();
        progress.accept("Template " + templateName + ": " + template.functions().size() + " functions");

        long t = System.nanoTime();
        progress.accept("Starting AWS services ...");
        services = LocalAwsServices.start(progress, options.environment);
        progress.accept("AWS services ready (" + seconds(t) + ")");

        progress.accept("Creating the tables, queues and buckets of the template ...");
        deployment = Provisioner.provision(template, services,
                LocalOpen311.withDevApiKey(template, actAsJwtIssuer(template, port)), progress);

        List<FunctionSpec> specs = template.functions().stream()
                .filter(f -> deployment.isDeployed(template.resource(f.logicalId())))
                .filter(f -> options.onlyFunctions == null || options.onlyFunctions.contains(f.logicalId())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Math.min(specs.size() + 1, 4)),
                daemonThreads("pakn-local-init"));
        try {
            CompletableFuture<DemoData> seeding = options.seedDemoData
                    ? CompletableFuture.supplyAsync(this::seedDemoData, pool) : CompletableFuture.completedFuture(null);
            t = System.nanoTime();
            progress.accept("Starting " + specs.size() + " functions ...");
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (FunctionSpec spec : specs) {
                starting.add(CompletableFuture.runAsync(() -> startFunction(template, spec), pool));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            progress.accept(functions.size() + " of " + specs.size() + " functions ready (" + seconds(t) + ")");
            demoData = seeding.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
        if (!functionFailures.isEmpty() && options.requireAllFunctions) {
            throw new IllegalStateException("Functions failed to start: " + String.join("; ", functionFailures.values()));
        }

        Consumer<String> console = options.console == null ? progress : synchronizedSink(options.console);
        events = EventWiring.fromTemplate(deployment, functions, options.eventSettings, console);
        events.start();
        events.notes().forEach(note -> progress.accept("note: " + note));

        HttpApiGateway gateway = HttpApiGateway.fromTemplate(deployment, functions, console)
                .withAuthorizer(new JwtAuthorizer(jwtIssuer, Clock.systemUTC(), console));
        try {
            api = HttpApiServer.start(gateway, port, options.httpThreads);
        } catch (HttpApiServer.PortInUseException e) {
            throw portInUse(port, e);
        }
        api.serveJson(LocalJwtIssuer.ISSUER_PATH + LocalJwtIssuer.JWKS_PATH, jwtIssuer::jwks)
                .serveJson(LocalJwtIssuer.ISSUER_PATH + LocalJwtIssuer.OPENID_CONFIGURATION_PATH,
                        jwtIssuer::openIdConfiguration);
        if (deployment.buckets().containsKey(OpenDataFiles.BUCKET)) {
            api.serveFiles(OpenDataFiles.PREFIX,
                    new OpenDataFiles(services.s3(), deployment.bucketName(OpenDataFiles.BUCKET)));
        }
        serveWebClient(template, console);
        // Nightly in AWS; once now too (the demo data is in), so the open-data files exist from the start.
        events.schedulers(OpenDataFiles.PUBLISHER).forEach(Scheduler::submitNow);
        startSeconds = (System.nanoTime() - startedAt) / 1e9;
        progress.accept(String.format(Locale.ROOT, "pakn local is ready on %s (%.1f s)", apiBaseUri(), startSeconds));
    }

    /** The web client at {@code /} and, with a JWT authorizer, its local sign-in (docs/web-client.md). */
    private void serveWebClient(SamTemplate template, Consumer<String> console) {
        List<String> audiences = LocalAuth.audiences(deployment);
        String signIn = null;
        if (!audiences.isEmpty()) {
            DynamoAgencies agencies = deployment.tables().containsKey(REFERENCE_TABLE)
                    ? new DynamoAgencies(services.dynamoDb(), deployment.tableName(REFERENCE_TABLE)) : null;
            api.serve(LocalSignIn.PATH, new LocalSignIn(jwtIssuer, audiences.get(0), api.port(),
                    id -> agencies == null ? java.util.Optional.empty() : agencies.find(id), console));
            signIn = LocalSignIn.PATH;
        }
        webClient = WebClientFiles.locate(template, signIn, services.s3Endpoint());
        if (webClient != null) {
            api.serveFiles("/", webClient);
        } else {
            progress.accept("note: no web client (web/index.html) in the checkout or the jar; only the API is served");
        }
    }

    /**
     * The given template, else the checkout's (found from the working directory), else the copy
     * built into the jar, so that {@code java -jar} works from anywhere.
     */
    private SamTemplate loadTemplate() {
        if (options.template != null) {
            return SamTemplate.load(options.template);
        }
        try {
            return SamTemplate.load(SamTemplate.locateTemplate());
        } catch (IllegalStateException notInACheckout) {
            try (InputStream bundled = LocalRuntime.class.getClassLoader().getResourceAsStream(BUNDLED_TEMPLATE)) {
                if (bundled == null) {
                    throw new IllegalStateException(notInACheckout.getMessage()
                            + "; run from the repository root or pass --template path/to/template.yaml", notInACheckout);
                }
                progress.accept("note: not inside a pakn checkout; using the template.yaml built into the jar");
                return SamTemplate.parse(new String(bundled.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + BUNDLED_TEMPLATE, e);
            }
        }
    }

    private void startFunction(SamTemplate template, FunctionSpec spec) {
        long t = System.nanoTime();
        try {
            Path code = codeJar(template, spec);
            LocalFunction function = code == null ? LocalFunction.instantiate(deployment, spec)
                    : LocalFunction.instantiate(deployment, spec, code);
            functions.put(spec.logicalId(), function);
            progress.accept("  " + spec.logicalId() + " ready (" + seconds(t) + "): " + spec.handler() + " from "
                    + (code == null ? "the class path, not isolated from the other functions" : describe(template, code)));
        } catch (IOException e) {
            functionFailures.put(spec.logicalId(), spec.logicalId() + ": cannot unpack its code: " + e);
            progress.accept("  " + spec.logicalId() + " FAILED to start: cannot unpack its code: " + e);
        } catch (FunctionInitException e) {
            functionFailures.put(spec.logicalId(), e.getMessage());
            progress.accept("  " + spec.logicalId() + " FAILED to start (" + seconds(t) + "): " + e.getMessage());
        } catch (RuntimeException e) {
            String message = spec.logicalId() + ": " + e;
            functionFailures.put(spec.logicalId(), message);
            progress.accept("  " + spec.logicalId() + " FAILED to start (" + seconds(t) + "): " + e);
        }
    }

    /**
     * The function's deployment artifact: the checkout's {@code CodeUri} jar when there is one
     * (freshest), else the copy built into pakn-local.jar, else null (the class path is used).
     */
    private Path codeJar(SamTemplate template, FunctionSpec spec) throws IOException {
        String codeUri = spec.codeUri();
        if (codeUri == null || !codeUri.endsWith(".jar")) {
            return null;
        }
        if (template.path() != null) {
            Path inCheckout = template.path().toAbsolutePath().getParent().resolve(codeUri).normalize();
            if (Files.isRegularFile(inCheckout)) {
                return inCheckout;
            }
        }
        try (InputStream bundled = LocalRuntime.class.getClassLoader().getResourceAsStream("pakn/" + codeUri)) {
            if (bundled == null) {
                return null;
            }
            Path extracted = extractedCode().resolve(Path.of(codeUri).getFileName().toString());
            Files.copy(bundled, extracted, StandardCopyOption.REPLACE_EXISTING);
            extracted.toFile().deleteOnExit();
            return extracted;
        }
    }

    private synchronized Path extractedCode() throws IOException {
        if (extractedCode == null) {
            extractedCode = Files.createTempDirectory("pakn-local-functions-");
            extractedCode.toFile().deleteOnExit();
        }
        return extractedCode;
    }

    private static String describe(SamTemplate template, Path code) {
        if (template.path() != null) {
            Path root = template.path().toAbsolutePath().getParent();
            if (code.startsWith(root)) {
                return root.relativize(code).toString();
            }
        }
        return code.getFileName() + " (built into pakn-local.jar)";
    }

    private DemoData seedDemoData() {
        if (!deployment.tables().containsKey(REFERENCE_TABLE)) {
            progress.accept("note: no " + REFERENCE_TABLE + " in the template; no demo data loaded");
            return null;
        }
        long t = System.nanoTime();
        String table = deployment.tableName(REFERENCE_TABLE);
        ReferenceImporter importer = new ReferenceImporter(services.dynamoDb(), table);
        // As deployed: agencies' queues are made at run time, named by the stage's prefix.
        AgencyQueues queues = new AgencyQueues(services.sqs(), AgencyQueues.prefixForStage(stage()));
        AgencyProvisioning agencies = new AgencyProvisioning(new DynamoAgencies(services.dynamoDb(), table), queues);
        Map<String, String> agencyQueues = new TreeMap<>();
        try (InputStream categories = resource(CATEGORIES_RESOURCE);
             InputStream province = resource(DEMO_PROVINCE_RESOURCE)) {
            byte[] provinceJson = province.readAllBytes();
            // Creating queues waits on the SQS server, not the CPU: made side by side first (it is
            // idempotent), they cost the import one look-up each instead of a second or more in all.
            ProvinceFile.parse(new ByteArrayInputStream(provinceJson)).agencies().parallelStream()
                    .filter(Agency::enabled).forEach(agency -> queues.ensure(agency.id()));
            int categoryCount = importer.importCategories(categories);
            ProvinceFile demo = importer.importProvince(new ByteArrayInputStream(provinceJson), agency -> agencies
                    .save(agency).ifPresent(queue -> agencyQueues.put(agency.id(), queue.queueUrl())));
            DemoData data = new DemoData(table, categoryCount, demo.areas().size(), demo.agencies().size(),
                    demo.rules().size(), demo.holidays().size(), Collections.unmodifiableMap(agencyQueues));
            progress.accept("Demo data (Bắc Ninh): " + demoSummary(data) + " in " + table + " (" + seconds(t) + ")");
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the demo data", e);
        }
    }

    /** "32 categories, 7 areas, 19 agencies with their queues, 57 rules, 11 holidays" */
    static String demoSummary(DemoData data) {
        int withQueues = data.agencyQueueUrls().size();
        return data.categories() + " categories, " + data.areas() + " areas, " + data.agencies() + " agencies"
                + (withQueues == data.agencies() ? " with their queues" : " (" + withQueues + " enabled, with their queues)")
                + ", " + data.rules() + " rules, " + data.holidays() + " holidays";
    }

    /** The template's Stage parameter, which names the agencies' queues; "local" for a template without one. */
    private String stage() {
        return deployment.template().parameters().containsKey("Stage")
                ? deployment.parameter("Stage").toString() : "local";
    }

    private static InputStream resource(String name) {
        InputStream in = LocalRuntime.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the class path: rebuild infra/local (mvn -pl"
                    + " infra/local -am package), which copies infra/seed into the jar");
        }
        return in;
    }

    /**
     * Becomes the identity provider of the template's JWT authorizers: the parameter their issuer
     * refers to ({@code JwtIssuer}) is set to this runtime's issuer URL, as a deployment sets it to
     * the real provider's, unless the caller overrode it.
     */
    private Map<String, String> actAsJwtIssuer(SamTemplate template, int port) {
        String issuer = LocalJwtIssuer.issuerUrl(port);
        jwtIssuer = options.jwtKeyFile == null ? LocalJwtIssuer.ephemeral(issuer)
                : LocalJwtIssuer.loadOrCreate(options.jwtKeyFile, issuer);
        Map<String, String> overrides = new LinkedHashMap<>(options.parameterOverrides);
        for (String parameter : LocalAuth.issuerParameters(template)) {
            if (overrides.containsKey(parameter)) {
                progress.accept("note: " + parameter + " is overridden to " + overrides.get(parameter) + "; the local JWT"
                        + " authorizer knows only the keys of " + issuer + ", so protected routes refuse every token");
            } else {
                overrides.put(parameter, issuer);
            }
        }
        return overrides;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HttpApiServer.LOOPBACK))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HttpApiServer.LOOPBACK, e);
        }
    }

    private int apiPort() {
        if (options.apiPort != null) {
            return options.apiPort;
        }
        String value = options.environment.get(API_PORT_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_API_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(API_PORT_VARIABLE + "=" + value + " is not a port number (0-65535)");
        }
    }

    private static void requirePortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HttpApiServer.LOOPBACK))) {
            probe.setReuseAddress(true);
        } catch (BindException e) {
            throw portInUse(port, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check port " + port, e);
        }
    }

    private static IllegalStateException portInUse(int port, Exception cause) {
        int suggestion = port == 65535 ? port - 1 : port + 1;
        return new IllegalStateException("port " + port + " is in use: set " + API_PORT_VARIABLE + "=" + suggestion
                + " or stop the other program", cause);
    }

    /** {@code http://127.0.0.1:<port>}: the HTTP API's base (stage {@code $default}, so no stage prefix). */
    public URI apiBaseUri() {
        requireStarted();
        return api.baseUri();
    }

    public LocalAwsServices services() {
        requireStarted();
        return services;
    }

    public LocalDeployment deployment() {
        requireStarted();
        return deployment;
    }

    /** Where the open-data files are served ({@code <api>/open-data/}); null when the template has no open-data bucket. */
    public URI openDataUri() {
        requireStarted();
        return deployment.buckets().containsKey(OpenDataFiles.BUCKET)
                ? URI.create(api.baseUri() + OpenDataFiles.PREFIX) : null;
    }

    /** The web client's start page ({@code <api>/}); null when neither the checkout nor the jar has it. */
    public URI webUri() {
        requireStarted();
        return webClient == null ? null : URI.create(api.baseUri() + "/");
    }

    /** The API's routes, most specific first. */
    public List<HttpApiRoute> routes() {
        requireStarted();
        return api.gateway().routes();
    }

    public EventWiring events() {
        requireStarted();
        return events;
    }

    /** The identity provider the JWT authorizers trust in this run; see {@link DevToken} for tokens. */
    public LocalJwtIssuer jwtIssuer() {
        requireStarted();
        return jwtIssuer;
    }

    /** The audiences the template's JWT authorizers accept (template.yaml: the JwtAudience parameter). */
    public List<String> jwtAudiences() {
        requireStarted();
        return LocalAuth.audiences(deployment);
    }

    /** The demo data loaded; null when seeding was off or the template has no reference table. */
    public DemoData demoData() {
        return demoData;
    }

    /** Functions whose handler could not be created, with the reason; empty when all run. */
    public Map<String, String> functionFailures() {
        return Map.copyOf(functionFailures);
    }

    /** How long {@link #start} took. */
    public double startSeconds() {
        return startSeconds;
    }

    /**
     * The handler instance of a function. It comes from the function's own class loader (its
     * {@code CodeUri} jar), so only the shared Lambda types ({@code RequestHandler}, the events)
     * can be cast to; call it through {@link #function(String)} to invoke it as the runtime does.
     *
     * @throws IllegalArgumentException when the function is unknown or did not start
     */
    public Object handler(String logicalId) {
        return function(logicalId).handler();
    }

    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            String failure = functionFailures.get(logicalId);
            throw new IllegalArgumentException(failure != null ? logicalId + " did not start: " + failure
                    : "No function " + logicalId + "; the template has " + functions.keySet());
        }
        return function;
    }

    /** Runs the function's schedule now, synchronously; see {@link EventWiring#triggerSchedule}. */
    public Object triggerSchedule(String logicalId) {
        return events().triggerSchedule(logicalId);
    }

    private void requireStarted() {
        if (api == null) {
            throw new IllegalStateException("LocalRuntime is not started");
        }
    }

    /** Stops the API, the event wiring, the handlers and the services, in that order; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t = System.nanoTime();
        if (api != null) {
            api.close();
        }
        if (events != null) {
            events.close();
        }
        synchronized (functions) {
            functions.values().forEach(LocalFunction::close);
        }
        if (services != null) {
            services.close();
            progress.accept("pakn local stopped (" + seconds(t) + ")");
        }
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static Consumer<String> synchronizedSink(Consumer<String> sink) {
        Object lock = new Object();
        return line -> {
            synchronized (lock) {
                sink.accept(line);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
