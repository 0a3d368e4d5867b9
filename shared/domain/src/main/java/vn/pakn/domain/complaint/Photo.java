package vn.pakn.domain.complaint;

import vn.pakn.domain.intake.ImageType;

/**
 * A photo attached to a complaint, identified by its upload id.
 *
 * @param reason      why it was quarantined, else null
 * @param publishable the agency in charge chose to show it in the public feed; false until it does,
 *                    because a citizen's photo may show faces, number plates or the inside of a home
 */
public record Photo(String uploadId, String contentType, PhotoStatus status, String reason, boolean publishable) {

    /** A photo nobody has published (yet). */
    public Photo(String uploadId, String contentType, PhotoStatus status, String reason) {
        this(uploadId, contentType, status, reason, false);
    }

    public Photo withPublishable(boolean value) {
        return new Photo(uploadId, contentType, status, reason, value);
    }

    /**
     * Whether the photo check makes a location-free copy for this photo's type: only that copy may
     * ever be shown, so a photo without one cannot be published.
     */
    public boolean hasPublicCopy() {
        return ImageType.fromContentType(contentType).map(ImageType::publicCopySupported).orElse(false);
    }

    /** What the public feed shows: checked, with a location-free copy, and published by the agency. */
    public boolean isPublic() {
        return publishable && status == PhotoStatus.ACCEPTED && hasPublicCopy();
    }
}
