package vn.pakn.domain.intake;

import java.util.List;

/**
 * A submission as the client sent it, already of the right JSON types but not yet checked
 * against the rules. Any field may be null.
 *
 * @param mediaLinks  links to photos the client hosts itself (Open311's {@code media_url}): passed to
 *                    the agency, never checked or published by pakn; they count as the photo a category
 *                    may require
 * @param privateNote for the agency only, on the first event: what a channel knows beyond the fields
 *                    (an Open311 client's address text, device and account ids)
 */
public record SubmitRequest(String category, String description, Double lat, Double lon, boolean locationGiven,
                            String areaCode, List<String> photos, String reporterName, String reporterPhone,
                            String reporterEmail, Boolean hideIdentity, String channel, List<String> mediaLinks,
                            String privateNote) {

    /** A submission with pakn's own photos only and nothing for the agency's eyes alone. */
    public SubmitRequest(String category, String description, Double lat, Double lon, boolean locationGiven,
                         String areaCode, List<String> photos, String reporterName, String reporterPhone,
                         String reporterEmail, Boolean hideIdentity, String channel) {
        this(category, description, lat, lon, locationGiven, areaCode, photos, reporterName, reporterPhone,
                reporterEmail, hideIdentity, channel, null, null);
    }
}
