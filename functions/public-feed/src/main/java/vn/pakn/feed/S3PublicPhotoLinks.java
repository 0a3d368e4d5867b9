package vn.pakn.feed;

import java.net.URISyntaxException;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.PhotoKeys;

/** Presigned GETs of {@code public/<uploadId>.<ext>}, the copy the photo check stripped of EXIF location. */
public final class S3PublicPhotoLinks implements PublicPhotoLinks {
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration ttl;

    public S3PublicPhotoLinks(S3Presigner presigner, String bucket, Duration ttl) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.ttl = ttl;
    }

    @Override
    public Link link(String uploadId, ImageType type) {
        var presigned = presigner.presignGetObject(g -> g.signatureDuration(ttl)
                .getObjectRequest(o -> o.bucket(bucket).key(PhotoKeys.publicCopy(uploadId, type))));
        try {
            return new Link(presigned.url().toURI(), presigned.expiration());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK presigned an invalid URL", e);
        }
    }
}
