package vn.pakn.photo;

import java.time.Instant;
import vn.pakn.domain.complaint.PhotoStatus;

/**
 * What the photo check recorded for one upload.
 *
 * @param reason             the quarantine reason code, else null
 * @param originalKey        photos-bucket key of the bytes as uploaded (location included), else null
 * @param publicKey          photos-bucket key of the location-free copy, the only one that may be published
 * @param noPublicCopyReason why an accepted photo has no public copy, else null
 * @param thumbnailKey       null for formats the JDK cannot decode
 */
public record CheckOutcome(PhotoStatus status, String reason, String originalKey, String publicKey,
                           String noPublicCopyReason, String thumbnailKey, Instant checkedAt) {

    public static CheckOutcome quarantined(QuarantineReason reason, Instant checkedAt) {
        return new CheckOutcome(PhotoStatus.QUARANTINED, reason.code(), null, null, null, null, checkedAt);
    }
}
