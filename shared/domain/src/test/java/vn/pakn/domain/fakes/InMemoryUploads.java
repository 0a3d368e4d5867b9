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

    private final Map<String, String> claimedOnNextFind = new ConcurrentHashMap<>();

    @Override
    public Optional<Upload> find(String uploadId) {
        Optional<Upload> seen = Optional.ofNullable(byId.get(uploadId));
        String claimant = claimedOnNextFind.remove(uploadId);
        if (claimant != null) {
            Upload u = byId.get(uploadId);
            byId.put(uploadId, new Upload(u.id(), u.objectKey(), u.type(), u.contentLength(), u.createdAt(),
                    u.urlExpiresAt(), u.status(), claimant, u.reason()));
        }
        return seen;
    }

    /** The upload is read as it is, then claimed by {@code complaintId}: another submission won the race. */
    public void claimOnNextFind(String uploadId, String complaintId) {
        claimedOnNextFind.put(uploadId, complaintId);
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
