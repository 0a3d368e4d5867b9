package vn.pakn.citizen;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import vn.pakn.local.aws.LocalAwsServices;

/**
 * The same citizen scenarios against LocalStack, where a Docker engine exists; skipped without
 * one. The tag is pinned: {@code latest} needs an auth token since March 2026.
 */
@Testcontainers(disabledWithoutDocker = true)
class CitizenApiLocalStackIT extends CitizenApiScenarios {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4.0"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS,
                    LocalStackContainer.Service.S3)
            // The v2 providers serve DynamoDB Local's own streams; the default is backed by Kinesis,
            // which LocalStack downloads on first use and which reorders records.
            .withEnv("PROVIDER_OVERRIDE_DYNAMODB", "v2")
            .withEnv("PROVIDER_OVERRIDE_DYNAMODBSTREAMS", "v2");

    @BeforeAll
    static void start() throws Exception {
        String endpoint = LOCALSTACK.getEndpoint().toString();
        boot(LocalAwsServices.start(line -> { }, Map.of(
                "AWS_ENDPOINT_URL", endpoint,
                "AWS_REGION", LOCALSTACK.getRegion(),
                "AWS_ACCESS_KEY_ID", LOCALSTACK.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", LOCALSTACK.getSecretKey())));
    }
}
