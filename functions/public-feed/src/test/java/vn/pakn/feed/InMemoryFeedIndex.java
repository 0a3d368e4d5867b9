package vn.pakn.feed;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.fakes.InMemoryComplaintStore;

/**
 * The feed index over the in-memory store, ordered by the real sort key. Unlike the real index it
 * returns whole complaints, reporter and all: what the feed shows must not depend on the index
 * having left personal data out.
 */
final class InMemoryFeedIndex implements FeedIndex {
    private final InMemoryComplaintStore store;
    int queries;
    int itemsRead;

    InMemoryFeedIndex(InMemoryComplaintStore store) {
        this.store = store;
    }

    @Override
    public Slice read(YearMonth month, FeedPosition position, Instant notBefore, Instant until, int limit) {
        queries++;
        String below = position == null || position.atTop() ? null
                : ComplaintKeys.feedSortKey(position.receivedAt(), position.id());
        String end = until == null ? null : ComplaintKeys.feedInstant(until);
        String from = notBefore == null ? null : ComplaintKeys.feedInstant(notBefore);
        List<Complaint> matching = store.byId.values().stream().map(h -> h.complaint())
                .filter(c -> ComplaintKeys.feedMonth(c.receivedAt()).equals(ComplaintKeys.feedMonth(month)))
                .filter(c -> below == null || key(c).compareTo(below) < 0)
                .filter(c -> end == null || key(c).compareTo(end) < 0)
                .filter(c -> from == null || key(c).compareTo(from) >= 0)
                .sorted(Comparator.comparing(InMemoryFeedIndex::key).reversed())
                .toList();
        List<Complaint> slice = matching.subList(0, Math.min(limit, matching.size()));
        itemsRead += slice.size();
        return new Slice(slice, matching.size() > slice.size());
    }

    private static String key(Complaint c) {
        return ComplaintKeys.feedSortKey(c.receivedAt(), c.id());
    }
}
