package vn.pakn.aws.outbox;

import java.util.Map;
import java.util.Optional;

/**
 * Where an outbox destination's queue lives. Destinations are logical names stored with each
 * outbox item, so adding a kind of destination (per-agency queues kept as data, say
 * {@code agency:<id>} looked up in a table) means adding a directory and chaining it with
 * {@link #orElse(QueueDirectory)} in a bean that replaces the default one: neither the relay
 * nor the sweeper changes.
 */
@FunctionalInterface
public interface QueueDirectory {

    /** The queue URL for {@code destination}, or empty when this directory does not know it. */
    Optional<String> find(String destination);

    /** @throws UnknownDestinationException when no queue is known for {@code destination} */
    default String queueUrl(String destination) {
        return find(destination).orElseThrow(() -> new UnknownDestinationException(destination));
    }

    /** Asks {@code next} about destinations this directory does not know. */
    default QueueDirectory orElse(QueueDirectory next) {
        return destination -> find(destination).or(() -> next.find(destination));
    }

    /** A directory of queues known at deployment (from the function's environment). */
    static QueueDirectory fixed(Map<String, String> queueUrlsByDestination) {
        Map<String, String> urls = Map.copyOf(queueUrlsByDestination);
        return destination -> Optional.ofNullable(urls.get(destination));
    }

    /** An outbox item names a destination no directory knows: it stays pending until one does. */
    final class UnknownDestinationException extends IllegalStateException {
        public UnknownDestinationException(String destination) {
            super("No queue is configured for outbox destination '" + destination + "'");
        }
    }
}
