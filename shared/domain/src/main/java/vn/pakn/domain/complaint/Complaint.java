package vn.pakn.domain.complaint;

import java.time.Instant;
import java.util.List;

/**
 * The current state of a complaint: a projection of its events. {@code version} equals the
 * number of the last event applied, so a conditional write on it detects concurrent changes.
 *
 * @param location    null when the citizen gave only an area
 * @param areaCode    null when the citizen gave only coordinates
 * @param secretHash  SHA-256 of the citizen secret; the secret itself is never stored here
 * @param handling    null until the complaint is routed to an agency
 */
public record Complaint(String id, String trackingCode, Status status, int version,
                        String categoryCode, String areaCode, GeoPoint location, String description,
                        List<Photo> photos, Reporter reporter, boolean hideIdentity, Channel channel,
                        Instant receivedAt, Instant updatedAt, String secretHash, Handling handling) {
    public Complaint {
        photos = List.copyOf(photos);
    }

    /** A complaint as received, before routing. */
    public Complaint(String id, String trackingCode, Status status, int version,
                     String categoryCode, String areaCode, GeoPoint location, String description,
                     List<Photo> photos, Reporter reporter, boolean hideIdentity, Channel channel,
                     Instant receivedAt, Instant updatedAt, String secretHash) {
        this(id, trackingCode, status, version, categoryCode, areaCode, location, description, photos, reporter,
                hideIdentity, channel, receivedAt, updatedAt, secretHash, null);
    }

    /** The next state: one event later, so one version more. */
    public Complaint next(Status newStatus, Handling newHandling, Instant at) {
        return new Complaint(id, trackingCode, newStatus, version + 1, categoryCode, areaCode, location, description,
                photos, reporter, hideIdentity, channel, receivedAt, at, secretHash, newHandling);
    }

    /**
     * The same complaint with other photo decisions (publication), before {@link #next} records the
     * change: the photos themselves, their order and their check results never change here.
     */
    public Complaint withPhotos(List<Photo> newPhotos) {
        return new Complaint(id, trackingCode, status, version, categoryCode, areaCode, location, description,
                newPhotos, reporter, hideIdentity, channel, receivedAt, updatedAt, secretHash, handling);
    }

    public boolean isOpen() {
        return status.isOpen();
    }
}
