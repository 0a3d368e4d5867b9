package vn.pakn.publicstats;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.GroupingKey;

/**
 * One request to the public statistics, checked as far as it can be without reference data:
 * the period, the grouping, and that the filters name exactly one aggregate (the table keeps
 * province, category, area, category x area, agency and channel aggregates, nothing else, so any
 * other combination could only be answered by reading complaints).
 *
 * @param filters the filters given, by name ({@code category}, {@code area}, {@code agency},
 *                {@code channel}), in that order
 */
public record StatsQuery(LocalDate from, LocalDate to, GroupBy groupBy, Map<String, String> filters) {
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String GROUP_BY = "groupBy";
    public static final String CATEGORY = "category";
    public static final String AREA = "area";
    public static final String AGENCY = "agency";
    public static final String CHANNEL = "channel";
    static final List<String> FILTERS = List.of(CATEGORY, AREA, AGENCY, CHANNEL);
    static final Set<String> PARAMETERS = Set.of(FROM, TO, GROUP_BY, CATEGORY, AREA, AGENCY, CHANNEL);
    /** The longest period: beyond it an answer is a bulk export, which the open-data files are for. */
    public static final int MAX_YEARS = 5;
    /** The longest daily series; longer periods go by month. */
    public static final int MAX_SERIES_DAYS = 366;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** The filter combinations that name one aggregate, as the error message lists them. */
    private static final List<Set<String>> SUPPORTED = List.of(Set.of(), Set.of(CATEGORY), Set.of(AREA),
            Set.of(CATEGORY, AREA), Set.of(AGENCY), Set.of(CHANNEL));

    public StatsQuery {
        filters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    public enum GroupBy {
        NONE(Set.of(StatsQuery.CATEGORY, StatsQuery.AREA, StatsQuery.AGENCY, StatsQuery.CHANNEL)),
        /** With an area filter: the category x area aggregates of that area. */
        CATEGORY(Set.of(StatsQuery.AREA)),
        /** The children of the area filter (or of the root); with a category filter, category x area. */
        AREA(Set.of(StatsQuery.CATEGORY, StatsQuery.AREA)),
        AGENCY(Set.of()),
        CHANNEL(Set.of()),
        DAY(Set.of(StatsQuery.CATEGORY, StatsQuery.AREA, StatsQuery.AGENCY, StatsQuery.CHANNEL)),
        MONTH(Set.of(StatsQuery.CATEGORY, StatsQuery.AREA, StatsQuery.AGENCY, StatsQuery.CHANNEL));

        /** The filters this grouping can be narrowed by. */
        final Set<String> filters;

        GroupBy(Set<String> filters) {
            this.filters = filters;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean isSeries() {
            return this == DAY || this == MONTH;
        }
    }

    /**
     * @param query the query string parameters (API Gateway joins a repeated one with commas)
     * @param today today in Asia/Ho_Chi_Minh
     */
    public static StatsQuery parse(Map<String, String> query, LocalDate today) {
        Map<String, String> q = query == null ? Map.of() : query;
        for (String name : q.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw InputError.invalid("unknown_parameter", name,
                        "Tham số này không được hỗ trợ. Có thể: " + String.join(", ", sorted(PARAMETERS)) + ".",
                        "This query parameter is not supported. Use: " + String.join(", ", sorted(PARAMETERS)) + ".");
            }
        }
        LocalDate to = date(q, TO, today);
        LocalDate from = date(q, FROM, to.withDayOfMonth(1));
        for (Map.Entry<String, LocalDate> end : List.of(Map.entry(FROM, from), Map.entry(TO, to))) {
            if (end.getValue().isAfter(today)) {
                throw InputError.invalid("future_date", end.getKey(), "Không được sau hôm nay (" + today + ").",
                        "Must not be after today (" + today + ").");
            }
        }
        if (to.isBefore(from)) {
            throw InputError.invalid("invalid_period", TO, "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
                    "The period must not end before it starts.");
        }
        if (!to.isBefore(from.plusYears(MAX_YEARS))) {
            throw InputError.invalid("period_too_long", FROM,
                    "Khoảng thời gian tối đa " + MAX_YEARS + " năm; dữ liệu dài hơn có trong dữ liệu mở.",
                    "The period can be at most " + MAX_YEARS + " years; longer spans are in the open-data files.");
        }
        GroupBy groupBy = groupBy(q.get(GROUP_BY));
        if (groupBy == GroupBy.DAY && ChronoUnit.DAYS.between(from, to) + 1 > MAX_SERIES_DAYS) {
            throw InputError.invalid("period_too_long", GROUP_BY,
                    "Chuỗi theo ngày tối đa " + MAX_SERIES_DAYS + " ngày; hãy dùng groupBy=month.",
                    "A daily series covers at most " + MAX_SERIES_DAYS + " days; use groupBy=month.");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = q.get(name);
            if (value != null && !value.isBlank()) {
                filters.put(name, value.strip());
            }
        }
        if (filters.containsKey(CHANNEL) && Channel.fromWire(filters.get(CHANNEL)).isEmpty()) {
            String channels = Arrays.stream(Channel.values()).map(Channel::wireName).collect(Collectors.joining(", "));
            throw InputError.invalid("unknown_channel", CHANNEL, "Kênh không hợp lệ. Có thể: " + channels + ".",
                    "Unknown channel. Use one of: " + channels + ".");
        }
        StatsQuery parsed = new StatsQuery(from, to, groupBy, filters);
        parsed.filterKey();
        if (!groupBy.filters.containsAll(filters.keySet())) {
            List<String> given = new ArrayList<>(filters.keySet());
            String allowed = groupBy.filters.isEmpty() ? "không bộ lọc nào" : String.join(", ", sorted(groupBy.filters));
            String allowedEn = groupBy.filters.isEmpty() ? "no filter" : String.join(", ", sorted(groupBy.filters));
            throw InputError.invalid("unsupported_combination", GROUP_BY,
                    "Không thể nhóm theo " + groupBy.wireName() + " khi lọc theo " + String.join(" + ", given)
                            + ". Nhóm theo " + groupBy.wireName() + " chỉ kết hợp được với: " + allowed + ".",
                    "Cannot group by " + groupBy.wireName() + " while filtering by " + String.join(" + ", given)
                            + ". Grouping by " + groupBy.wireName() + " combines only with: " + allowedEn + ".");
        }
        return parsed;
    }

    public String filter(String name) {
        return filters.get(name);
    }

    /** The one aggregate the filters name: its figures are the answer's total. */
    public GroupingKey filterKey() {
        Set<String> given = filters.keySet();
        if (given.isEmpty()) {
            return GroupingKey.PROVINCE;
        }
        if (given.equals(Set.of(CATEGORY))) {
            return new GroupingKey(Grouping.CATEGORY, filter(CATEGORY));
        }
        if (given.equals(Set.of(AREA))) {
            return new GroupingKey(Grouping.AREA, filter(AREA));
        }
        if (given.equals(Set.of(CATEGORY, AREA))) {
            return GroupingKey.categoryArea(filter(CATEGORY), filter(AREA));
        }
        if (given.equals(Set.of(AGENCY))) {
            return new GroupingKey(Grouping.AGENCY, filter(AGENCY));
        }
        if (given.equals(Set.of(CHANNEL))) {
            return new GroupingKey(Grouping.CHANNEL, filter(CHANNEL));
        }
        String named = String.join(" + ", given);
        String supported = SUPPORTED.stream().map(s -> s.isEmpty() ? "(none)" : FILTERS.stream()
                .filter(s::contains).collect(Collectors.joining(" + "))).collect(Collectors.joining(", "));
        throw InputError.invalid("unsupported_combination", String.join(",", given),
                "Không hỗ trợ lọc đồng thời theo " + named + ". Các cách lọc được hỗ trợ: "
                        + supported.replace("(none)", "(không lọc)") + ".",
                "Filtering by " + named + " together is not supported. Supported filters: " + supported + ".");
    }

    /** Whether the period reaches today, whose figures are still moving. */
    public boolean includes(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private static LocalDate date(Map<String, String> q, String name, LocalDate otherwise) {
        String value = q.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.strip();
        if (DATE.matcher(v).matches()) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw InputError.invalid("invalid_date", name, "Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-03-01.",
                "The date must be a real day written YYYY-MM-DD, e.g. 2026-03-01.");
    }

    private static GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return GroupBy.NONE;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(GroupBy.values()).filter(g -> g.wireName().equals(wanted)).findFirst()
                .orElseThrow(() -> {
                    String all = Arrays.stream(GroupBy.values()).map(GroupBy::wireName).collect(Collectors.joining(", "));
                    return InputError.invalid("invalid_value", GROUP_BY, "Cách nhóm không hợp lệ. Có thể: " + all + ".",
                            "Unknown grouping. Use one of: " + all + ".");
                });
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
