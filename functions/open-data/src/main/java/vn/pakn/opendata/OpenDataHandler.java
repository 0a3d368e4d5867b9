package vn.pakn.opendata;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;

/**
 * Runs every night (template.yaml): see {@link OpenDataPublisher}. Each run rewrites every file
 * from the current data, so a missed run costs one day's freshness and nothing else.
 */
public class OpenDataHandler extends PaknHandler<ScheduledEvent, String> {

    @Inject
    OpenDataPublisher publisher;
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
        OpenDataPublisher.Summary summary = publisher.publish(now);
        Log.info("opendata.run", "files", summary.entries().size(), "failed", summary.failed().size());
        if (!summary.failed().isEmpty()) {
            // A failed invocation is what Lambda retries and the alarm counts; the files that worked stand.
            throw new IllegalStateException("Open data: " + summary);
        }
        return summary.toString();
    }
}
