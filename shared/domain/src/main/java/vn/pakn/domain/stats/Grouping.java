package vn.pakn.domain.stats;

/** The groupings of the brief's open statistics; {@code PROVINCE} has the single key {@code ALL}. */
public enum Grouping {
    PROVINCE, CATEGORY, AREA, AGENCY, CHANNEL;

    public static final String ALL = "ALL";
}
