package vn.pakn.aws.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.domain.intake.StoredObject;
import vn.pakn.domain.intake.UploadStorage;

/**
 * The uploads bucket. The SDK has no presigned POST, so uploads use a presigned PUT with the
 * content type and length signed: a client cannot send a different type or size with it.
 */
public final class S3UploadStorage implements UploadStorage {
    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;

    public S3UploadStorage(S3Client s3, S3Presigner presigner, String bucket) {
        this(() -> s3, () -> presigner, bucket);
    }

    /**
     * With clients asked for on first need: building them costs a cold start hundreds of
     * milliseconds, which a function whose requests seldom touch S3 should not pay at init.
     */
    public S3UploadStorage(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public URI presignPut(String objectKey, String contentType, long contentLength, Duration ttl) {
        var presigned = presigner.get().presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(r -> r.bucket(bucket).key(objectKey)
                        .contentType(contentType).contentLength(contentLength)));
        return URI.create(presigned.url().toString());
    }

    @Override
    public Optional<StoredObject> head(String objectKey) {
        try {
            var head = s3.get().headObject(b -> b.bucket(bucket).key(objectKey));
            return Optional.of(new StoredObject(head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
