package vn.pakn.domain.fakes;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.pakn.domain.intake.StoredObject;
import vn.pakn.domain.intake.Upload;
import vn.pakn.domain.intake.UploadRepository;
import vn.pakn.domain.intake.UploadStorage;

/** Upload slots and the bucket behind them. */
public final class InMemoryUploads implements UploadRepository, UploadStorage {
    public final Map<String, Upload> byId = new ConcurrentHashMap<>();
    public final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

    @Override
    public void create(Upload upload) {
        if (byId.putIfAbsent(upload.id(), upload) != null) {
            throw new IllegalStateException("upload exists");
        }
    }

    @Override
    public Optional<Upload> find(String uploadId) {
        return Optional.ofNullable(byId.get(uploadId));
    }

    @Override
    public URI presignPut(String objectKey, String contentType, long contentLength, Duration ttl) {
        return URI.create("https://uploads.example/" + objectKey + "?type=" + contentType.replace('/', '_')
                + "&length=" + contentLength + "&ttl=" + ttl.toSeconds());
    }

    @Override
    public Optional<StoredObject> head(String objectKey) {
        return Optional.ofNullable(objects.get(objectKey));
    }

    /** What a client's PUT would do. */
    public void put(String uploadId, long size, String contentType) {
        objects.put(byId.get(uploadId).objectKey(), new StoredObject(size, contentType));
    }
}
