package vn.pakn.aws.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.pakn.aws.dynamo.DynamoAgencies;

/**
 * Queues of agencies, for destinations {@code agency:<id>}: the URL recorded on the agency's item
 * in the reference table when its queue was created. A disabled agency's queue still resolves,
 * since what was promised to it before must still arrive. URLs are kept for a short while, so a
 * batch of assignments costs one read per agency; an agency whose queue is not recorded yet is
 * asked again next time (its messages stay pending meanwhile).
 */
public final class AgencyQueueDirectory implements QueueDirectory {
    public static final String PREFIX = "agency:";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

    private record Cached(String queueUrl, Instant readAt) {
    }

    private final DynamoAgencies agencies;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public AgencyQueueDirectory(DynamoAgencies agencies, Duration maxAge, Clock clock) {
        this.agencies = agencies;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The outbox destination of an agency's queue. */
    public static String destination(String agencyId) {
        return PREFIX + agencyId;
    }

    @Override
    public Optional<String> find(String destination) {
        if (destination == null || !destination.startsWith(PREFIX) || destination.length() == PREFIX.length()) {
            return Optional.empty();
        }
        String agencyId = destination.substring(PREFIX.length());
        Instant now = clock.instant();
        Cached cached = cache.get(agencyId);
        if (cached != null && !cached.readAt().plus(maxAge).isBefore(now)) {
            return Optional.of(cached.queueUrl());
        }
        Optional<String> url = agencies.queueUrl(agencyId);
        url.ifPresentOrElse(u -> cache.put(agencyId, new Cached(u, now)), () -> cache.remove(agencyId));
        return url;
    }
}
