package vn.pakn.deadline;

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

/** Wires the watch to the complaints table, the reference data and (for escalations' assignment messages) the photos bucket. */
@Factory
public class DeadlineWatchFactory {
    static final String AUTO_CLOSE_DAYS = "AUTO_CLOSE_DAYS";
    static final int DEFAULT_AUTO_CLOSE_DAYS = 7;

    @Singleton
    DeadlineWatch deadlineWatch(DynamoDbClient dynamo, S3Presigner presigner, FunctionEnvironment env, Clock clock) {
        String table = env.require("COMPLAINTS_TABLE");
        var reference = new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), clock);
        var assignments = new AssignmentMessages(presigner, env.require("PHOTOS_BUCKET"), clock);
        int days = env.intValue("AUTO_CLOSE_DAYS", DEFAULT_AUTO_CLOSE_DAYS);
        if (days < 1) {
            throw new IllegalStateException(AUTO_CLOSE_DAYS + " must be at least 1, got " + days);
        }
        return new DeadlineWatch(new DynamoDeadlineIndex(dynamo, table),
                new DynamoComplaintStore(dynamo, table, assignments), reference, Duration.ofDays(days));
    }
}
