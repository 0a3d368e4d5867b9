package vn.pakn.photo;

import vn.pakn.domain.intake.PhotoKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.intake.Upload;
import vn.pakn.domain.intake.UploadPolicy;

/**
 * Checks each uploaded object: accepted images get their original, a location-free public copy
 * and a thumbnail in the photos bucket; everything else is moved to quarantine. The outcome goes
 * on the upload item and, once a submission has claimed the upload, on the complaint.
 *
 * <p>S3 events arrive at least once, so every step is safe to repeat: side effects come before
 * the outcome is recorded and write the same keys again on a retry, and once an outcome is
 * recorded the object is never looked at again (a later overwrite through a still-valid
 * presigned URL cannot swap a checked photo either).
 */
public final class PhotoCheck {
    private final PhotoBuckets buckets;
    private final CheckLedger ledger;
    private final PhotoInspector inspector;
    private final Clock clock;

    public PhotoCheck(PhotoBuckets buckets, CheckLedger ledger, PhotoInspector inspector, Clock clock) {
        this.buckets = buckets;
        this.ledger = ledger;
        this.inspector = inspector;
        this.clock = clock;
    }

    /**
     * Checks every object even when some fail.
     *
     * @return the upload ids whose check failed and should be retried
     */
    public List<String> checkAll(List<UploadedObject> objects) {
        List<String> failed = new ArrayList<>();
        for (UploadedObject object : objects) {
            String uploadId = Upload.uploadIdFromKey(object.key());
            try {
                check(object);
            } catch (RuntimeException e) {
                Log.error("photo.check-failed", e, "uploadId", uploadId);
                failed.add(uploadId);
            }
        }
        return failed;
    }

    public void check(UploadedObject object) {
        String uploadId = Upload.uploadIdFromKey(object.key());
        if (uploadId == null) {
            Log.info("photo.key-ignored", "bucket", object.bucket(), "key", object.key());
            return;
        }
        Optional<CheckedUpload> found = ledger.find(uploadId);
        if (found.isEmpty()) {
            quarantineUnknown(object, uploadId);
            return;
        }
        CheckedUpload current = found.get();
        if (current.outcome() != null) {
            // A redelivery, or a crash after recording: only the complaint update may be missing.
            Log.info("photo.already-checked", "uploadId", uploadId, "status", current.outcome().status().name());
            applyToComplaint(uploadId, current);
            return;
        }
        Optional<byte[]> read = buckets.readUpload(object, (int) UploadPolicy.MAX_BYTES + 1);
        if (read.isEmpty()) {
            // Unchecked and gone: deleted by someone else; there is nothing left to judge.
            Log.warn("photo.upload-missing", "uploadId", uploadId);
            return;
        }
        byte[] bytes = read.get();
        Upload upload = current.upload();
        Verdict verdict = inspector.inspect(bytes, upload.type(), upload.contentLength());
        Instant now = clock.instant();
        CheckOutcome outcome;
        if (verdict instanceof Verdict.Accepted accepted) {
            outcome = storeAccepted(uploadId, bytes, accepted, now);
        } else {
            Verdict.Rejected rejected = (Verdict.Rejected) verdict;
            outcome = CheckOutcome.quarantined(rejected.reason(), now);
            // Copied before the outcome is recorded and deleted after, so a crash in between
            // leaves either a retry that redoes both or, at worst, an unpublishable leftover
            // that the uploads bucket's lifecycle removes.
            buckets.copyToQuarantine(object, PhotoKeys.quarantine(uploadId));
        }
        Optional<CheckedUpload> recorded = ledger.record(uploadId, outcome);
        if (outcome.status() == PhotoStatus.QUARANTINED) {
            buckets.deleteUpload(object);
        }
        if (recorded.isEmpty()) {
            Log.warn("photo.upload-item-gone", "uploadId", uploadId);
            return;
        }
        CheckOutcome standing = recorded.get().outcome();
        if (!standing.equals(outcome)) {
            Log.warn("photo.outcome-already-recorded", "uploadId", uploadId, "status", standing.status().name(),
                    "ours", outcome.status().name());
        }
        Log.info("photo.checked", "uploadId", uploadId, "status", outcome.status().name(),
                "reason", outcome.reason(), "type", upload.type().name(), "bytes", bytes.length,
                "detail", verdict instanceof Verdict.Rejected r ? r.detail() : null,
                "thumbnail", outcome.thumbnailKey() != null, "publicCopy", outcome.publicKey() != null);
        applyToComplaint(uploadId, recorded.get());
    }

    private CheckOutcome storeAccepted(String uploadId, byte[] original, Verdict.Accepted accepted, Instant now) {
        String contentType = accepted.type().contentType();
        String originalKey = PhotoKeys.original(uploadId, accepted.type());
        buckets.putPhoto(originalKey, original, contentType);
        String publicKey = null;
        if (accepted.publicCopy() != null) {
            publicKey = PhotoKeys.publicCopy(uploadId, accepted.type());
            buckets.putPhoto(publicKey, accepted.publicCopy(), contentType);
        }
        String thumbnailKey = null;
        if (accepted.thumbnail() != null) {
            thumbnailKey = PhotoKeys.thumbnail(uploadId);
            buckets.putPhoto(thumbnailKey, accepted.thumbnail(), "image/jpeg");
        }
        return new CheckOutcome(PhotoStatus.ACCEPTED, null, originalKey, publicKey, accepted.noPublicCopyReason(),
                thumbnailKey, now);
    }

    private void quarantineUnknown(UploadedObject object, String uploadId) {
        // No slot was issued for this id: nothing the API handed out, so nothing to record.
        boolean copied = buckets.copyToQuarantine(object, PhotoKeys.quarantine(uploadId));
        if (copied) {
            buckets.deleteUpload(object);
        }
        Log.warn("photo.unknown-upload-quarantined", "uploadId", uploadId, "moved", copied);
    }

    private void applyToComplaint(String uploadId, CheckedUpload checked) {
        String complaintId = checked.upload().complaintId();
        if (complaintId == null) {
            return;
        }
        if (!ledger.applyToComplaint(complaintId, uploadId, checked.outcome())) {
            Log.warn("photo.complaint-has-no-such-photo", "uploadId", uploadId, "complaintId", complaintId);
        }
    }
}
