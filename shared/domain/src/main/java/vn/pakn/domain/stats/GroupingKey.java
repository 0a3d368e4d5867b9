package vn.pakn.domain.stats;

import java.util.Objects;

/**
 * One aggregate series: a grouping and its key, without a period, e.g. ({@code CATEGORY_AREA},
 * {@code noise@24-kinh-bac}). What a reader is asked for when it answers several at once.
 */
public record GroupingKey(Grouping grouping, String key) {
    public static final GroupingKey PROVINCE = new GroupingKey(Grouping.PROVINCE, Grouping.ALL);

    public GroupingKey {
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(key, "key");
    }

    public static GroupingKey categoryArea(String category, String area) {
        return new GroupingKey(Grouping.CATEGORY_AREA, Grouping.categoryArea(category, area));
    }
}
