package vn.pakn.domain.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one event adds to which aggregates: counter name to amount, per aggregate. Applied once
 * per event (complaint id and sequence number), whatever the stream redelivers.
 */
public record Contribution(String complaintId, int seq, Map<AggregateKey, Map<String, Long>> counters) {
    public Contribution {
        Map<AggregateKey, Map<String, Long>> copy = new LinkedHashMap<>();
        counters.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        counters = Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return counters.isEmpty();
    }
}
