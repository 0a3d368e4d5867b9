package vn.pakn.local.events;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for an asynchronous outcome with a deadline, never a fixed sleep. */
final class Eventually {

    private Eventually() {}

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + what, e);
            }
        }
    }

    /** Asserts the condition stays false for {@code period}: for "nothing else happens". */
    static void never(Duration period, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                throw new AssertionError("Unexpectedly: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
