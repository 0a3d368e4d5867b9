package vn.pakn.domain.stats;

/**
 * The groupings of the brief's open statistics; {@code PROVINCE} has the single key {@code ALL}.
 * {@code CATEGORY_AREA} crosses the two (key {@code <category>@<area>}, for the area and each
 * ancestor) so that "this field in this commune" is answered from one aggregate too.
 */
public enum Grouping {
    PROVINCE, CATEGORY, AREA, AGENCY, CHANNEL, CATEGORY_AREA;

    public static final String ALL = "ALL";

    public static String categoryArea(String category, String area) {
        return category + "@" + area;
    }
}
