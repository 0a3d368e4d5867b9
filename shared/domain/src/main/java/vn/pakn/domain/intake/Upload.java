package vn.pakn.domain.intake;

import java.time.Instant;
import vn.pakn.domain.complaint.PhotoStatus;

/**
 * An upload slot handed to a client, and what became of it.
 *
 * @param objectKey     server-chosen key; the client never names objects
 * @param complaintId   set once a submission claims it; an upload belongs to one complaint only
 * @param reason        why the photo check quarantined it, else null
 */
public record Upload(String id, String objectKey, ImageType type, long contentLength, Instant createdAt,
                     Instant urlExpiresAt, PhotoStatus status, String complaintId, String reason) {

    public static String objectKeyFor(String uploadId) {
        return "incoming/" + uploadId;
    }

    /** The upload id from an object key the photo check sees, or null when the key is not an upload. */
    public static String uploadIdFromKey(String objectKey) {
        return objectKey != null && objectKey.startsWith("incoming/") && objectKey.length() > "incoming/".length()
                && objectKey.indexOf('/', "incoming/".length()) < 0
                ? objectKey.substring("incoming/".length()) : null;
    }
}
