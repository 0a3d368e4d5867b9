package vn.pakn.deadline;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Port: the complaints the watch may have to act on, found through an index (never a scan).
 * Candidates only: the index may lag behind the table, so each one is re-read and re-decided.
 */
public interface DeadlineIndex {
    /** Complaints still open and not yet overdue whose next deadline is before {@code now}. */
    void forEachDueBefore(Instant now, Consumer<String> complaintId);

    /** RESOLVED complaints resolved before {@code cutoff}, still waiting for the citizen's answer. */
    void forEachResolvedBefore(Instant cutoff, Consumer<String> complaintId);
}
