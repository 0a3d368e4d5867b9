package vn.pakn.deadline;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;

/**
 * Runs on a schedule (template.yaml): see {@link DeadlineWatch}. Missing a run costs nothing but
 * delay, because each run picks up everything past due, however old.
 */
public class DeadlineWatchHandler extends PaknHandler<ScheduledEvent, String> {

    @Inject
    DeadlineWatch watch;
    @Inject
    Clock clock;

    public DeadlineWatchHandler() {
        super();
    }

    public DeadlineWatchHandler(Map<String, String> environment) {
        super(environment);
    }

    /** Wired from the environment as in Lambda, but living at another time: to run the watch "later". */
    public DeadlineWatchHandler(Map<String, String> environment, Clock clock) {
        super(environment);
        this.clock = clock;
    }

    @Override
    public String execute(ScheduledEvent event) {
        Instant now = clock.instant();
        DeadlineWatch.Summary summary = watch.run(now);
        Log.info("deadline.watch", "now", now, "checked", summary.checked(), "markedOverdue", summary.markedOverdue(),
                "escalated", summary.escalated(), "autoClosed", summary.autoClosed(),
                "notEscalated", summary.notEscalated(), "failed", summary.failed());
        if (summary.failed() > 0) {
            // A failed invocation is what the Errors metric and alarms see; the rest of the run stands.
            throw new IllegalStateException("Deadline watch: " + summary);
        }
        return summary.toString();
    }
}
