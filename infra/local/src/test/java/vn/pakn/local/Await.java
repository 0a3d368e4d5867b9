package vn.pakn.local;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls an asynchronous outcome (stream, queue, schedule) until it holds, with a deadline. */
final class Await {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @FunctionalInterface
    interface Read<T> {
        T get() throws Exception;
    }

    private Await() {
    }

    /** @return the first value read that is {@code done}; fails naming {@code what} and the last value read */
    static <T> T until(Read<T> read, Predicate<T> done, String what) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + value);
            }
            Thread.sleep(100);
            value = read.get();
        }
        return value;
    }
}
