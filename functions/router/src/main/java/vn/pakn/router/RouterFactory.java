package vn.pakn.router;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;

/** Wires routing to the tables and the photos bucket (assignment messages carry photo links). */
@Factory
public class RouterFactory {

    @Singleton
    RouterService routerService(DynamoDbClient dynamo, S3Presigner presigner, FunctionEnvironment env, Clock clock) {
        var reference = new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), clock);
        var assignments = new AssignmentMessages(presigner, env.require("PHOTOS_BUCKET"), clock);
        return new RouterService(new DynamoComplaintStore(dynamo, env.require("COMPLAINTS_TABLE"), assignments),
                reference, clock);
    }
}
