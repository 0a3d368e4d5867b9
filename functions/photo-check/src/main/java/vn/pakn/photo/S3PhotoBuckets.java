package vn.pakn.photo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The uploads bucket (named by each event) and the photos bucket (named by the function's environment). */
public final class S3PhotoBuckets implements PhotoBuckets {
    /** Quarantined bytes are not an image whatever the uploader declared; nothing should render them. */
    static final String QUARANTINE_CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final String photosBucket;

    public S3PhotoBuckets(S3Client s3, String photosBucket) {
        this.s3 = s3;
        this.photosBucket = photosBucket;
    }

    @Override
    public Optional<byte[]> readUpload(UploadedObject object, int limit) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(object.bucket()).key(object.key()))) {
            byte[] bytes = in.readNBytes(limit);
            if (bytes.length == limit) {
                // More may follow; abort instead of draining an oversized body.
                in.abort();
            }
            return Optional.of(bytes);
        } catch (S3Exception e) {
            if (isMissingKey(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean copyToQuarantine(UploadedObject object, String photoKey) {
        try {
            s3.copyObject(b -> b.sourceBucket(object.bucket()).sourceKey(object.key())
                    .destinationBucket(photosBucket).destinationKey(photoKey)
                    .metadataDirective(MetadataDirective.REPLACE)
                    .contentType(QUARANTINE_CONTENT_TYPE));
            return true;
        } catch (S3Exception e) {
            if (isMissingKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Only a missing key means the object is gone: a missing bucket is a deployment error. On AWS
     * a missing key reads as 404 only with s3:ListBucket on the bucket, else as 403 (a failure).
     */
    private static boolean isMissingKey(S3Exception e) {
        return e instanceof NoSuchKeyException
                || (e.awsErrorDetails() != null && "NoSuchKey".equals(e.awsErrorDetails().errorCode()));
    }

    @Override
    public void deleteUpload(UploadedObject object) {
        s3.deleteObject(b -> b.bucket(object.bucket()).key(object.key()));
    }

    @Override
    public void putPhoto(String photoKey, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(photosBucket).key(photoKey).contentType(contentType), RequestBody.fromBytes(bytes));
    }
}
