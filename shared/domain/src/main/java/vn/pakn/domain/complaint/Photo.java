package vn.pakn.domain.complaint;

/**
 * A photo attached to a complaint, identified by its upload id.
 *
 * @param reason why it was quarantined, else null
 */
public record Photo(String uploadId, String contentType, PhotoStatus status, String reason) {
}
