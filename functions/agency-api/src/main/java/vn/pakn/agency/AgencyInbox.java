package vn.pakn.agency;

import java.time.Instant;
import java.util.List;
import vn.pakn.domain.complaint.Status;

/**
 * Port: one shelf of an agency's inbox, read in deadline order from an index, never by scanning.
 * A shelf is a partition: the agency's complaints in one status, or its overdue ones.
 */
public interface AgencyInbox {

    /**
     * Up to {@code limit} entries of the shelf whose sort key is after {@code after} (null: from
     * the start), in sort-key order.
     */
    Slice read(String agencyId, Shelf shelf, String after, int limit);

    /** Which partition to read. */
    sealed interface Shelf {
        record InStatus(Status status) implements Shelf {
        }

        /** Open complaints past a deadline, whatever their status. */
        record Overdue() implements Shelf {
        }
    }

    /**
     * @param more true when the shelf may hold entries beyond the last one returned (the read hit
     *             its limit or a page boundary); false means the shelf is exhausted
     */
    record Slice(List<InboxEntry> entries, boolean more) {
        public Slice {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One line of the inbox.
     *
     * @param sortKey the entry's position in its shelf (resolve deadline, then id): unique, and
     *                the same order in every shelf, so shelves merge into one list
     */
    record InboxEntry(String id, String trackingCode, Status status, String category, String area,
                      Instant dueAt, Instant acknowledgeBy, boolean overdue, Instant receivedAt, String sortKey) {
    }
}
