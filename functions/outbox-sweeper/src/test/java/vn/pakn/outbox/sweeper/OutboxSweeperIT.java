package vn.pakn.outbox.sweeper;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import vn.pakn.local.aws.LocalAwsServices;

/** The sweeper scenarios on the embedded DynamoDB Local and ElasticMQ. */
class OutboxSweeperIT extends OutboxSweeperScenarios {
    @BeforeAll
    static void start() {
        provision(LocalAwsServices.start(System.out::println, Map.of()));
    }
}
