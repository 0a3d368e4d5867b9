package vn.pakn.local.events;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How often the local event sources poll and how long they wait between retries. AWS's own
 * delays (a minute before an asynchronous retry, for instance) would make a local run feel
 * stuck, so these are shorter; the retry counts and orders are AWS's.
 *
 * @param pollInterval idle wait between polls of a stream shard or a bucket listing
 * @param retryBackoff first wait before a failed stream batch is retried; doubled per attempt
 * @param maxRetryBackoff the longest wait between two attempts of a stream batch
 * @param asyncRetryDelays waits before each retry of a failed asynchronous invocation (S3,
 *     schedules); AWS retries twice
 * @param shardRefreshInterval how often stream shards are listed to find new ones
 */
public record EventSettings(Duration pollInterval, Duration retryBackoff, Duration maxRetryBackoff,
        List<Duration> asyncRetryDelays, Duration shardRefreshInterval) {

    public EventSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        asyncRetryDelays = List.copyOf(asyncRetryDelays);
        Objects.requireNonNull(shardRefreshInterval, "shardRefreshInterval");
    }

    /** For a developer's local run: Lambda polls a stream four times a second. */
    public static EventSettings defaults() {
        return new EventSettings(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(10),
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), Duration.ofSeconds(1));
    }

    /** For tests: same semantics, waits short enough that a retry shows up within a second. */
    public static EventSettings fast() {
        return new EventSettings(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(400),
                List.of(Duration.ofMillis(50), Duration.ofMillis(100)), Duration.ofMillis(200));
    }
}
