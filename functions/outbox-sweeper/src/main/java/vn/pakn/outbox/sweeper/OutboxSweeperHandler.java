package vn.pakn.outbox.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.PendingOutbox;

/**
 * The relay's safety net: sends every message still pending after a grace period (an outbox
 * item a relay that kept failing left behind, a new complaint whose stream record expired or that
 * no router acted on), then settles it, so each is resent once. The grace leaves the relay and the
 * router time to do their job first; whatever is sent twice is deduplicated on the same id.
 */
public class OutboxSweeperHandler extends PaknHandler<ScheduledEvent, String> {
    static final String GRACE_SECONDS = "OUTBOX_GRACE_SECONDS";

    @Inject
    PendingOutbox pending;
    @Inject
    OutboxPublisher publisher;
    @Inject
    Clock clock;
    @Inject
    FunctionEnvironment environment;

    private final Duration grace;

    public OutboxSweeperHandler() {
        super();
        this.grace = grace(environment);
    }

    public OutboxSweeperHandler(Map<String, String> environment) {
        super(environment);
        this.grace = grace(this.environment);
    }

    /** Replaces time and the AWS-facing parts: to sweep "later", or over in-memory or failing clients. */
    public OutboxSweeperHandler(Map<String, String> environment, Clock clock, PendingOutbox pending,
                                OutboxPublisher publisher) {
        super(environment);
        this.clock = clock;
        this.pending = pending;
        this.publisher = publisher;
        this.grace = grace(this.environment);
    }

    @Override
    public String execute(ScheduledEvent event) {
        Instant cutoff = clock.instant().minus(grace);
        int[] sent = {0};
        int[] failed = {0};
        pending.forEachCreatedBefore(cutoff, message -> {
            try {
                publisher.publish(message);
                sent[0]++;
            } catch (RuntimeException e) {
                // One bad item must not hold back the others; it stays pending for the next run.
                failed[0]++;
                Log.error("outbox.sweep.failed", e, "deduplicationId", message.deduplicationId(),
                        "destination", message.destination());
            }
        });
        Log.info("outbox.sweep", "cutoff", cutoff, "sent", sent[0], "failed", failed[0]);
        if (failed[0] > 0) {
            // A failed invocation is what the Errors metric and alarms see.
            throw new IllegalStateException("Sent " + sent[0] + " pending outbox messages; "
                    + failed[0] + " failed and stay pending");
        }
        return "sent " + sent[0] + " pending outbox messages";
    }

    private static Duration grace(FunctionEnvironment environment) {
        long seconds = Long.parseLong(environment.require(GRACE_SECONDS));
        if (seconds < 0) {
            throw new IllegalStateException(GRACE_SECONDS + " must not be negative");
        }
        return Duration.ofSeconds(seconds);
    }
}
