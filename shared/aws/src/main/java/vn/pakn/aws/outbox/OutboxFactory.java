package vn.pakn.aws.outbox;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.pakn.aws.FunctionEnvironment;

/** The outbox beans of the relay and the sweeper, configured from the function's environment. */
@Factory
public class OutboxFactory {
    public static final String COMPLAINTS_TABLE = "COMPLAINTS_TABLE";
    public static final String INTAKE_QUEUE_URL = "INTAKE_QUEUE_URL";

    /**
     * Secondary, so that a directory which also knows queues kept as data (per-agency queues)
     * replaces it by being declared, without touching the functions that publish.
     */
    @Singleton
    @Secondary
    QueueDirectory queueDirectory(FunctionEnvironment environment) {
        return QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, environment.require(INTAKE_QUEUE_URL)));
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
