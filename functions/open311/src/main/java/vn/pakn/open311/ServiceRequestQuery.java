package vn.pakn.open311;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;

/**
 * Port: the complaints public lists may show, read from indexes and keys only, never by scanning
 * the table.
 */
public interface ServiceRequestQuery {

    /**
     * What a list keeps; an empty set means no restriction.
     *
     * @param excludedCategories never listed whatever the other filters say (categories kept out of
     *                           public lists, {@code publicFeed = false})
     */
    record Filter(Set<Status> statuses, Set<String> categories, Set<String> excludedCategories) {
        public Filter {
            statuses = Set.copyOf(statuses);
            categories = Set.copyOf(categories);
            excludedCategories = Set.copyOf(excludedCategories);
        }

        public boolean accepts(Complaint c) {
            return (statuses.isEmpty() || statuses.contains(c.status()))
                    && (categories.isEmpty() || categories.contains(c.categoryCode()))
                    && !excludedCategories.contains(c.categoryCode());
        }
    }

    /** Complaints received between {@code from} and {@code to} (both included) that pass the filter, newest first. */
    List<Complaint> received(Instant from, Instant to, Filter filter, int limit);

    /** The complaints with these ids, in the order asked; unknown ids are left out. */
    List<Complaint> byIds(List<String> ids);

    /** @param trackingCode canonical form */
    Optional<String> idForTrackingCode(String trackingCode);
}
