package vn.pakn.local.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation, used by S3 notifications and schedules: the caller does not
 * wait, and a failed invocation is retried twice (after the delays of
 * {@link EventSettings#asyncRetryDelays()}), then dropped with a message, as Lambda drops it when
 * no on-failure destination or dead-letter queue is configured.
 */
final class AsyncInvoker implements AutoCloseable {

    private final ScheduledExecutorService executor;
    private final List<Duration> retryDelays;
    private final Consumer<String> console;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong droppedAfterRetries = new AtomicLong();

    AsyncInvoker(String threadName, EventSettings settings, Consumer<String> console) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.retryDelays = settings.asyncRetryDelays();
        this.console = console;
    }

    long succeeded() {
        return succeeded.get();
    }

    long droppedAfterRetries() {
        return droppedAfterRetries.get();
    }

    /** @param what names the event in console lines, e.g. "s3 ObjectCreated:Put incoming/a.jpg" */
    void submit(LocalFunction function, Object event, String what) {
        schedule(function, event, what, 0, Duration.ZERO);
    }

    private void schedule(LocalFunction function, Object event, String what, int attempt, Duration delay) {
        try {
            executor.schedule(() -> attempt(function, event, what, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the process is stopping and the event goes with it, as queued async events would on AWS
            // if the function were deleted.
        }
    }

    private void attempt(LocalFunction function, Object event, String what, int attempt) {
        long t0 = System.nanoTime();
        try {
            function.invoke(event);
            succeeded.incrementAndGet();
            console.accept(function.logicalId() + " <- " + what + ": ok (" + Invocations.millis(t0) + ")"
                    + (attempt > 0 ? " on retry " + attempt : ""));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            if (attempt < retryDelays.size()) {
                Duration delay = retryDelays.get(attempt);
                console.accept(function.logicalId() + " <- " + what + ": failed (" + e + "); retry " + (attempt + 1)
                        + " of " + retryDelays.size() + " in " + delay.toMillis() + " ms");
                schedule(function, event, what, attempt + 1, delay);
            } else {
                droppedAfterRetries.incrementAndGet();
                console.accept(function.logicalId() + " <- " + what + ": failed (" + e + ") after " + retryDelays.size()
                        + " retries; the event is dropped (no on-failure destination)");
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
