package vn.pakn.photo;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import vn.pakn.aws.FunctionEnvironment;

/** Wires the photo check to the function's table and buckets. */
@Factory
public class PhotoCheckFactory {

    @Singleton
    PhotoCheck photoCheck(DynamoDbClient dynamo, S3Client s3, FunctionEnvironment environment) {
        return new PhotoCheck(
                new S3PhotoBuckets(s3, environment.require("PHOTOS_BUCKET")),
                new DynamoCheckLedger(dynamo, environment.require("COMPLAINTS_TABLE")),
                new PhotoInspector(),
                Clock.systemUTC());
    }
}
