package vn.pakn.domain.reference;

/**
 * Complaints of a category in an area (and the areas below it) go to an agency.
 *
 * @param categoryCode a category code, or {@value #ANY_CATEGORY} for every category
 */
public record RoutingRule(String categoryCode, String areaCode, String agencyId) {
    public static final String ANY_CATEGORY = "*";

    public boolean isCategoryDefault() {
        return ANY_CATEGORY.equals(categoryCode);
    }
}
