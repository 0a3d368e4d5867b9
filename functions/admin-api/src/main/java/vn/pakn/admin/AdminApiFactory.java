package vn.pakn.admin;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceAdmin;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;
import vn.pakn.domain.reference.ReferenceAdminStore;

/**
 * Wires the admin service to the tables, the agency queues and the photos bucket (a re-routed
 * complaint's assignment message carries presigned photo links). No reference data cache here:
 * every request reads the reference table afresh. The SQS client (for a new agency's queues) and
 * the presigner (for a re-routed complaint) are built on first need, not at init: most admin
 * requests use neither; {@link AdminApiPriming} builds them before a SnapStart snapshot.
 */
@Factory
public class AdminApiFactory {
    /**
     * Re-routing stops after this long and reports what remains, so the answer arrives within API
     * Gateway's 30-second limit; repeating the request continues where it stopped.
     */
    static final Duration REROUTE_BUDGET = Duration.ofSeconds(20);

    @Singleton
    ReferenceAdminStore referenceAdminStore(DynamoDbClient dynamo, FunctionEnvironment env) {
        return new DynamoReferenceAdmin(dynamo, env.require("REFERENCE_TABLE"));
    }

    @Singleton
    AgencyQueues agencyQueues(BeanProvider<SqsClient> sqs, FunctionEnvironment env) {
        return AgencyQueues.fromEnvironment(sqs::get, env);
    }

    @Singleton
    AgencyProvisioning agencyProvisioning(DynamoDbClient dynamo, AgencyQueues queues, FunctionEnvironment env) {
        return new AgencyProvisioning(new DynamoAgencies(dynamo, env.require("REFERENCE_TABLE")), queues);
    }

    @Singleton
    BoundaryRerouting boundaryRerouting(DynamoDbClient dynamo, BeanProvider<S3Presigner> presigner,
                                        FunctionEnvironment env, Clock clock) {
        String table = env.require("COMPLAINTS_TABLE");
        var assignments = new AssignmentMessages(presigner::get, env.require("PHOTOS_BUCKET"), clock);
        return new BoundaryRerouting(new DynamoComplaintStore(dynamo, table, assignments),
                new DynamoOpenComplaints(dynamo, table), clock, REROUTE_BUDGET);
    }

    @Singleton
    AdminService adminService(ReferenceAdminStore store, AgencyProvisioning provisioning, BoundaryRerouting rerouting) {
        return new AdminService(store, new ProvisionedAgencies(provisioning), rerouting);
    }

    @Singleton
    ProvinceImport provinceImport(ReferenceAdminStore store, DynamoDbClient dynamo, AgencyQueues queues,
                                  AgencyProvisioning provisioning, BoundaryRerouting rerouting,
                                  FunctionEnvironment env) {
        return new ProvinceImport(store, new ReferenceImporter(dynamo, env.require("REFERENCE_TABLE")), queues,
                provisioning, rerouting);
    }

    /** Built eagerly, so the clients exist before the first request. */
    @Context
    AdminApi adminApi(AdminService service, ProvinceImport provinceImport) {
        return new AdminApi(service, provinceImport);
    }
}
