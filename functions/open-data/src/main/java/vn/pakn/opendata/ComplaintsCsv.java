package vn.pakn.opendata;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * {@code complaints.csv}: one row per complaint, in the manner of city 311 datasets, with nothing
 * that identifies the person who reported. Built field by field from the complaint (like the
 * public view), so a field added to the complaint never reaches the file by accident.
 *
 * <p>Privacy (docs/open-data.md): never the reporter, the tracking code, the secret hash, private
 * notes or photos; coordinates rounded to about 100 m. Complaints of a category kept out of the
 * public feed ({@code publicFeed = false}, e.g. public security, officials' conduct) keep their row,
 * so counts reconcile with the statistics, but without coordinates, description or response.
 */
public final class ComplaintsCsv {
    public static final String PATH = "complaints.csv";

    /** One complaint with the reference data that names its codes; any of the three may be null (unknown or absent). */
    public record Row(Complaint complaint, Category category, Area area, Agency agency) {
        /**
         * Whether its free text and place may be published. An unknown category (removed since)
         * is treated as private: when in doubt, leave it out.
         */
        public boolean publishable() {
            return category != null && category.publicFeed();
        }

        Handling handling() {
            return complaint.handling();
        }

        GeoPoint place() {
            return publishable() && complaint.location() != null ? complaint.location().rounded() : null;
        }
    }

    private ComplaintsCsv() {
    }

    /** The columns, in file order; datapackage.json describes exactly these. */
    public static List<Column<Row>> columns() {
        return List.of(
                col(new Field("id", Field.Type.STRING, "Mã phản ánh",
                        "Identifier of the complaint (a ULID: sorts by time of receipt); the same in every day's file."
                                + " Not the citizen's tracking code, which is never published.")
                        .required().with("unique", true), r -> r.complaint().id()),
                col(new Field("created", Field.Type.DATETIME, "Thời điểm tiếp nhận",
                        "When the complaint was received (ISO 8601, Vietnam time +07:00, to the second).").required(),
                        r -> r.complaint().receivedAt()),
                col(new Field("acknowledged", Field.Type.DATETIME, "Thời điểm cơ quan tiếp nhận xử lý",
                        "When the agency now in charge acknowledged it; empty until then. A transfer, escalation or"
                                + " reopening is a new assignment that must be acknowledged again, so this is the latest one."),
                        r -> r.handling() == null ? null : r.handling().acknowledgedAt()),
                col(new Field("resolved", Field.Type.DATETIME, "Thời điểm giải quyết",
                        "When the agency resolved it (after a reopening, the latest resolution); empty when it is not"
                                + " resolved, or was rejected."),
                        r -> r.handling() == null ? null : r.handling().resolvedAt()),
                col(new Field("closed", Field.Type.DATETIME, "Thời điểm kết thúc",
                        "When it stopped being open, as Open311 counts RESOLVED, REJECTED and CLOSED as closed: the"
                                + " resolution time of a RESOLVED or CLOSED complaint (the citizen's later confirmation"
                                + " is not a new closing), the rejection time of a REJECTED one; empty while open."),
                        ComplaintsCsv::closedAt),
                col(new Field("due", Field.Type.DATETIME, "Hạn giải quyết",
                        "Resolution deadline of the current assignment: the category's working days from assignment,"
                                + " skipping weekends and holidays, extended by time spent waiting for the citizen."
                                + " Empty before the complaint is routed to an agency."),
                        r -> r.handling() == null ? null : r.handling().resolveBy()),
                col(new Field("on_time", Field.Type.BOOLEAN, "Đúng hạn",
                        "true when resolved no later than due, false when resolved after it; empty when not resolved"
                                + " (still open, or rejected). The on-time rate of the statistics is the share of true."),
                        ComplaintsCsv::onTime),
                col(new Field("overdue", Field.Type.BOOLEAN, "Đã quá hạn",
                        "true once the complaint has missed a deadline (to acknowledge or to resolve), at any point"
                                + " of its life; it stays true.").required(),
                        r -> r.handling() != null && r.handling().overdue()),
                col(new Field("status", Field.Type.STRING, "Trạng thái",
                        "Current status: RECEIVED (not yet routed), ASSIGNED, ACKNOWLEDGED, IN_PROGRESS, NEEDS_INFO"
                                + " (waiting for the citizen), RESOLVED, REOPENED (the citizen said it was not fixed),"
                                + " REJECTED, CLOSED (resolution confirmed by the citizen, or by time).")
                        .required().with("enum", names(Status.values(), Status::name)),
                        r -> r.complaint().status().name()),
                col(new Field("category", Field.Type.STRING, "Mã lĩnh vực", "Code of the category (lĩnh vực).").required(),
                        r -> r.complaint().categoryCode()),
                col(new Field("category_name", Field.Type.STRING, "Tên lĩnh vực",
                        "Name of the category in Vietnamese; empty if the category no longer exists."),
                        r -> r.category() == null ? null : r.category().name().vi()),
                col(new Field("area", Field.Type.STRING, "Mã địa bàn",
                        "Code of the administrative area (province, commune); empty when the citizen gave only a place"
                                + " on the map."),
                        r -> r.complaint().areaCode()),
                col(new Field("area_name", Field.Type.STRING, "Tên địa bàn", "Name of the area."),
                        r -> r.area() == null ? null : r.area().name()),
                col(new Field("agency", Field.Type.STRING, "Mã cơ quan xử lý",
                        "Identifier of the agency in charge now; empty before routing."),
                        r -> r.handling() == null ? null : r.handling().agencyId()),
                col(new Field("agency_name", Field.Type.STRING, "Tên cơ quan xử lý", "Name of the agency in charge."),
                        r -> r.agency() == null ? null : r.agency().name()),
                col(new Field("channel", Field.Type.STRING, "Kênh tiếp nhận", "How the complaint reached the province.")
                        .required().with("enum", names(Channel.values(), Channel::wireName)),
                        r -> r.complaint().channel().wireName()),
                col(count("transfers", "Số lần chuyển",
                        "Times it was transferred to another agency (\"not ours\"), including re-routing after a"
                                + " boundary change."), r -> r.handling() == null ? 0 : r.handling().transfers()),
                col(count("escalations", "Số lần chuyển lên cấp trên",
                        "Times it was escalated to a parent agency (overdue, or by hand)."),
                        r -> r.handling() == null ? 0 : r.handling().escalations()),
                col(count("reopens", "Số lần mở lại",
                        "Times the citizen said a resolved complaint was not fixed."),
                        r -> r.handling() == null ? 0 : r.handling().reopens()),
                col(new Field("description", Field.Type.STRING, "Nội dung phản ánh",
                        "What the citizen wrote, as the public feed shows it. Empty for categories kept out of the"
                                + " public feed. Free text by the public: it may contain anything."),
                        r -> r.publishable() ? r.complaint().description() : null),
                col(new Field("resolution", Field.Type.STRING, "Kết quả giải quyết",
                        "The agency's public response when it resolved the complaint; empty otherwise, and for"
                                + " categories kept out of the public feed."),
                        r -> r.publishable() && r.handling() != null ? r.handling().response() : null),
                col(new Field("reject_reason", Field.Type.STRING, "Lý do từ chối",
                        "Why the agency rejected it, when it did.")
                        .with("enum", names(RejectReason.values(), RejectReason::wireName)),
                        r -> r.handling() == null ? null : r.handling().rejectReason()),
                col(new Field("duplicate_of", Field.Type.STRING, "Trùng với phản ánh",
                        "For a complaint rejected as a duplicate, the id of the complaint it duplicates."),
                        r -> r.handling() == null ? null : r.handling().duplicateOf()),
                col(new Field("rating", Field.Type.INTEGER, "Đánh giá của người dân",
                        "The citizen's rating of the resolution, 1 (worst) to 5, given when confirming it; empty"
                                + " otherwise. Satisfaction in the statistics is the share of 4 and 5.")
                        .with("minimum", 1).with("maximum", 5),
                        r -> r.handling() == null ? null : r.handling().rating()),
                col(new Field("lat", Field.Type.NUMBER, "Vĩ độ (làm tròn)",
                        "Latitude (WGS84) rounded to 3 decimals, about 100 m: enough to find the street, not the house."
                                + " Empty when no place was given, and for categories kept out of the public feed."),
                        r -> r.place() == null ? null : r.place().lat()),
                col(new Field("lon", Field.Type.NUMBER, "Kinh độ (làm tròn)",
                        "Longitude (WGS84) rounded to 3 decimals, about 100 m; empty as lat is."),
                        r -> r.place() == null ? null : r.place().lon()));
    }

    /** The file, reading every complaint from {@code source} and naming codes from the reference data as it is at run time. */
    public static CsvFile<Row> file(ComplaintSource source, ReferenceData reference) {
        return new CsvFile<>("complaints", PATH, "Phản ánh, kiến nghị — từng phản ánh / Complaints, one row each",
                "Every complaint received, one row each, with its category, area, agency, deadlines and outcome;"
                        + " updated daily. Nothing identifies the person who reported: no name, phone, e-mail or"
                        + " account, and places are rounded to about 100 m. Rows come in no particular order.",
                columns(), List.of("id"), (generatedAt, sink) -> {
                    Names names = new Names(reference);
                    source.forEach(complaint -> sink.accept(names.row(complaint)));
                });
    }

    /** The reference data read once per run: every row is named from the same snapshot, and quickly. */
    static final class Names {
        private final Map<String, Category> categories;
        private final Map<String, Area> areas;
        private final Map<String, Agency> agencies;

        Names(ReferenceData reference) {
            categories = reference.categories().stream().collect(Collectors.toMap(Category::code, c -> c, (a, b) -> a));
            areas = reference.areas().all().stream().collect(Collectors.toMap(Area::code, a -> a, (a, b) -> a));
            agencies = reference.agencies().stream().collect(Collectors.toMap(Agency::id, a -> a, (a, b) -> a));
        }

        Row row(Complaint c) {
            return new Row(c, categories.get(c.categoryCode()), c.areaCode() == null ? null : areas.get(c.areaCode()),
                    c.handling() == null ? null : agencies.get(c.handling().agencyId()));
        }
    }

    private static Instant closedAt(Row r) {
        Handling h = r.handling();
        if (h == null || r.complaint().isOpen()) {
            return null;
        }
        if (r.complaint().status() == Status.REJECTED) {
            return h.closedAt();
        }
        return h.resolvedAt() != null ? h.resolvedAt() : h.closedAt();
    }

    private static Boolean onTime(Row r) {
        Handling h = r.handling();
        if (h == null || h.resolvedAt() == null || h.resolveBy() == null) {
            return null;
        }
        return !h.resolvedAt().isAfter(h.resolveBy());
    }

    private static Field count(String name, String title, String description) {
        return new Field(name, Field.Type.INTEGER, title, description).required().with("minimum", 0);
    }

    private static <E> List<String> names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    private static Column<Row> col(Field field, Function<Row, ?> value) {
        return new Column<>(field, value);
    }
}
