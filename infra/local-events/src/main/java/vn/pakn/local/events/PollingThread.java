package vn.pakn.local.events;

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
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
