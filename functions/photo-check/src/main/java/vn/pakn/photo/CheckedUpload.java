package vn.pakn.photo;

import vn.pakn.domain.intake.Upload;

/**
 * An upload slot and the check recorded on it.
 *
 * @param outcome null while the upload is still {@code PENDING}
 */
public record CheckedUpload(Upload upload, CheckOutcome outcome) {
}
