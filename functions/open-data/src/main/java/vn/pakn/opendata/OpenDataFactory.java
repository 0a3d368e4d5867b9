package vn.pakn.opendata;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.stats.AggregateRows;
import vn.pakn.aws.stats.DailySnapshots;
import vn.pakn.aws.stats.DynamoStatsReader;
import vn.pakn.domain.reference.ReferenceData;

/** Wires the publisher to the complaints and reference tables and the open-data bucket. */
@Factory
public class OpenDataFactory {
    static final int DEFAULT_SCAN_SEGMENTS = 4;

    @Singleton
    DailySnapshots dailySnapshots(DynamoDbClient dynamo, FunctionEnvironment env, Clock clock) {
        return new DailySnapshots(dynamo, env.require("STATS_TABLE"), clock);
    }

    @Singleton
    OpenDataPublisher openDataPublisher(DynamoDbClient dynamo, S3Client s3, FunctionEnvironment env, Clock clock,
                                        DailySnapshots snapshots) {
        var reference = new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), clock);
        var complaints = new DynamoComplaintSource(dynamo, env.require("COMPLAINTS_TABLE"),
                env.intValue("SCAN_SEGMENTS", DEFAULT_SCAN_SEGMENTS));
        var statistics = new AggregateRows(new DynamoStatsReader(dynamo, env.require("STATS_TABLE")), snapshots, clock);
        return new OpenDataPublisher(files(complaints, reference, statistics),
                new S3OpenDataStore(s3, env.require("OPEN_DATA_BUCKET")));
    }

    /**
     * Every file published, in the order datapackage.json lists them. To publish another (the
     * statistics per grouping and period, as JSON and CSV), add it here: it is written under
     * {@code open-data/} and described in datapackage.json from its own {@link DataResource}.
     */
    static List<OpenDataFile> files(ComplaintSource complaints, ReferenceData reference, AggregateRows statistics) {
        List<OpenDataFile> files = new ArrayList<>(files(complaints, reference));
        files.addAll(StatisticsFiles.files(statistics, reference));
        return List.copyOf(files);
    }

    /** The row-level files alone, which need no statistics table. */
    static List<OpenDataFile> files(ComplaintSource complaints, ReferenceData reference) {
        return List.of(ComplaintsCsv.file(complaints, reference));
    }
}
