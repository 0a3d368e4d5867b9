package vn.pakn.local.events;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The background thread of one polling event source: started once, daemon so it never keeps the
 * JVM alive, and stopped by interrupting it and waiting briefly for its current delivery.
 */
final class PollingThread {
    private Thread thread;

    synchronized void start(String name, Runnable loop, Object owner) {
        if (thread != null) {
            throw new IllegalStateException(owner + " was already started");
        }
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() {
        stop(Duration.ZERO);
    }

    /**
     * Gives the loop {@code grace} to notice that it should stop and end by itself (its owner has
     * told it so) before interrupting it.
     */
    synchronized void stop(Duration grace) {
        if (thread == null) {
            return;
        }
        if (!grace.isZero()) {
            try {
                thread.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
