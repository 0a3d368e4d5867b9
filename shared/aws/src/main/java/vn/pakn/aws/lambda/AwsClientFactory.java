package vn.pakn.aws.lambda;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.pakn.aws.AwsClients;
import vn.pakn.aws.FunctionEnvironment;

/** One SDK client of each kind per execution environment, built only if a function needs it. */
@Factory
public class AwsClientFactory {

    /** Used only when no environment was registered explicitly (it always is, by PaknHandler). */
    @Singleton
    @Secondary
    FunctionEnvironment functionEnvironment() {
        return FunctionEnvironment.system();
    }

    /** Used only when no clients were registered explicitly (PaknHandler does, in Lambda). */
    @Singleton
    @Secondary
    AwsClients awsClients(FunctionEnvironment environment) {
        return new AwsClients(environment);
    }

    @Singleton
    DynamoDbClient dynamoDb(AwsClients clients) {
        return clients.dynamoDb();
    }

    @Singleton
    SqsClient sqs(AwsClients clients) {
        return clients.sqs();
    }

    @Singleton
    S3Client s3(AwsClients clients) {
        return clients.s3();
    }

    @Singleton
    S3Presigner s3Presigner(AwsClients clients) {
        return clients.s3Presigner();
    }
}
