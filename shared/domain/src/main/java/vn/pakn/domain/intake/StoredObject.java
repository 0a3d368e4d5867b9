package vn.pakn.domain.intake;

/** What the object store says about an uploaded object. */
public record StoredObject(long size, String contentType) {
}
