package vn.pakn.citizen;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoComplaintStore;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.aws.dynamo.DynamoUploadRepository;
import vn.pakn.aws.s3.S3UploadStorage;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.reference.ReferenceData;

/**
 * Wires the intake domain and the citizen's lifecycle actions to their AWS adapters from the
 * function's environment. The S3 client and presigner are built on first need (an upload slot, a
 * submission with photos, a reopening): most requests never touch S3, and building them at init
 * cost a cold start 90-210 ms. {@link CitizenApiPriming} builds them before a SnapStart snapshot.
 */
@Factory
public class CitizenApiFactory {

    @Singleton
    ReferenceData referenceData(DynamoDbClient dynamo, FunctionEnvironment env) {
        return new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), Clock.systemUTC());
    }

    @Singleton
    IntakeService intakeService(ReferenceData reference, DynamoDbClient dynamo, BeanProvider<S3Client> s3,
                                BeanProvider<S3Presigner> presigner, FunctionEnvironment env) {
        String table = env.require("COMPLAINTS_TABLE");
        return new IntakeService(reference,
                new DynamoComplaintRepository(dynamo, table),
                new DynamoUploadRepository(dynamo, table),
                new S3UploadStorage(s3::get, presigner::get, env.require("UPLOADS_BUCKET")),
                Clock.systemUTC(),
                Duration.ofSeconds(env.intValue("UPLOAD_URL_TTL_SECONDS", 900)));
    }

    /** A reopened complaint goes back to its agency's queue, with photo links: hence the photos bucket. */
    @Singleton
    CitizenActions citizenActions(ReferenceData reference, DynamoDbClient dynamo, BeanProvider<S3Presigner> presigner,
                                  FunctionEnvironment env) {
        String table = env.require("COMPLAINTS_TABLE");
        var assignments = new AssignmentMessages(presigner::get, env.require("PHOTOS_BUCKET"), Clock.systemUTC());
        return new CitizenActions(new DynamoComplaintRepository(dynamo, table),
                new DynamoComplaintStore(dynamo, table, assignments), reference, Clock.systemUTC());
    }
}
