package vn.pakn.domain.intake;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Port: the bucket citizens upload photos into. */
public interface UploadStorage {
    /** A URL that accepts exactly one PUT of this type and length until it expires. */
    URI presignPut(String objectKey, String contentType, long contentLength, Duration ttl);

    Optional<StoredObject> head(String objectKey);
}
