package vn.pakn.feed;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import vn.pakn.domain.complaint.Complaint;

/**
 * Port: the feed's index, one partition per month of receipt, read newest first and never by
 * scanning. The complaints it returns carry no personal data (the index does not hold any).
 */
public interface FeedIndex {

    /**
     * Up to {@code limit} complaints received in {@code month}, newest first, after {@code position}
     * in that order (at a month's top: from its newest), received at or after {@code notBefore} and
     * before {@code until} (either null: unbounded).
     */
    Slice read(YearMonth month, FeedPosition position, Instant notBefore, Instant until, int limit);

    /**
     * @param more true when the month may hold more beyond the last complaint returned; false when
     *             it has nothing more within the bounds
     */
    record Slice(List<Complaint> complaints, boolean more) {
        public Slice {
            complaints = List.copyOf(complaints);
        }
    }
}
