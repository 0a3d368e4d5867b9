package vn.pakn.domain.intake;

import java.util.List;

/**
 * A submission as the client sent it, already of the right JSON types but not yet checked
 * against the rules. Any field may be null.
 */
public record SubmitRequest(String category, String description, Double lat, Double lon, boolean locationGiven,
                            String areaCode, List<String> photos, String reporterName, String reporterPhone,
                            String reporterEmail, Boolean hideIdentity, String channel) {
}
