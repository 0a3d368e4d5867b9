package vn.pakn.opendata;

import java.util.function.Consumer;
import vn.pakn.domain.complaint.Complaint;

/**
 * Port: every complaint's current state, for the daily row-level file. Implementations read only
 * what open data may show: the reporter, the tracking code and the secret hash come back null.
 */
public interface ComplaintSource {
    /** Calls {@code complaint} once per complaint, in no particular order, from one thread at a time. */
    void forEach(Consumer<Complaint> complaint);
}
