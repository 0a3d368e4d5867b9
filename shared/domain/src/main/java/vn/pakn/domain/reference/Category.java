package vn.pakn.domain.reference;

import vn.pakn.domain.error.LocalizedText;

/**
 * A field of complaints (lĩnh vực) with its service levels.
 *
 * @param ackHours     hours an agency has to acknowledge
 * @param resolveDays  working days an agency has to resolve
 * @param photoRequired field reports in this category are useless without a photo
 * @param publicFeed   whether complaints may appear in the public feed (false for e.g. security)
 * @param escalateWhenOverdue an overdue complaint goes up to the parent agency at once (urgent
 *                     categories: a missed deadline there is a hazard, not just a statistic)
 */
public record Category(String code, LocalizedText name, int ackHours, int resolveDays,
                       boolean photoRequired, boolean publicFeed, boolean escalateWhenOverdue) {

    /** A category whose overdue complaints stay with their agency. */
    public Category(String code, LocalizedText name, int ackHours, int resolveDays,
                    boolean photoRequired, boolean publicFeed) {
        this(code, name, ackHours, resolveDays, photoRequired, publicFeed, false);
    }
}
