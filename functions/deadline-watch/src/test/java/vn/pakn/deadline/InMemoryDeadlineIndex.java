package vn.pakn.deadline;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.fakes.InMemoryComplaintStore;

/**
 * GSI3 over the in-memory store: each complaint's keys come from {@link ComplaintItems#indexKeys},
 * the function every DynamoDB write uses, so the fake holds exactly who the real index would.
 */
final class InMemoryDeadlineIndex implements DeadlineIndex {
    private final InMemoryComplaintStore store;
    int queries;

    InMemoryDeadlineIndex(InMemoryComplaintStore store) {
        this.store = store;
    }

    @Override
    public void forEachDueBefore(Instant now, Consumer<String> complaintId) {
        scanShards("DUE#", now, complaintId);
    }

    @Override
    public void forEachResolvedBefore(Instant cutoff, Consumer<String> complaintId) {
        scanShards("RESOLVED#", cutoff, complaintId);
    }

    /** Whether a complaint is in the index at all (under any partition). */
    boolean contains(String complaintId) {
        return keys(complaintId).containsKey(ComplaintKeys.GSI3_PK);
    }

    private void scanShards(String prefix, Instant before, Consumer<String> complaintId) {
        queries++;
        String bound = before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        List<Map<String, AttributeValue>> hits = store.byId.keySet().stream().map(this::keys)
                .filter(k -> k.containsKey(ComplaintKeys.GSI3_PK))
                .filter(k -> Attr.str(k, ComplaintKeys.GSI3_PK).startsWith(prefix))
                .filter(k -> Attr.str(k, ComplaintKeys.GSI3_SK).compareTo(bound) < 0)
                .sorted(Comparator.comparing(k -> Attr.str(k, ComplaintKeys.GSI3_SK)))
                .toList();
        hits.forEach(k -> complaintId.accept(Attr.str(k, "id")));
    }

    private Map<String, AttributeValue> keys(String complaintId) {
        var keys = new java.util.HashMap<>(ComplaintItems.indexKeys(store.byId.get(complaintId).complaint()));
        keys.put("id", Attr.s(complaintId));
        return keys;
    }
}
