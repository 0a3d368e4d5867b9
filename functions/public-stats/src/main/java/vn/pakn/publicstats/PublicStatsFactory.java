package vn.pakn.publicstats;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.stats.SettledPeriodCache;
import vn.pakn.aws.stats.StatsBatchReader;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.stats.StatsSource;

/** Wires the statistics service to the stats table (read only) and the reference data (for names). */
@Factory
public class PublicStatsFactory {
    /**
     * Queries of one answer that may run side by side. A grouping of a hundred communes is a few
     * hundred small queries; waiting for them one by one would make the answer slow, not costly.
     */
    static final int READ_THREADS = 8;
    /** About a kilobyte an item: a few megabytes of a function's gigabyte. */
    static final int SETTLED_ITEMS_KEPT = 10_000;
    private static final String READS = "statsReads";

    @Singleton
    ReferenceData referenceData(DynamoDbClient dynamo, FunctionEnvironment env, Clock clock) {
        // Names and codes change a few times a year; a minute of staleness only delays a new category's row.
        return new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), clock);
    }

    @Singleton
    StatsSource statsSource(DynamoDbClient dynamo, FunctionEnvironment env, @Named(READS) ExecutorService reads,
                            Clock clock) {
        // Ended days change only by a late record or a repair: a few minutes' staleness, as the answers'
        // own Cache-Control allows, spares most of the reads of a busy province's "last 30 days".
        SettledPeriodCache settled = new SettledPeriodCache(
                Duration.ofSeconds(env.intValue("STATS_CACHE_SECONDS", 300)), SETTLED_ITEMS_KEPT, clock);
        return new StatsBatchReader(dynamo, env.require("STATS_TABLE"), reads, clock, settled);
    }

    @Singleton
    PublicStatsService publicStatsService(StatsSource stats, ReferenceData reference, Clock clock) {
        return new PublicStatsService(stats, reference, clock);
    }

    /** Daemon threads, stopped when the handler closes its context (tests, the local runtime). */
    @Singleton
    @Named(READS)
    @Bean(preDestroy = "shutdownNow")
    ExecutorService reads() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(READ_THREADS, r -> {
            Thread t = new Thread(r, "pakn-stats-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
