package vn.pakn.local.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB, SQS and S3 endpoints for running pakn off AWS: for each service either an external
 * endpoint named by the standard {@code AWS_ENDPOINT_URL_<SERVICE>} / {@code AWS_ENDPOINT_URL}
 * variables (LocalStack, another emulator, or real AWS), or an in-process server on 127.0.0.1 on a
 * free port (DynamoDB Local, ElasticMQ, s3proxy). Only what this object started is stopped by
 * {@link #close()}.
 *
 * <p>The client factories return one cached client per service, shared by all callers and closed
 * by {@link #close()}: callers must not close them.
 */
public final class LocalAwsServices implements AutoCloseable {

    public static final String LOCAL_ACCOUNT_ID = "000000000000";
    /**
     * s3proxy checks SigV4 signatures against this pair, so a badly signed request fails as on AWS.
     * Letters and digits only: DynamoDB Local 2.x rejects any other access key id.
     */
    public static final String LOCAL_ACCESS_KEY_ID = "paknlocal";
    public static final String LOCAL_SECRET_ACCESS_KEY = "pakn-local-secret";
    public static final String DEFAULT_REGION = "us-east-1";

    private static final String LOOPBACK = "127.0.0.1";
    // A port picked free can be taken before the server binds it; a few tries make that harmless.
    private static final int BIND_ATTEMPTS = 3;

    private enum Service {
        DYNAMODB("DynamoDB", "AWS_ENDPOINT_URL_DYNAMODB"),
        SQS("SQS", "AWS_ENDPOINT_URL_SQS"),
        S3("S3", "AWS_ENDPOINT_URL_S3");

        final String label;
        final String variable;

        Service(String label, String variable) {
            this.label = label;
            this.variable = variable;
        }
    }

    /** A server this object started, with what it takes to stop it. */
    private record Embedded(String name, URI endpoint, ThrowingRunnable stop) {}

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private final String region;
    private final String accountId;
    private final AwsCredentials credentials;
    private final URI dynamoDbEndpoint;
    private final URI dynamoDbStreamsEndpoint;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;
    private final List<Embedded> embedded;
    private final Consumer<String> progress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<Class<?>, AutoCloseable> clients = new LinkedHashMap<>();

    private LocalAwsServices(String region, String accountId, AwsCredentials credentials, URI dynamoDbEndpoint,
            URI dynamoDbStreamsEndpoint, URI sqsEndpoint, URI s3Endpoint, List<Embedded> embedded,
            Consumer<String> progress) {
        this.region = region;
        this.accountId = accountId;
        this.credentials = credentials;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.dynamoDbStreamsEndpoint = dynamoDbStreamsEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.s3Endpoint = s3Endpoint;
        this.embedded = embedded;
        this.progress = progress;
    }

    /** Starts (or points at) the services, reading endpoint variables from the process environment. */
    public static LocalAwsServices start(Consumer<String> progress) {
        return start(progress, System.getenv());
    }

    /**
     * Starts (or points at) the services, reading {@code AWS_ENDPOINT_URL*}, {@code AWS_REGION},
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} and
     * {@code AWS_ACCOUNT_ID} from {@code environment} rather than from the process.
     */
    public static LocalAwsServices start(Consumer<String> progress, Map<String, String> environment) {
        Consumer<String> say = synchronizedProgress(progress);
        String region = value(environment, "AWS_REGION", DEFAULT_REGION);

        Map<Service, URI> external = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            String variable = environment.containsKey(service.variable) && !blank(environment.get(service.variable))
                    ? service.variable : "AWS_ENDPOINT_URL";
            String url = environment.get(variable);
            if (!blank(url)) {
                external.put(service, endpoint(variable, url));
                say.accept(service.label + ": using external endpoint " + url.trim() + " (" + variable + ")");
            }
        }

        // Embedded emulators accept any key except s3proxy, which is configured with the same pair,
        // so the environment's credentials can be used throughout whenever something is external.
        AwsCredentials credentials;
        String envKey = environment.get("AWS_ACCESS_KEY_ID");
        String envSecret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (!external.isEmpty() && !blank(envKey) && !blank(envSecret)) {
            String token = environment.get("AWS_SESSION_TOKEN");
            credentials = blank(token) ? AwsBasicCredentials.create(envKey, envSecret)
                    : AwsSessionCredentials.create(envKey, envSecret, token);
        } else {
            credentials = AwsBasicCredentials.create(LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY);
        }
        String accountId = external.isEmpty() ? LOCAL_ACCOUNT_ID : value(environment, "AWS_ACCOUNT_ID", LOCAL_ACCOUNT_ID);

        Map<Service, CompletableFuture<Embedded>> starting = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Service.values().length, daemonThreads("pakn-local-aws-start"));
        try {
            for (Service service : Service.values()) {
                if (external.containsKey(service)) {
                    continue;
                }
                Supplier<Embedded> starter = switch (service) {
                    case DYNAMODB -> () -> startDynamoDbLocal(say, region, credentials);
                    case SQS -> () -> startElasticMq(say, region, accountId, credentials);
                    case S3 -> () -> startS3Proxy(say, region, credentials);
                };
                starting.put(service, CompletableFuture.supplyAsync(starter, pool));
            }
            List<Embedded> started = new ArrayList<>();
            RuntimeException failure = null;
            for (CompletableFuture<Embedded> future : starting.values()) {
                try {
                    started.add(future.join());
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                stopAll(started, say);
                throw failure;
            }
            Map<Service, URI> endpoints = new LinkedHashMap<>(external);
            starting.forEach((service, future) -> endpoints.put(service, future.join().endpoint()));
            URI dynamo = endpoints.get(Service.DYNAMODB);
            URI streams = streamsEndpoint(environment, external.containsKey(Service.DYNAMODB), dynamo);
            return new LocalAwsServices(region, accountId, credentials, dynamo, streams, endpoints.get(Service.SQS),
                    endpoints.get(Service.S3), List.copyOf(started), say);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Embedded startDynamoDbLocal(Consumer<String> say, String region, AwsCredentials credentials) {
        say.accept("Starting DynamoDB Local ...");
        long t0 = System.nanoTime();
        Embedded embedded = withFreePort("DynamoDB Local", port -> {
            // DynamoDB Local rejects -port 0. -sharedDb: otherwise tables are private to one key and region.
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-port", Integer.toString(port), "-disableTelemetry", "-sharedDb"});
            if (!bindToLoopback(server)) {
                say.accept("note: DynamoDB Local listens on all interfaces (could not restrict it to " + LOOPBACK + ")");
            }
            server.start();
            return new Started(port, server::stop);
        });
        // The first request sets up SQLite (about a second): pay it here, alongside the others' start-up.
        warmUp(embedded, () -> {
            try (DynamoDbClient client = buildDynamoDb(credentials, region, embedded.endpoint())) {
                client.listTables();
            }
        });
        say.accept("DynamoDB Local ready on " + embedded.endpoint() + " (" + seconds(t0) + ")");
        return embedded;
    }

    /**
     * DynamoDB Local has no option for the listen address and binds 0.0.0.0; its Jetty connector
     * is reached by reflection to keep an unauthenticated database off the network.
     */
    private static boolean bindToLoopback(DynamoDBProxyServer server) {
        try {
            java.lang.reflect.Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Object jetty = field.get(server);
            Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
            if (connectors.length == 0) {
                return false;
            }
            for (Object connector : connectors) {
                connector.getClass().getMethod("setHost", String.class).invoke(connector, LOOPBACK);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Embedded startElasticMq(Consumer<String> say, String region, String accountId,
            AwsCredentials credentials) {
        say.accept("Starting ElasticMQ ...");
        long t0 = System.nanoTime();
        Embedded embedded = withFreePort("ElasticMQ", port -> {
            // Without the server address, queue URLs name localhost:9324 whatever port is bound.
            SQSRestServer server = SQSRestServerBuilder.withInterface(LOOPBACK)
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", LOOPBACK, port, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId)
                    .start();
            try {
                server.waitUntilStarted();
            } catch (RuntimeException e) {
                server.stopAndWait();
                throw e;
            }
            return new Started(port, server::stopAndWait);
        });
        warmUp(embedded, () -> {
            try (SqsClient client = buildSqs(credentials, region, embedded.endpoint())) {
                client.listQueues();
            }
        });
        say.accept("ElasticMQ ready on " + embedded.endpoint() + " (" + seconds(t0) + ")");
        return embedded;
    }

    private static Embedded startS3Proxy(Consumer<String> say, String region, AwsCredentials credentials) {
        say.accept("Starting s3proxy ...");
        long t0 = System.nanoTime();
        // s3proxy binds port 0 itself, so there is no race to retry.
        Embedded embedded = inOwnThreadGroup("s3proxy", () -> {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://" + LOOPBACK + ":0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKeyId(),
                            credentials.secretAccessKey())
                    // A browser client on another local port PUTs to presigned URLs, as it does to
                    // the uploads bucket (whose CORS rule allows any origin by default) on AWS.
                    .corsRules(new CrossOriginResourceSharing(List.of("*"), List.of("GET", "HEAD", "PUT", "POST"),
                            List.of("*"), List.of("ETag"), null))
                    // Graceful stop otherwise waits on the clients' idle keep-alive connections.
                    .stopTimeout(0)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline || "FAILED".equals(proxy.getState())) {
                    proxy.stop();
                    throw new IllegalStateException("s3proxy did not start: state " + proxy.getState());
                }
                Thread.sleep(5);
            }
            return new Started(proxy.getPort(), proxy::stop);
        });
        // Also proves the credentials: s3proxy answers 403 to a bad signature.
        warmUp(embedded, () -> {
            try (S3Client client = buildS3(credentials, region, embedded.endpoint())) {
                client.listBuckets();
            }
        });
        say.accept("s3proxy ready on " + embedded.endpoint() + " (" + seconds(t0) + ")");
        return embedded;
    }

    /** What a server start returns: its port and how to stop it. */
    private record Started(int port, ThrowingRunnable stop) {}

    @FunctionalInterface
    private interface PortStarter {
        Started start(int port) throws Exception;
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** Starts on a port found free; the port can be taken before the server binds it, so retry then. */
    private static Embedded withFreePort(String name, PortStarter starter) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                return inOwnThreadGroup(name, () -> starter.start(port));
            } catch (IllegalStateException e) {
                if (attempt >= BIND_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs a server's start in a thread of a new thread group. Every thread the server makes then
     * descends from it and lands in the group, which close() can interrupt and wait for: DynamoDB
     * Local's stop() leaves background jobs sleeping in non-daemon threads, and ElasticMQ's actor
     * system winds down after stopAndWait() returns.
     */
    private static Embedded inOwnThreadGroup(String name, ThrowingSupplier<Started> start) {
        ThreadGroup group = new ThreadGroup("pakn-local-" + name.replace(' ', '-').toLowerCase(Locale.ROOT));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread starter = new Thread(group, () -> {
            try {
                outcome.set(start.get());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, group.getName() + "-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + name, e);
        }
        if (outcome.get() instanceof Started started) {
            return new Embedded(name, URI.create("http://" + LOOPBACK + ":" + started.port()), () -> {
                try {
                    started.stop().run();
                } finally {
                    List<String> left = interruptAll(group);
                    if (!left.isEmpty()) {
                        throw new IllegalStateException(name + " left threads running: " + left);
                    }
                }
            });
        }
        interruptAllQuietly(group);
        throw new IllegalStateException(name + " did not start", (Throwable) outcome.get());
    }

    /**
     * One SDK request before reporting ready: it proves the server answers the SDK, and moves the
     * first-request cost (server-side lazy set-up, SDK class loading) into the parallel start.
     */
    private static void warmUp(Embedded server, Runnable request) {
        try {
            request.run();
        } catch (RuntimeException e) {
            try {
                server.stop().run();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw new IllegalStateException(server.name() + " started but does not answer requests", e);
        }
    }

    /**
     * Interrupts the group's threads and waits (up to a few seconds) for the non-daemon ones to end;
     * daemon threads (such as common-pool workers a server happened to create) cannot keep the JVM
     * alive, so they are not waited for.
     *
     * @return the names of non-daemon threads still alive
     */
    private static List<String> interruptAll(ThreadGroup group) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Thread> alive = nonDaemon(group);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            for (Thread thread : alive) {
                thread.interrupt();
            }
            for (Thread thread : alive) {
                thread.join(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            }
            alive = nonDaemon(group);
        }
        return alive.stream().map(Thread::getName).toList();
    }

    private static List<Thread> nonDaemon(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int count = group.enumerate(threads, true);
        List<Thread> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!threads[i].isDaemon() && threads[i].isAlive()) {
                result.add(threads[i]);
            }
        }
        return result;
    }

    private static void interruptAllQuietly(ThreadGroup group) {
        try {
            interruptAll(group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** Same as {@link #dynamoDbEndpoint()} except against AWS, where streams have their own host. */
    public URI dynamoDbStreamsEndpoint() {
        return dynamoDbStreamsEndpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public String region() {
        return region;
    }

    public String accessKeyId() {
        return credentials.accessKeyId();
    }

    public String secretAccessKey() {
        return credentials.secretAccessKey();
    }

    /**
     * {@value #LOCAL_ACCOUNT_ID} locally (and for LocalStack); with external endpoints,
     * {@code AWS_ACCOUNT_ID} from the environment if set, since it cannot be asked of an emulator.
     */
    public String accountId() {
        return accountId;
    }

    /** Names of the servers this object started and will stop (empty when everything is external). */
    public List<String> embeddedServers() {
        return embedded.stream().map(Embedded::name).toList();
    }

    /** Whether SQS is served by the embedded ElasticMQ, whose gaps the provisioner knows. */
    boolean sqsIsEmbeddedElasticMq() {
        return embeddedServers().contains("ElasticMQ");
    }

    /**
     * The variables a Lambda handler needs to reach these services with SDK clients configured
     * from the environment (the SDK honours {@code AWS_ENDPOINT_URL_<SERVICE>} itself;
     * {@code AWS_S3_FORCE_PATH_STYLE} is read by pakn's own S3 client set-up, because
     * virtual-hosted bucket names do not resolve on 127.0.0.1).
     */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials session) {
            env.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoDbStreamsEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        env.put("AWS_S3_FORCE_PATH_STYLE", "true");
        return Collections.unmodifiableMap(env);
    }

    public DynamoDbClient dynamoDb() {
        return client(DynamoDbClient.class, () -> buildDynamoDb(credentials, region, dynamoDbEndpoint));
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return client(DynamoDbStreamsClient.class, () -> DynamoDbStreamsClient.builder()
                .httpClient(httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(Region.of(region))
                .endpointOverride(dynamoDbStreamsEndpoint)
                .build());
    }

    public SqsClient sqs() {
        return client(SqsClient.class, () -> buildSqs(credentials, region, sqsEndpoint));
    }

    public S3Client s3() {
        return client(S3Client.class, () -> buildS3(credentials, region, s3Endpoint));
    }

    public S3Presigner s3Presigner() {
        return client(S3Presigner.class, () -> S3Presigner.builder()
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(Region.of(region))
                .endpointOverride(s3Endpoint)
                // Virtual-hosted names (bucket.127.0.0.1) do not resolve.
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build());
    }

    private static DynamoDbClient buildDynamoDb(AwsCredentials credentials, String region, URI endpoint) {
        return DynamoDbClient.builder()
                .httpClient(httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(Region.of(region))
                .endpointOverride(endpoint)
                .build();
    }

    private static SqsClient buildSqs(AwsCredentials credentials, String region, URI endpoint) {
        return SqsClient.builder()
                .httpClient(httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(Region.of(region))
                .endpointOverride(endpoint)
                .build();
    }

    private static S3Client buildS3(AwsCredentials credentials, String region, URI endpoint) {
        return S3Client.builder()
                .httpClient(httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(Region.of(region))
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .build();
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    private synchronized <T extends AutoCloseable> T client(Class<T> type, Supplier<T> factory) {
        if (closed.get()) {
            throw new IllegalStateException("LocalAwsServices is closed");
        }
        return type.cast(clients.computeIfAbsent(type, t -> factory.get()));
    }

    /** Closes the cached clients and stops the servers this object started; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            for (AutoCloseable client : clients.values()) {
                try {
                    client.close();
                } catch (Exception e) {
                    // Closing a client only releases local resources; nothing useful to report.
                }
            }
            clients.clear();
        }
        stopAll(embedded, progress);
    }

    /** Stops servers in parallel: ElasticMQ's actor system takes a moment to wind down. */
    private static void stopAll(List<Embedded> servers, Consumer<String> say) {
        if (servers.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(), daemonThreads("pakn-local-aws-stop"));
        try {
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            for (Embedded server : servers) {
                stops.add(CompletableFuture.runAsync(() -> {
                    long t = System.nanoTime();
                    try {
                        server.stop().run();
                        say.accept("Stopped " + server.name() + " (" + seconds(t) + ")");
                    } catch (Exception e) {
                        say.accept("Stopping " + server.name() + " failed: " + e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        say.accept("Stopped local AWS services (" + seconds(t0) + ")");
    }

    private static URI streamsEndpoint(Map<String, String> environment, boolean dynamoExternal, URI dynamo) {
        String explicit = environment.get("AWS_ENDPOINT_URL_DYNAMODB_STREAMS");
        if (dynamoExternal && !blank(explicit)) {
            return endpoint("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", explicit);
        }
        // On AWS, streams are served by streams.dynamodb.<region>.amazonaws.com, not the table endpoint.
        String host = dynamo.getHost() == null ? "" : dynamo.getHost().toLowerCase(Locale.ROOT);
        if (dynamoExternal && host.startsWith("dynamodb.") && host.endsWith(".amazonaws.com")) {
            return URI.create(dynamo.getScheme() + "://streams." + host);
        }
        return dynamo;
    }

    private static URI endpoint(String variable, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL: " + url, e);
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(variable + " must be an http(s) URL with a host, got " + url);
        }
        return uri;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on " + LOOPBACK, e);
        }
    }

    /** Jetty throws BindException; Pekko (ElasticMQ) its own BindFailedException with the OS message. */
    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().contains("BindFailed")
                    || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String value(Map<String, String> environment, String name, String fallback) {
        String v = environment.get(name);
        return blank(v) ? fallback : v.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static Consumer<String> synchronizedProgress(Consumer<String> progress) {
        Consumer<String> target = progress == null ? s -> { } : progress;
        Object lock = new Object();
        return message -> {
            synchronized (lock) {
                target.accept(message);
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

    @Override
    public String toString() {
        return "LocalAwsServices[dynamodb=" + dynamoDbEndpoint + ", sqs=" + sqsEndpoint + ", s3=" + s3Endpoint
                + ", region=" + region + "]";
    }
}
