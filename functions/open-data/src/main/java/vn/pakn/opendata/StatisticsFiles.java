package vn.pakn.opendata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.stats.AggregateRows;
import vn.pakn.aws.stats.AggregateRows.Row;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsFigures;

/**
 * The open statistics as files: every grouping's figures per month since the first complaint
 * ({@code statistics-monthly.csv}), per day over the last {@value AggregateRows#DAILY_DAYS} days
 * ({@code statistics-daily.csv}), and both in one JSON list ({@code statistics.json}). The
 * figures are {@link StatsFigures}, the same the statistics endpoint answers with; one column
 * list gives the CSV header, the JSON keys and datapackage.json's schema.
 */
public final class StatisticsFiles {
    public static final String MONTHLY = "statistics-monthly.csv";
    public static final String DAILY = "statistics-daily.csv";
    public static final String JSON = "statistics.json";

    /** A figure with the reference data's name for its key, resolved once per run. */
    public record Named(Row row, String name) {
        StatsFigures f() {
            return row.figures();
        }
    }

    private StatisticsFiles() {
    }

    public static List<OpenDataFile> files(AggregateRows rows, ReferenceData reference) {
        return List.of(
                new CsvFile<>("statistics-monthly", MONTHLY,
                        "Thống kê theo tháng / Statistics by month",
                        "Received, resolved, on time, overdue, backlog, satisfaction and times to acknowledge and resolve,"
                                + " per month since the first complaint, for the whole province and each category, area"
                                + " (every level), agency, channel, and category within each area. Updated daily.",
                        columns(), List.of("period", "grouping", "key"),
                        (at, sink) -> rows.monthly(named(reference, sink))),
                new CsvFile<>("statistics-daily", DAILY,
                        "Thống kê theo ngày / Statistics by day",
                        "The same figures per day over the last " + AggregateRows.DAILY_DAYS + " days. Updated daily.",
                        columns(), List.of("period", "grouping", "key"),
                        (at, sink) -> rows.daily(named(reference, sink))),
                new JsonFile(rows, reference));
    }

    /** The columns, in file order; datapackage.json describes exactly these. */
    public static List<Column<Named>> columns() {
        List<Column<Named>> c = new ArrayList<>();
        c.add(col(new Field("period_type", Field.Type.STRING, "Loại kỳ", "month or day.").required()
                .with("enum", List.of("month", "day")), n -> n.row().periodType()));
        c.add(col(new Field("period", Field.Type.STRING, "Kỳ",
                "The month (YYYY-MM) or day (YYYY-MM-DD), in Vietnam time. The current month and day are partial.")
                .required(), n -> n.row().period()));
        c.add(col(new Field("grouping", Field.Type.STRING, "Cách nhóm",
                "What the figures are grouped by: province (the whole province, key ALL), category, area (every level"
                        + " of the area tree), agency, channel, or category_area (a category within an area, key"
                        + " <category>@<area>).").required()
                .with("enum", Arrays.stream(Grouping.values()).map(g -> g.name().toLowerCase()).toList()),
                n -> n.row().grouping().name().toLowerCase()));
        c.add(col(new Field("key", Field.Type.STRING, "Mã", "The category code, area code, agency id, channel, or ALL.")
                .required(), n -> n.row().key()));
        c.add(col(new Field("name", Field.Type.STRING, "Tên",
                "The key's name in Vietnamese from today's reference data; empty when it no longer exists."), Named::name));
        c.add(count("received", "Tiếp nhận", "Complaints received in the period (not counted for agencies: see assigned).",
                StatsFigures::received));
        c.add(count("resolved", "Đã giải quyết", "Complaints resolved for the first time in the period.",
                StatsFigures::resolved));
        c.add(count("resolved_again", "Giải quyết lại", "Resolutions after a reopening, in the period.",
                StatsFigures::resolvedAgain));
        c.add(count("rejected", "Từ chối", "Complaints rejected in the period.", StatsFigures::rejected));
        c.add(count("closed", "Kết thúc", "Complaints closed (confirmed by the citizen, or automatically) in the period.",
                StatsFigures::closed));
        c.add(count("reopened", "Mở lại", "Times citizens reopened a resolved complaint in the period.",
                StatsFigures::reopened));
        c.add(count("transferred", "Chuyển", "Transfers to another agency in the period (for an agency: it gave them away).",
                StatsFigures::transferred));
        c.add(count("escalated", "Chuyển lên", "Escalations to a parent agency in the period (for an agency: its own).",
                StatsFigures::escalated));
        c.add(count("assigned", "Được giao", "Agencies only: complaints that reached the agency (routing, transfer in,"
                + " escalation in) in the period; 0 for other groupings.", StatsFigures::assigned));
        c.add(count("on_time", "Đúng hạn", "First resolutions in the period that came by the deadline in force.",
                StatsFigures::onTime));
        c.add(count("resolved_late", "Trễ hạn", "First resolutions in the period after their deadline.",
                StatsFigures::resolvedLate));
        c.add(count("missed_deadline", "Lần đầu quá hạn",
                "Complaints that missed a deadline (to acknowledge or resolve) for the first time in the period.",
                StatsFigures::missedDeadline));
        c.add(count("overdue", "Quá hạn",
                "Open past due at the end of the period plus resolved late within it (open_overdue + resolved_late).",
                StatsFigures::overdue));
        c.add(count("open_backlog", "Tồn đọng", "Complaints open (not resolved, rejected or closed) at the end of the"
                + " period; for an agency, open and in its hands.", StatsFigures::open));
        c.add(count("open_overdue", "Tồn đọng quá hạn", "Of open_backlog, those that have missed a deadline.",
                StatsFigures::openOverdue));
        c.add(count("ratings", "Lượt đánh giá", "Citizens' ratings given in the period.", StatsFigures::ratings));
        c.add(count("ratings_4_5", "Đánh giá 4-5 sao", "Ratings of 4 or 5 in the period.", StatsFigures::ratings45));
        c.add(rate("processing_rate", "Tỷ lệ xử lý", "(resolved + rejected) / received, from 0 to 1; empty when nothing was received.",
                StatsFigures::processingRate));
        c.add(rate("on_time_rate", "Tỷ lệ đúng hạn", "on_time / resolved, from 0 to 1; empty when nothing was resolved.",
                StatsFigures::onTimeRate));
        c.add(rate("satisfaction", "Mức độ hài lòng", "ratings_4_5 / ratings, from 0 to 1; empty without ratings.",
                StatsFigures::satisfaction));
        c.add(rate("transfers_per_complaint", "Số lần chuyển bình quân",
                "transferred / received (for an agency: / assigned); empty when the denominator is 0.",
                StatsFigures::transfersPerComplaint));
        c.add(hours("ack_median_hours", "Thời gian tiếp nhận (trung vị, giờ)",
                "Median hours from an assignment to its acknowledgement", StatsFigures::ackMedianHours));
        c.add(hours("ack_p90_hours", "Thời gian tiếp nhận (P90, giờ)",
                "90th percentile of hours from an assignment to its acknowledgement", StatsFigures::ackP90Hours));
        c.add(hours("resolve_median_hours", "Thời gian giải quyết (trung vị, giờ)",
                "Median hours from receipt to first resolution", StatsFigures::resolveMedianHours));
        c.add(hours("resolve_p90_hours", "Thời gian giải quyết (P90, giờ)",
                "90th percentile of hours from receipt to first resolution", StatsFigures::resolveP90Hours));
        c.add(hours("held_median_hours", "Thời gian giữ (trung vị, giờ)",
                "Agencies only: median hours the agency held a complaint before passing it on, resolving or rejecting it",
                StatsFigures::heldMedianHours));
        c.add(hours("held_p90_hours", "Thời gian giữ (P90, giờ)",
                "Agencies only: 90th percentile of hours the agency held a complaint", StatsFigures::heldP90Hours));
        c.add(col(new Field("over_max_hours", Field.Type.STRING, "Vượt 720 giờ",
                "The hour columns (space-separated names) whose value is beyond " + maxHours() + " h (30 days): only"
                        + " \"more than " + maxHours() + " h\" is known, so they are empty."),
                n -> overMax(n.f())));
        return List.copyOf(c);
    }

    /** The same rows as the CSV files, as one JSON list of objects keyed by the column names. */
    static final class JsonFile implements OpenDataFile {
        private final AggregateRows rows;
        private final ReferenceData reference;
        private final DataResource resource;

        JsonFile(AggregateRows rows, ReferenceData reference) {
            this.rows = rows;
            this.reference = reference;
            this.resource = new DataResource("statistics", JSON, "Thống kê (JSON) / Statistics (JSON)",
                    "The monthly and daily figures of " + MONTHLY + " and " + DAILY + " in one JSON list of objects.",
                    "json", "application/json", "utf-8",
                    new DataResource.Schema(columns().stream().map(Column::field).toList(),
                            List.of("period", "grouping", "key")));
        }

        @Override
        public DataResource resource() {
            return resource;
        }

        @Override
        public long writeTo(OutputStream out, Instant generatedAt) throws IOException {
            List<Column<Named>> columns = columns();
            long[] count = {0};
            try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartArray();
                Consumer<Named> write = n -> {
                    try {
                        json.writeStartObject();
                        for (Column<Named> column : columns) {
                            json.writeObjectField(column.name(), column.value().apply(n));
                        }
                        json.writeEndObject();
                        count[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                try {
                    rows.monthly(named(reference, write));
                    rows.daily(named(reference, write));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                json.writeEndArray();
            }
            return count[0];
        }
    }

    private static Consumer<Row> named(ReferenceData reference, Consumer<Named> sink) {
        Map<String, String> categories = reference.categories().stream()
                .collect(Collectors.toMap(Category::code, c -> c.name().vi(), (a, b) -> a));
        Map<String, String> areas = reference.areas().all().stream()
                .collect(Collectors.toMap(Area::code, Area::name, (a, b) -> a));
        Map<String, String> agencies = reference.agencies().stream()
                .collect(Collectors.toMap(Agency::id, Agency::name, (a, b) -> a));
        return row -> sink.accept(new Named(row, nameOf(row, categories, areas, agencies)));
    }

    private static String nameOf(Row row, Map<String, String> categories, Map<String, String> areas,
                                 Map<String, String> agencies) {
        String key = row.key();
        switch (row.grouping()) {
            case PROVINCE:
                return "Toàn tỉnh";
            case CATEGORY:
                return categories.get(key);
            case AREA:
                return areas.get(key);
            case AGENCY:
                return agencies.get(key);
            case CATEGORY_AREA:
                int at = key.indexOf('@');
                String category = at < 0 ? null : categories.get(key.substring(0, at));
                String area = at < 0 ? null : areas.get(key.substring(at + 1));
                return category == null || area == null ? null : category + " — " + area;
            default:
                return key;
        }
    }

    private static String overMax(StatsFigures f) {
        List<String> over = new ArrayList<>();
        Object[][] hours = {{"ack_median_hours", f.ackMedianHours()}, {"ack_p90_hours", f.ackP90Hours()},
                {"resolve_median_hours", f.resolveMedianHours()}, {"resolve_p90_hours", f.resolveP90Hours()},
                {"held_median_hours", f.heldMedianHours()}, {"held_p90_hours", f.heldP90Hours()}};
        for (Object[] h : hours) {
            if (h[1] != null && (Integer) h[1] == StatsFigures.OVER_MAX_HOURS) {
                over.add((String) h[0]);
            }
        }
        return over.isEmpty() ? null : String.join(" ", over);
    }

    private static int maxHours() {
        return vn.pakn.domain.stats.DurationHistogram.BOUNDS.get(vn.pakn.domain.stats.DurationHistogram.BOUNDS.size() - 1);
    }

    private static Column<Named> count(String name, String title, String description, ToLongFunction<StatsFigures> value) {
        return col(new Field(name, Field.Type.INTEGER, title, description).required(), n -> value.applyAsLong(n.f()));
    }

    private static Column<Named> rate(String name, String title, String description, Function<StatsFigures, Double> value) {
        return col(new Field(name, Field.Type.NUMBER, title, description).with("minimum", 0), n -> value.apply(n.f()));
    }

    private static Column<Named> hours(String name, String title, String description,
                                       Function<StatsFigures, Integer> value) {
        return col(new Field(name, Field.Type.INTEGER, title, description + ", as the upper bound of the histogram"
                + " bucket holding it (never below the true value, at most 50% above it above 4 h; see"
                + " docs/statistics.md). Empty when nothing was measured, or beyond " + maxHours() + " h (see"
                + " over_max_hours)."), n -> {
                    Integer h = value.apply(n.f());
                    return h == null || h == StatsFigures.OVER_MAX_HOURS ? null : Long.valueOf(h);
                });
    }

    private static Column<Named> col(Field field, Function<Named, ?> value) {
        return new Column<>(field, value);
    }
}
