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
 */
public record Complaint(String id, String trackingCode, Status status, int version,
                        String categoryCode, String areaCode, GeoPoint location, String description,
                        List<Photo> photos, Reporter reporter, boolean hideIdentity, Channel channel,
                        Instant receivedAt, Instant updatedAt, String secretHash) {
    public Complaint {
        photos = List.copyOf(photos);
    }
}
