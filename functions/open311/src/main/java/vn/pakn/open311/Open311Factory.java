package vn.pakn.open311;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.intake.StoredObject;
import vn.pakn.domain.intake.Upload;
import vn.pakn.domain.intake.UploadRepository;
import vn.pakn.domain.intake.UploadStorage;
import vn.pakn.domain.reference.ReferenceData;

/** Wires the Open311 API to the intake domain and the complaints table from the function's environment. */
@Factory
public class Open311Factory {

    @Singleton
    ReferenceData referenceData(DynamoDbClient dynamo, FunctionEnvironment env) {
        return new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), Clock.systemUTC());
    }

    /**
     * The citizens' intake, minus photo uploads: Open311 clients send links to photos they host
     * ({@code media_url}), never pakn upload ids, so this function needs no access to the uploads.
     */
    @Singleton
    IntakeService intakeService(ReferenceData reference, DynamoDbClient dynamo, FunctionEnvironment env) {
        return new IntakeService(reference, new DynamoComplaintRepository(dynamo, env.require("COMPLAINTS_TABLE")),
                NO_UPLOADS, NO_UPLOADS, Clock.systemUTC(), Duration.ZERO);
    }

    @Singleton
    ServiceRequestQuery serviceRequestQuery(DynamoDbClient dynamo, FunctionEnvironment env) {
        return new DynamoServiceRequestQuery(dynamo, env.require("COMPLAINTS_TABLE"));
    }

    @Singleton
    ApiKeys apiKeys(FunctionEnvironment env) {
        return ApiKeys.parse(env.get("OPEN311_API_KEYS").orElse(""));
    }

    @Singleton
    Open311Api.Settings settings(FunctionEnvironment env) {
        return new Open311Api.Settings(env.require("OPEN311_CHANGESET"), env.require("OPEN311_CONTACT"),
                env.require("OPEN311_KEY_SERVICE"), env.get("OPEN311_ENDPOINT_TYPE").orElse("production"));
    }

    private static final NoUploads NO_UPLOADS = new NoUploads();

    /** Upload ports for a channel that has no uploads; reaching one is a bug, not a client error. */
    private static final class NoUploads implements UploadRepository, UploadStorage {
        @Override
        public void create(Upload upload) {
            throw new IllegalStateException("Open311 takes no pakn uploads");
        }

        @Override
        public Optional<Upload> find(String uploadId) {
            throw new IllegalStateException("Open311 takes no pakn uploads");
        }

        @Override
        public URI presignPut(String objectKey, String contentType, long contentLength, Duration ttl) {
            throw new IllegalStateException("Open311 takes no pakn uploads");
        }

        @Override
        public Optional<StoredObject> head(String objectKey) {
            throw new IllegalStateException("Open311 takes no pakn uploads");
        }
    }
}
