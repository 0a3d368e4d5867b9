package vn.pakn.domain.complaint;

/** What the photo check found. */
public enum PhotoStatus {
    /** Uploaded, bytes not yet checked. */
    PENDING,
    /** A real image of an allowed type; a location-free copy exists. */
    ACCEPTED,
    /** Not an allowed image; moved aside and never shown. */
    QUARANTINED
}
