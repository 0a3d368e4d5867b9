package vn.pakn.photo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Both buckets in memory, recording every write so tests can count side effects. */
final class InMemoryPhotoBuckets implements PhotoBuckets {
    record StoredPhoto(byte[] bytes, String contentType) {
    }

    final Map<String, byte[]> uploads = new LinkedHashMap<>();
    final Map<String, StoredPhoto> photos = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();
    /** Object keys whose read fails, as a network error would. */
    final Set<String> failingReads = new HashSet<>();

    void upload(UploadedObject object, byte[] bytes) {
        uploads.put(object.bucket() + "/" + object.key(), bytes);
    }

    boolean hasUpload(UploadedObject object) {
        return uploads.containsKey(object.bucket() + "/" + object.key());
    }

    @Override
    public Optional<byte[]> readUpload(UploadedObject object, int limit) {
        if (failingReads.contains(object.key())) {
            throw new IllegalStateException("connection reset");
        }
        byte[] bytes = uploads.get(object.bucket() + "/" + object.key());
        return bytes == null ? Optional.empty() : Optional.of(Arrays.copyOf(bytes, Math.min(limit, bytes.length)));
    }

    @Override
    public boolean copyToQuarantine(UploadedObject object, String photoKey) {
        byte[] bytes = uploads.get(object.bucket() + "/" + object.key());
        if (bytes == null) {
            return false;
        }
        writes.add("copy " + photoKey);
        photos.put(photoKey, new StoredPhoto(bytes, S3PhotoBuckets.QUARANTINE_CONTENT_TYPE));
        return true;
    }

    @Override
    public void deleteUpload(UploadedObject object) {
        writes.add("delete " + object.key());
        uploads.remove(object.bucket() + "/" + object.key());
    }

    @Override
    public void putPhoto(String photoKey, byte[] bytes, String contentType) {
        writes.add("put " + photoKey);
        photos.put(photoKey, new StoredPhoto(bytes, contentType));
    }
}
