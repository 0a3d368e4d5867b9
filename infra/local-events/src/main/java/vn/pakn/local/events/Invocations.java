package vn.pakn.local.events;

import java.util.Locale;

/** Small formatting helpers shared by the event sources' console lines. */
final class Invocations {

    private Invocations() {}

    static String millis(long startNanos) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
