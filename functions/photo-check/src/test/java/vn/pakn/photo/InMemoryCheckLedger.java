package vn.pakn.photo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.intake.Upload;

/** Upload items and complaint photo entries with the same conditions as the DynamoDB ledger. */
final class InMemoryCheckLedger implements CheckLedger {
    final Map<String, CheckedUpload> uploads = new HashMap<>();
    /** complaint id -> upload id -> outcome copied there (null until the check reaches it). */
    final Map<String, Map<String, CheckOutcome>> complaintPhotos = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    int complaintUpdatesToFail;

    void addUpload(Upload upload) {
        uploads.put(upload.id(), new CheckedUpload(upload, null));
    }

    /** What a submission does: claims the upload, and lists it on the complaint as still pending. */
    void claim(String uploadId, String complaintId) {
        Upload u = uploads.get(uploadId).upload();
        uploads.put(uploadId, new CheckedUpload(new Upload(u.id(), u.objectKey(), u.type(), u.contentLength(),
                u.createdAt(), u.urlExpiresAt(), u.status(), complaintId, u.reason()), uploads.get(uploadId).outcome()));
        complaintPhotos.computeIfAbsent(complaintId, c -> new HashMap<>()).put(uploadId, null);
    }

    CheckOutcome outcome(String uploadId) {
        return uploads.get(uploadId).outcome();
    }

    @Override
    public Optional<CheckedUpload> find(String uploadId) {
        return Optional.ofNullable(uploads.get(uploadId));
    }

    @Override
    public Optional<CheckedUpload> record(String uploadId, CheckOutcome outcome) {
        CheckedUpload current = uploads.get(uploadId);
        if (current == null) {
            return Optional.empty();
        }
        if (current.upload().status() != PhotoStatus.PENDING) {
            return Optional.of(current);
        }
        writes.add("record " + uploadId);
        Upload u = current.upload();
        CheckedUpload updated = new CheckedUpload(new Upload(u.id(), u.objectKey(), u.type(), u.contentLength(),
                u.createdAt(), u.urlExpiresAt(), outcome.status(), u.complaintId(), outcome.reason()), outcome);
        uploads.put(uploadId, updated);
        return Optional.of(updated);
    }

    @Override
    public boolean applyToComplaint(String complaintId, String uploadId, CheckOutcome outcome) {
        if (complaintUpdatesToFail > 0) {
            complaintUpdatesToFail--;
            throw new IllegalStateException("throttled");
        }
        Map<String, CheckOutcome> photos = complaintPhotos.get(complaintId);
        if (photos == null || !photos.containsKey(uploadId)) {
            return false;
        }
        writes.add("complaint " + complaintId + " " + uploadId);
        photos.put(uploadId, outcome);
        return true;
    }
}
