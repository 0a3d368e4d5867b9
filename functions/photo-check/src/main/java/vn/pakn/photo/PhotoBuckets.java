package vn.pakn.photo;

import java.util.Optional;

/** Port: the uploads bucket an event names, and the photos bucket the check writes to. */
public interface PhotoBuckets {
    /** At most {@code limit} bytes of the object (reading stops there); empty when it no longer exists. */
    Optional<byte[]> readUpload(UploadedObject object, int limit);

    /** Copies the upload to the photos bucket as an opaque blob; false when it no longer exists. */
    boolean copyToQuarantine(UploadedObject object, String photoKey);

    void deleteUpload(UploadedObject object);

    void putPhoto(String photoKey, byte[] bytes, String contentType);
}
