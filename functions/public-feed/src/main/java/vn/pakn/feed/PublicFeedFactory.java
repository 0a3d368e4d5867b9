package vn.pakn.feed;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoReferenceData;
import vn.pakn.domain.reference.ReferenceData;

/** Wires the feed to its AWS adapters from the function's environment. */
@Factory
public class PublicFeedFactory {

    @Singleton
    ReferenceData referenceData(DynamoDbClient dynamo, FunctionEnvironment env, Clock clock) {
        // Cached for a short while: a category taken out of the feed disappears within this time.
        return new DynamoReferenceData(dynamo, env.require("REFERENCE_TABLE"),
                Duration.ofSeconds(env.intValue("REFERENCE_CACHE_SECONDS", 60)), clock);
    }

    @Singleton
    PublicPhotoLinks photoLinks(S3Presigner presigner, FunctionEnvironment env) {
        int ttl = env.intValue("PHOTO_URL_TTL_SECONDS", 600);
        if (ttl < 2 * PublicFeedApi.MAX_AGE_SECONDS) {
            throw new IllegalStateException("PHOTO_URL_TTL_SECONDS must outlast cached answers (max-age "
                    + PublicFeedApi.MAX_AGE_SECONDS + " s) by far");
        }
        return new S3PublicPhotoLinks(presigner, env.require("PHOTOS_BUCKET"), Duration.ofSeconds(ttl));
    }

    @Singleton
    PublicFeedService publicFeedService(DynamoDbClient dynamo, ReferenceData reference, FunctionEnvironment env,
                                        Clock clock) {
        String table = env.require("COMPLAINTS_TABLE");
        String first = env.require("FEED_FIRST_MONTH");
        YearMonth firstMonth;
        try {
            firstMonth = YearMonth.parse(first);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("FEED_FIRST_MONTH must be yyyy-MM, not " + first, e);
        }
        DynamoComplaintRepository complaints = new DynamoComplaintRepository(dynamo, table);
        return new PublicFeedService(new DynamoFeedIndex(dynamo, table), complaints::findById, reference, clock,
                firstMonth);
    }
}
