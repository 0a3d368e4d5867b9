package vn.pakn.admin;

import java.util.Optional;
import vn.pakn.domain.reference.Agency;

/**
 * Port: writing agencies, which also makes their queues. An enabled agency always has its queue
 * and dead-letter queue before it is written as enabled, so routing never picks an agency whose
 * assignments would have nowhere to go.
 */
public interface AgencyRegistry {

    /** Where an agency's assignments go. */
    record Queues(String queueUrl, String deadLetterQueueUrl) {
    }

    /** Creates or updates the agency; an enabled one gets its queues first. Empty for a disabled one. */
    Optional<Queues> save(Agency agency);

    /** Creates the queues if needed, then enables the (existing) agency. */
    Queues enable(String agencyId);

    /** Routing passes it over from now on; it keeps its queues to finish what it was given. */
    void disable(String agencyId);
}
