package vn.pakn.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * N clients, each doing one operation after another as fast as it is answered, for a warm-up
 * and then a measured window. Only operations started and finished inside the window count, so
 * the warm-up's stragglers and the window's unfinished tail are left out on both sides alike.
 */
final class Load {

    /** One client's operation; false or an exception is a failure. */
    interface Operation {
        boolean run() throws Exception;
    }

    record Result(int clients, double seconds, long ok, long failed, Samples latencyMs, String firstFailure) {
        double perSecond() {
            return ok / seconds;
        }
    }

    private Load() {
    }

    /** Slices of one arm taken in turns with other arms, as one result. */
    static Result combine(List<Result> slices) {
        long ok = 0;
        long failed = 0;
        double seconds = 0;
        Samples latency = new Samples();
        String firstFailure = null;
        for (Result r : slices) {
            ok += r.ok();
            failed += r.failed();
            seconds += r.seconds();
            latency.addAll(r.latencyMs());
            firstFailure = firstFailure != null ? firstFailure : r.firstFailure();
        }
        return new Result(slices.get(0).clients(), seconds, ok, failed, latency, firstFailure);
    }

    static Result run(int clients, Duration warmup, Duration window, Operation operation) {
        CountDownLatch start = new CountDownLatch(1);
        long[] bounds = new long[2];
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        Samples latency = new Samples();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long from = bounds[0];
                long to = bounds[1];
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= to) {
                        return;
                    }
                    boolean success;
                    try {
                        success = operation.run();
                    } catch (Exception e) {
                        success = false;
                        firstFailure.compareAndSet(null, e.toString());
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= from && t1 <= to) {
                        if (success) {
                            ok.increment();
                            latency.add((t1 - t0) / 1e6);
                        } else {
                            failed.increment();
                        }
                    }
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long now = System.nanoTime();
        bounds[0] = now + warmup.toNanos();
        bounds[1] = bounds[0] + window.toNanos();
        start.countDown();
        for (Thread t : threads) {
            try {
                t.join(warmup.plus(window).plusSeconds(120).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return new Result(clients, window.toNanos() / 1e9, ok.sum(), failed.sum(), latency, firstFailure.get());
    }
}
