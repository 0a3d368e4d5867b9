package vn.pakn.stats;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.stats.DynamoStatsTable;

/** Wires the aggregator to the complaints table (events, projection), the area tree and the stats table. */
@Factory
public class StatsAggregatorFactory {

    @Singleton
    StatsAggregator statsAggregator(DynamoDbClient dynamo, FunctionEnvironment env, Clock clock) {
        var reference = new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), clock);
        return new StatsAggregator(dynamo, env.require("COMPLAINTS_TABLE"), reference,
                new DynamoStatsTable(dynamo, env.require("STATS_TABLE"), clock));
    }
}
