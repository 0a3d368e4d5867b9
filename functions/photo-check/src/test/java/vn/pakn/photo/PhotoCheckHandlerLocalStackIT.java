package vn.pakn.photo;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import vn.pakn.local.aws.LocalAwsServices;

/**
 * The same photo check scenarios against LocalStack, where a Docker engine exists; skipped without
 * one. The tag is pinned: {@code latest} needs an auth token since March 2026.
 */
@Testcontainers(disabledWithoutDocker = true)
class PhotoCheckHandlerLocalStackIT extends PhotoCheckHandlerScenarios {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4.0"))
            // The template's complaints table declares a stream, so table creation needs streams too.
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.DYNAMODB_STREAMS,
                    LocalStackContainer.Service.SQS, LocalStackContainer.Service.S3)
            // The default providers back every table stream with a Kinesis stream, which LocalStack
            // downloads at first use; the v2 providers serve DynamoDB Local's own streams instead.
            .withEnv("PROVIDER_OVERRIDE_DYNAMODB", "v2")
            .withEnv("PROVIDER_OVERRIDE_DYNAMODBSTREAMS", "v2");

    @BeforeAll
    static void start() {
        deploy(LocalAwsServices.start(progress -> { }, Map.of(
                "AWS_ENDPOINT_URL", LOCALSTACK.getEndpoint().toString(),
                "AWS_REGION", LOCALSTACK.getRegion(),
                "AWS_ACCESS_KEY_ID", LOCALSTACK.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", LOCALSTACK.getSecretKey())));
    }
}
