package vn.pakn.feed;

import java.util.Optional;
import vn.pakn.domain.intake.ComplaintHistory;

/** Port: one complaint with its events, read consistently by id. */
@FunctionalInterface
public interface ComplaintReader {
    Optional<ComplaintHistory> findById(String complaintId);
}
