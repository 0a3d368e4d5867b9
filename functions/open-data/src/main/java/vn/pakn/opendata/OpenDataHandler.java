package vn.pakn.opendata;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.stats.DailySnapshots;

/**
 * Runs every night (template.yaml): brings the statistics' daily snapshots up to yesterday, then
 * publishes every file ({@link OpenDataPublisher}). Each run rewrites every file
 * from the current data, so a missed run costs one day's freshness and nothing else.
 */
public class OpenDataHandler extends PaknHandler<ScheduledEvent, String> {

    @Inject
    OpenDataPublisher publisher;
    @Inject
    DailySnapshots snapshots;
    @Inject
    Clock clock;

    public OpenDataHandler() {
        super();
    }

    public OpenDataHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public String execute(ScheduledEvent event) {
        Instant now = clock.instant();
        // The backlog "as of" each past day, for the endpoint and the files below, comes from these.
        List<LocalDate> snapshotDays = snapshots.catchUp();
        OpenDataPublisher.Summary summary = publisher.publish(now);
        Log.info("opendata.run", "snapshotDays", snapshotDays.size(), "files", summary.entries().size(),
                "failed", summary.failed().size());
        if (!summary.failed().isEmpty()) {
            // A failed invocation is what Lambda retries and the alarm counts; the files that worked stand.
            throw new IllegalStateException("Open data: " + summary);
        }
        return summary.toString();
    }
}
