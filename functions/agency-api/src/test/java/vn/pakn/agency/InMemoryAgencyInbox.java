package vn.pakn.agency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.fakes.InMemoryComplaintStore;

/**
 * The inbox indexes over an in-memory store, with the very index keys the DynamoDB items carry
 * ({@link ComplaintItems#indexKeys}), so shelf membership and order are the real ones.
 */
final class InMemoryAgencyInbox implements AgencyInbox {
    private final InMemoryComplaintStore store;
    /** Below the requested limit, this imitates DynamoDB cutting a page at 1 MB. */
    int maxPerRead = Integer.MAX_VALUE;
    int reads;

    InMemoryAgencyInbox(InMemoryComplaintStore store) {
        this.store = store;
    }

    @Override
    public Slice read(String agencyId, Shelf shelf, String after, int limit) {
        reads++;
        String pkName = shelf instanceof Shelf.InStatus ? ComplaintKeys.GSI2_PK : ComplaintKeys.GSI4_PK;
        String skName = shelf instanceof Shelf.InStatus ? ComplaintKeys.GSI2_SK : ComplaintKeys.GSI4_SK;
        String partition = shelf instanceof Shelf.InStatus s
                ? ComplaintKeys.agencyInbox(agencyId, s.status().name()) : ComplaintKeys.overdueInbox(agencyId);
        List<InboxEntry> matching = new ArrayList<>();
        for (var history : store.byId.values()) {
            Complaint c = history.complaint();
            Map<String, AttributeValue> keys = ComplaintItems.indexKeys(c);
            if (keys.containsKey(pkName) && keys.get(pkName).s().equals(partition)) {
                String sk = keys.get(skName).s();
                if (after == null || sk.compareTo(after) > 0) {
                    matching.add(new InboxEntry(c.id(), c.trackingCode(), c.status(), c.categoryCode(), c.areaCode(),
                            c.handling().resolveBy(), c.handling().acknowledgeBy(), c.handling().overdue(),
                            c.receivedAt(), sk));
                }
            }
        }
        matching.sort(Comparator.comparing(InboxEntry::sortKey));
        int n = Math.min(Math.min(limit, maxPerRead), matching.size());
        return new Slice(matching.subList(0, n), matching.size() > n);
    }
}
