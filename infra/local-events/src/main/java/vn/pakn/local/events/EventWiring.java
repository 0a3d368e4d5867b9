package vn.pakn.local.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.LocalDeployment;

/**
 * Every non-HTTP event of the template wired to its function: stream and queue pollers, bucket
 * notifications, schedules. HTTP events are served by {@link HttpApiGateway}.
 */
public final class EventWiring implements AutoCloseable {

    private final List<EventSource> sources;
    private final List<String> notes;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private EventWiring(List<EventSource> sources, List<String> notes) {
        this.sources = List.copyOf(sources);
        this.notes = List.copyOf(notes);
    }

    /**
     * Creates (without starting) a source for each event of each function in {@code functions}.
     * Events of functions not in the map, disabled events and event types not emulated locally
     * are skipped and explained in {@link #notes()}.
     *
     * @throws IllegalArgumentException when an event's template values are invalid
     */
    public static EventWiring fromTemplate(LocalDeployment deployment, Map<String, LocalFunction> functions,
            EventSettings settings, Consumer<String> console) {
        List<EventSource> sources = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            for (FunctionSpec spec : deployment.template().functions()) {
                if (!deployment.isDeployed(deployment.template().resource(spec.logicalId()))) {
                    continue;
                }
                LocalFunction function = functions.get(spec.logicalId());
                for (EventSpec event : spec.events()) {
                    String where = spec.logicalId() + "." + event.name() + " (" + event.type() + ")";
                    if (event.type().equals("HttpApi")) {
                        continue;
                    }
                    if (function == null) {
                        notes.add(where + ": not delivered, " + spec.logicalId() + " is not running");
                        continue;
                    }
                    EventProperties props = new EventProperties(deployment, spec, event);
                    if (!props.bool("Enabled", true)) {
                        notes.add(where + ": Enabled is false in the template");
                        continue;
                    }
                    switch (event.type()) {
                        case "DynamoDB" -> sources.add(StreamPoller.create(deployment, function, event.name(), settings,
                                console));
                        case "SQS" -> sources.add(SqsPoller.create(deployment, function, event.name(), settings,
                                console));
                        case "S3" -> sources.add(S3Notifier.create(deployment, function, event.name(), settings,
                                console));
                        case "Schedule" -> sources.add(Scheduler.create(deployment, function, event.name(), settings,
                                console));
                        default -> notes.add(where + ": this event type is not emulated locally");
                    }
                }
            }
        } catch (RuntimeException e) {
            sources.forEach(EventSource::close);
            throw e;
        }
        return new EventWiring(sources, notes);
    }

    public List<EventSource> sources() {
        return sources;
    }

    /** Why some events are not delivered (function not running, disabled, type not emulated). */
    public List<String> notes() {
        return notes;
    }

    /** The source of one event, for tests that want its counters or to trigger it. */
    public <T extends EventSource> T source(String functionLogicalId, String eventName, Class<T> type) {
        return sources.stream()
                .filter(s -> s.functionLogicalId().equals(functionLogicalId) && s.eventName().equals(eventName))
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No wired event " + functionLogicalId + "." + eventName));
    }

    /** The function's schedules (usually one). */
    public List<Scheduler> schedulers(String functionLogicalId) {
        return sources.stream().filter(s -> s instanceof Scheduler && s.functionLogicalId().equals(functionLogicalId))
                .map(Scheduler.class::cast).toList();
    }

    /**
     * Runs the function's schedule now, synchronously, returning the handler's result.
     *
     * @throws IllegalArgumentException when the function has no (running) schedule
     */
    public Object triggerSchedule(String functionLogicalId) {
        List<Scheduler> schedulers = schedulers(functionLogicalId);
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException(functionLogicalId + " has no running Schedule event");
        }
        return schedulers.get(0).triggerNow();
    }

    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("Already started");
        }
        List<EventSource> running = new ArrayList<>();
        try {
            for (EventSource source : sources) {
                source.start();
                running.add(source);
            }
        } catch (RuntimeException e) {
            running.forEach(EventSource::close);
            throw e;
        }
    }

    /** Stops every source, in parallel since each may be waiting on a long poll; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Thread> stopping = new ArrayList<>();
        for (EventSource source : sources) {
            Thread t = new Thread(source::close, "pakn-stop-" + source.functionLogicalId() + "-" + source.eventName());
            t.setDaemon(true);
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
