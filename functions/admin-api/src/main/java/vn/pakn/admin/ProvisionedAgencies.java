package vn.pakn.admin;

import java.util.Optional;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;
import vn.pakn.domain.reference.Agency;

/** Agencies written through {@link AgencyProvisioning}: SQS queues first, then the reference table. */
final class ProvisionedAgencies implements AgencyRegistry {
    private final AgencyProvisioning provisioning;

    ProvisionedAgencies(AgencyProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public Optional<Queues> save(Agency agency) {
        return provisioning.save(agency).map(ProvisionedAgencies::queues);
    }

    @Override
    public Queues enable(String agencyId) {
        return queues(provisioning.enable(agencyId));
    }

    @Override
    public void disable(String agencyId) {
        provisioning.disable(agencyId);
    }

    private static Queues queues(AgencyQueues.AgencyQueue q) {
        return new Queues(q.queueUrl(), q.deadLetterQueueUrl());
    }
}
