package vn.pakn.outbox;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import vn.pakn.local.aws.LocalAwsServices;

/** The delivery scenarios on the embedded DynamoDB Local (and its stream) and ElasticMQ. */
class OutboxDeliveryIT extends OutboxDeliveryScenarios {
    @BeforeAll
    static void start() {
        provision(LocalAwsServices.start(System.out::println, Map.of()));
    }
}
