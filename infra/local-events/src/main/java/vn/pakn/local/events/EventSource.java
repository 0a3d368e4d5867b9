package vn.pakn.local.events;

/**
 * One event source mapping, notification or schedule of the template, delivering to one
 * function. Started explicitly, so tests decide when delivery begins; closing stops it quickly
 * and may be repeated.
 */
public interface EventSource extends AutoCloseable {

    /** The function it delivers to. */
    String functionLogicalId();

    /** The key of the function's {@code Events} entry. */
    String eventName();

    /** One line for the startup summary, e.g. "ComplaintsTable stream -> OutboxRelayFunction (batch 100)". */
    String description();

    void start();

    @Override
    void close();
}
