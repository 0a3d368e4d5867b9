package vn.pakn.aws.outbox;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoAgencies;

/** The outbox beans of the relay and the sweeper, configured from the function's environment. */
@Factory
public class OutboxFactory {
    public static final String COMPLAINTS_TABLE = "COMPLAINTS_TABLE";
    public static final String INTAKE_QUEUE_URL = "INTAKE_QUEUE_URL";
    /** Where agencies' queues are recorded; without it only the fixed destinations resolve. */
    public static final String REFERENCE_TABLE = "REFERENCE_TABLE";

    /**
     * The queues known at deployment, then the agencies' queues kept as data. Secondary, so that
     * a function or test declaring its own directory replaces it without touching the publishers.
     */
    @Singleton
    @Secondary
    QueueDirectory queueDirectory(FunctionEnvironment environment, DynamoDbClient dynamo, Clock clock) {
        QueueDirectory fixed = QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, environment.require(INTAKE_QUEUE_URL)));
        return environment.get(REFERENCE_TABLE)
                .map(table -> fixed.orElse(new AgencyQueueDirectory(new DynamoAgencies(dynamo, table),
                        AgencyQueueDirectory.DEFAULT_MAX_AGE, clock)))
                .orElse(fixed);
    }

    @Singleton
    OutboxPublisher outboxPublisher(SqsClient sqs, DynamoDbClient dynamo, FunctionEnvironment environment,
                                    QueueDirectory queues) {
        return new OutboxPublisher(sqs, dynamo, environment.require(COMPLAINTS_TABLE), queues);
    }

    @Singleton
    PendingOutbox pendingOutbox(DynamoDbClient dynamo, FunctionEnvironment environment) {
        return new PendingOutbox(dynamo, environment.require(COMPLAINTS_TABLE));
    }
}
