package vn.pakn.outbox;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import vn.pakn.local.aws.LocalAwsServices;

/**
 * The same delivery scenarios against LocalStack, where a Docker engine exists; skipped without
 * one. The tag is pinned: {@code latest} needs an auth token since March 2026.
 */
@Testcontainers(disabledWithoutDocker = true)
class OutboxDeliveryLocalStackIT extends OutboxDeliveryScenarios {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4.0"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.DYNAMODB_STREAMS,
                    LocalStackContainer.Service.SQS, LocalStackContainer.Service.S3)
            // The default providers copy each write's stream records into a Kinesis stream (which
            // LocalStack downloads at first use) from a thread pool, so records of successive
            // writes can arrive out of order. The scenarios read the stream in write order, as the
            // v2 providers serve it: DynamoDB Local's own stream, as in the embedded run.
            .withEnv("PROVIDER_OVERRIDE_DYNAMODB", "v2")
            .withEnv("PROVIDER_OVERRIDE_DYNAMODBSTREAMS", "v2");

    @BeforeAll
    static void start() {
        provision(LocalAwsServices.start(System.out::println, Map.of(
                "AWS_ENDPOINT_URL", LOCALSTACK.getEndpoint().toString(),
                "AWS_REGION", LOCALSTACK.getRegion(),
                "AWS_ACCESS_KEY_ID", LOCALSTACK.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", LOCALSTACK.getSecretKey())));
    }
}
