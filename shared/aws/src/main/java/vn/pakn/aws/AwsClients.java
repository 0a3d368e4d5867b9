package vn.pakn.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds SDK clients from a function's environment. The endpoint comes from the standard
 * {@code AWS_ENDPOINT_URL_<SERVICE>} / {@code AWS_ENDPOINT_URL} variables, so the same code talks
 * to AWS, LocalStack or the embedded services with no change. The URLConnection HTTP client
 * keeps cold starts short; Apache and Netty are not on the class path.
 */
public final class AwsClients {
    private final FunctionEnvironment env;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final AtomicReference<CompletableFuture<DynamoDbClient>> dynamoDbBuiltAhead = new AtomicReference<>();

    public AwsClients(FunctionEnvironment env) {
        this.env = env;
        this.region = Region.of(env.get("AWS_REGION").orElse("us-east-1"));
        this.credentials = credentialsFrom(env);
    }

    /**
     * Starts building a DynamoDB client on a background thread; the next {@link #dynamoDb()} takes
     * it. Loading the SDK's classes is most of a cold start's init, and it does not depend on the
     * Micronaut context that a handler builds meanwhile, so the two overlap on a second core
     * (docs/performance.md, "Cold-start levers"). Every pakn function uses DynamoDB.
     */
    public AwsClients buildDynamoDbAhead() {
        CompletableFuture<DynamoDbClient> client = new CompletableFuture<>();
        if (!dynamoDbBuiltAhead.compareAndSet(null, client)) {
            return this;
        }
        Thread builder = new Thread(() -> {
            try {
                client.complete(newDynamoDb());
            } catch (Throwable e) {
                client.completeExceptionally(e);
            }
        }, "pakn-dynamodb-client-ahead");
        builder.setDaemon(true);
        builder.start();
        return this;
    }

    public DynamoDbClient dynamoDb() {
        CompletableFuture<DynamoDbClient> ahead = dynamoDbBuiltAhead.getAndSet(null);
        if (ahead == null) {
            return newDynamoDb();
        }
        try {
            return ahead.join();
        } catch (CompletionException e) {
            // The same failure as building it here would have thrown, not a wrapper.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private DynamoDbClient newDynamoDb() {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials);
        endpoint("DYNAMODB").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public SqsClient sqs() {
        var builder = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials);
        endpoint("SQS").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public S3Client s3() {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle());
        endpoint("S3").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public S3Presigner s3Presigner() {
        var builder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle()).build());
        endpoint("S3").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    Optional<URI> endpoint(String service) {
        return env.get("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
                .or(() -> env.get("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }

    private boolean pathStyle() {
        // Emulators serve buckets by path; virtual-host names would need DNS for each bucket.
        return env.get("AWS_S3_FORCE_PATH_STYLE").map(Boolean::parseBoolean).orElse(endpoint("S3").isPresent());
    }

    private static AwsCredentialsProvider credentialsFrom(FunctionEnvironment env) {
        // In Lambda (and with SnapStart, which serves credentials from an endpoint rather than
        // variables) the standard chain is right; an injected map carries its own keys.
        if (env.isProcessEnvironment() || env.get("AWS_ACCESS_KEY_ID").isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String key = env.require("AWS_ACCESS_KEY_ID");
        String secret = env.require("AWS_SECRET_ACCESS_KEY");
        return StaticCredentialsProvider.create(env.get("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(key, secret, t))
                .orElseGet(() -> AwsBasicCredentials.create(key, secret)));
    }
}
