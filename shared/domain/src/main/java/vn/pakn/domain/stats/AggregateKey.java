package vn.pakn.domain.stats;

/**
 * One aggregate: a grouping, its key and a calendar period.
 *
 * @param grouping one of {@link Grouping}
 * @param key      the category code, area code, agency id, channel, or {@code ALL} for the province
 * @param period   {@code DAY#2026-11-22} or {@code MONTH#2026-11}, Asia/Ho_Chi_Minh calendar
 */
public record AggregateKey(Grouping grouping, String key, String period) {
    public String pk() {
        return "AGG#" + grouping.name() + "#" + key;
    }

    public String sk() {
        return period;
    }
}
