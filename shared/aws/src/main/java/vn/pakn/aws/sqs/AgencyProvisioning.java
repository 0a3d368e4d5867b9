package vn.pakn.aws.sqs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.reference.Agency;

/**
 * Adding, enabling and disabling agencies. An enabled agency always has its queues: they are
 * created before the write that enables it, so routing never picks an agency whose assignments
 * would have nowhere to go. Disabling keeps the queues, because the agency must still work through
 * what it was given; routing passes it over from then on.
 */
public final class AgencyProvisioning {
    private final DynamoAgencies agencies;
    private final AgencyQueues queues;

    public AgencyProvisioning(DynamoAgencies agencies, AgencyQueues queues) {
        this.agencies = agencies;
        this.queues = queues;
    }

    /**
     * Creates or updates the agency; an enabled one gets its queues first.
     *
     * @return its queues, or empty for a disabled agency
     */
    public Optional<AgencyQueues.AgencyQueue> save(Agency agency) {
        if (!agency.enabled()) {
            agencies.save(agency, null);
            return Optional.empty();
        }
        AgencyQueues.AgencyQueue queue = queues.ensure(agency.id());
        agencies.save(agency, queue.location());
        Log.debug("agency.saved", "agencyId", agency.id(), "queue", queue.queueArn());
        return Optional.of(queue);
    }

    /** @throws DynamoAgencies.UnknownAgencyException when there is no such agency */
    public AgencyQueues.AgencyQueue enable(String agencyId) {
        if (agencies.find(agencyId).isEmpty()) {
            throw new DynamoAgencies.UnknownAgencyException(agencyId);
        }
        AgencyQueues.AgencyQueue queue = queues.ensure(agencyId);
        agencies.recordQueues(agencyId, queue.location());
        agencies.setEnabled(agencyId, true);
        Log.info("agency.enabled", "agencyId", agencyId);
        return queue;
    }

    /** @throws DynamoAgencies.UnknownAgencyException when there is no such agency */
    public Agency disable(String agencyId) {
        Agency agency = agencies.setEnabled(agencyId, false);
        Log.info("agency.disabled", "agencyId", agencyId);
        return agency;
    }

    /** Saves each agency as {@link #save} does; the queues of the enabled ones, in order. */
    public List<AgencyQueues.AgencyQueue> saveAll(Collection<Agency> all) {
        List<AgencyQueues.AgencyQueue> created = new ArrayList<>();
        for (Agency agency : all) {
            save(agency).ifPresent(created::add);
        }
        return created;
    }
}
