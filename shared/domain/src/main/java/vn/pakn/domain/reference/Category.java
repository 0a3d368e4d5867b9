package vn.pakn.domain.reference;

import vn.pakn.domain.error.LocalizedText;

/**
 * A field of complaints (lĩnh vực) with its service levels.
 *
 * @param ackHours     hours an agency has to acknowledge
 * @param resolveDays  working days an agency has to resolve
 * @param photoRequired field reports in this category are useless without a photo
 * @param publicFeed   whether complaints may appear in the public feed (false for e.g. security)
 */
public record Category(String code, LocalizedText name, int ackHours, int resolveDays,
                       boolean photoRequired, boolean publicFeed) {
}
