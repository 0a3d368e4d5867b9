package vn.pakn.agency;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.domain.reference.ReferenceData;

/**
 * Wires the agency service to its AWS adapters from the function's environment. The presigner is
 * built on first need (a complaint's photo links, a transfer's message), not at init;
 * {@link AgencyApiPriming} presigns a link before a SnapStart snapshot.
 */
@Factory
public class AgencyApiFactory {

    @Singleton
    ReferenceData referenceData(DynamoDbClient dynamo, FunctionEnvironment env) {
        // Cached for a short while: an agency disabled a moment ago may still take a transfer until it expires.
        return new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), Clock.systemUTC());
    }

    @Singleton
    AssignmentMessages assignmentMessages(BeanProvider<S3Presigner> presigner, FunctionEnvironment env) {
        return new AssignmentMessages(presigner::get, env.require("PHOTOS_BUCKET"), Clock.systemUTC());
    }

    @Singleton
    PhotoLinks photoLinks(AssignmentMessages assignments) {
        return assignments::photos;
    }

    @Singleton
    AgencyService agencyService(ReferenceData reference, DynamoDbClient dynamo, AssignmentMessages assignments,
                                FunctionEnvironment env) {
        String table = env.require("COMPLAINTS_TABLE");
        return new AgencyService(new DynamoComplaintStore(dynamo, table, assignments),
                new DynamoAgencyInbox(dynamo, table), reference, Clock.systemUTC());
    }
}
