package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.LocalDeployment;

/**
 * A scheduled EventBridge rule ({@code Type: Schedule}) invoking a function: {@code rate(...)}
 * from the moment it starts, {@code cron(...)} at the UTC minutes the expression names. Each run
 * is an asynchronous invocation with a {@code ScheduledEvent} ("Scheduled Event" from
 * "aws.events"), retried twice on failure. {@link #triggerNow()} runs it at once, synchronously.
 */
public final class Scheduler implements EventSource {

    private final LocalFunction function;
    private final String eventName;
    private final ScheduleExpression expression;
    private final boolean enabled;
    private final String ruleArn;
    private final String region;
    private final String accountId;
    private final Consumer<String> console;
    private final AsyncInvoker invoker;
    private final AtomicLong runs = new AtomicLong();

    private ScheduledExecutorService timer;
    private volatile Instant nextRun;

    private Scheduler(LocalDeployment deployment, LocalFunction function, EventSpec event, EventSettings settings,
            Consumer<String> console) {
        EventProperties props = new EventProperties(deployment, function.spec(), event);
        this.function = function;
        this.eventName = event.name();
        this.expression = ScheduleExpression.parse(props.requiredString("Schedule"));
        String state = props.string("State");
        this.enabled = props.bool("Enabled", true) && (state == null || state.toUpperCase(Locale.ROOT).equals("ENABLED"));
        if (props.has("Input") || props.has("InputPath") || props.has("InputTransformer")) {
            throw new IllegalArgumentException(props.where() + ": Input, InputPath and InputTransformer are not"
                    + " supported locally; the function receives the ScheduledEvent");
        }
        this.region = deployment.services().region();
        this.accountId = deployment.services().accountId();
        String ruleName = props.has("Name") ? props.string("Name")
                : LocalDeployment.STACK_NAME + "-" + function.logicalId() + event.name();
        this.ruleArn = "arn:aws:events:" + region + ":" + accountId + ":rule/" + ruleName;
        this.console = console == null ? s -> { } : console;
        this.invoker = new AsyncInvoker("pakn-schedule-" + function.logicalId(), Objects.requireNonNull(settings,
                "settings"), this.console);
        function.requireAccepts(ScheduledEvent.class, "schedule " + expression);
    }

    /**
     * The schedule of the function's {@code Type: Schedule} event {@code eventName}, not yet started.
     *
     * @throws IllegalArgumentException if there is no such event or its expression is invalid
     */
    public static Scheduler create(LocalDeployment deployment, LocalFunction function, String eventName,
            EventSettings settings, Consumer<String> console) {
        return new Scheduler(deployment, function, StreamPoller.event(function, eventName, "Schedule"), settings,
                console);
    }

    @Override
    public String functionLogicalId() {
        return function.logicalId();
    }

    @Override
    public String eventName() {
        return eventName;
    }

    public ScheduleExpression expression() {
        return expression;
    }

    /** {@code Enabled: false} (or {@code State: DISABLED}) in the template: {@link #start()} then schedules nothing. */
    public boolean enabled() {
        return enabled;
    }

    /** When the next scheduled run is due; null before start or when disabled. */
    public Instant nextRun() {
        return nextRun;
    }

    /** Scheduled runs started so far (not counting {@link #triggerNow()}). */
    public long runCount() {
        return runs.get();
    }

    @Override
    public String description() {
        return expression + " -> " + function.logicalId() + (enabled ? "" : " (disabled in the template)")
                + (expression instanceof ScheduleExpression.Cron ? " (UTC)" : "");
    }

    @Override
    public void start() {
        start(Instant.now());
    }

    /** Starts as if the rule had been created at {@code createdAt}, which tests use to make a rate schedule fire soon. */
    synchronized void start(Instant createdAt) {
        if (timer != null) {
            throw new IllegalStateException(this + " was already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pakn-schedule-" + function.logicalId() + "-" + eventName);
            t.setDaemon(true);
            return t;
        });
        if (enabled) {
            scheduleNext(Instant.now(), createdAt);
        }
    }

    private void scheduleNext(Instant after, Instant scheduleStart) {
        Instant next = expression.nextAfter(after, scheduleStart);
        nextRun = next;
        if (next == null) {
            return;
        }
        long delay = Math.max(0, next.toEpochMilli() - System.currentTimeMillis());
        try {
            timer.schedule(() -> {
                runs.incrementAndGet();
                invoker.submit(function, event(next), "schedule " + expression);
                scheduleNext(next, scheduleStart);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            nextRun = null; // closed
        }
    }

    /**
     * Invokes the function now, asynchronously, as a scheduled run (retried on failure, reported on
     * the console), without moving the schedule: for jobs whose output should exist from the start.
     */
    public void submitNow() {
        invoker.submit(function, event(Instant.now()), "schedule " + expression + " (once at start)");
    }

    /**
     * Invokes the function now with a ScheduledEvent, synchronously, and returns what it returned;
     * whatever it throws is thrown here (no retries), so tests and developers see failures at once.
     */
    public Object triggerNow() {
        long t0 = System.nanoTime();
        Object result = function.invoke(event(Instant.now()));
        console.accept(function.logicalId() + " <- schedule " + expression + " (triggered by hand): ok ("
                + Invocations.millis(t0) + ")");
        return result;
    }

    /** The event EventBridge sends for a run due at {@code time}. */
    public ScheduledEvent event(Instant time) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(accountId);
        event.setTime(new DateTime(time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toEpochMilli(),
                DateTimeZone.UTC));
        event.setRegion(region);
        event.setResources(List.of(ruleArn));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nextRun = null;
        invoker.close();
    }

    @Override
    public String toString() {
        return "Scheduler[" + description() + "]";
    }
}
