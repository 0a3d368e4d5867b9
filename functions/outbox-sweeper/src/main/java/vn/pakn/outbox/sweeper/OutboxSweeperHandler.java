package vn.pakn.outbox.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.PendingOutbox;

/**
 * The relay's safety net: sends every message still pending after a grace period (an outbox
 * item a relay that kept failing left behind, a new complaint whose stream record expired or that
 * no router acted on), then settles it, so each is resent once. The grace leaves the relay and the
 * router time to do their job first; whatever is sent twice is deduplicated on the same id. It
 * sends up to ten messages a request, as the relay does: after an outage the backlog is thousands.
 */
public class OutboxSweeperHandler extends PaknHandler<ScheduledEvent, String> {
    static final String GRACE_SECONDS = "OUTBOX_GRACE_SECONDS";

    /**
     * How many found messages are sent together: enough for full requests of ten, few enough that a
     * sweep after a long outage sends as it reads instead of holding the whole backlog.
     */
    static final int PART = 100;

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
        Sweep sweep = new Sweep();
        pending.forEachCreatedBefore(cutoff, sweep::add);
        sweep.publishFound();
        Log.info("outbox.sweep", "cutoff", cutoff, "sent", sweep.sent, "failed", sweep.failed, "heldBack", sweep.heldBack);
        if (sweep.failed + sweep.heldBack > 0) {
            // A failed invocation is what the Errors metric and alarms see.
            throw new IllegalStateException("Sent " + sweep.sent + " pending outbox messages; " + sweep.failed
                    + " failed and " + sweep.heldBack + " were held back behind them, and stay pending");
        }
        return "sent " + sweep.sent + " pending outbox messages";
    }

    /** One run's messages found and not yet sent, and what became of those sent. */
    private final class Sweep {
        private final List<OutboxMessage> found = new ArrayList<>();
        private final Set<String> failedGroups = new HashSet<>();
        int sent;
        int failed;
        int heldBack;

        void add(OutboxMessage message) {
            found.add(message);
            if (found.size() == PART) {
                publishFound();
            }
        }

        void publishFound() {
            if (found.isEmpty()) {
                return;
            }
            Map<OutboxMessage, RuntimeException> failures = publisher.publishAll(found, failedGroups);
            sent += found.size() - failures.size();
            failures.forEach((message, e) -> {
                if (e instanceof OutboxPublisher.HeldBackException) {
                    heldBack++;
                    Log.warn("outbox.sweep.heldBack", "deduplicationId", message.deduplicationId(),
                            "destination", message.destination());
                } else {
                    failed++;
                    Log.error("outbox.sweep.failed", e, "deduplicationId", message.deduplicationId(),
                            "destination", message.destination());
                }
            });
            found.clear();
        }
    }

    private static Duration grace(FunctionEnvironment environment) {
        long seconds = Long.parseLong(environment.require(GRACE_SECONDS));
        if (seconds < 0) {
            throw new IllegalStateException(GRACE_SECONDS + " must not be negative");
        }
        return Duration.ofSeconds(seconds);
    }
}
