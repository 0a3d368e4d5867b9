package vn.pakn.open311;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * A complaint as a GeoReport v2 service request, for anyone to read. Built field by field from
 * public facts only: never the reporter, the secret, private notes, client-hosted links or exact
 * coordinates (rounded to about 100 m).
 */
final class ServiceRequests {
    private ServiceRequests() {
    }

    /** May the public see this complaint at all? Categories kept out of public feeds are not listed. */
    static boolean isPublic(Complaint c, ReferenceData reference) {
        return reference.category(c.categoryCode()).map(Category::publicFeed).orElse(false);
    }

    static Doc list(List<Complaint> complaints, ReferenceData reference, Lang lang) {
        return Doc.repeated("service_requests", "request",
                complaints.stream().map(c -> request(c, reference, lang)).toList());
    }

    static Doc request(Complaint c, ReferenceData reference, Lang lang) {
        Optional<Category> category = reference.category(c.categoryCode());
        Handling h = c.handling();
        String agency = h == null ? null : reference.agency(h.agencyId()).map(Agency::name).orElse(null);
        GeoPoint point = c.location() == null ? null : c.location().rounded();
        return Doc.group("request",
                Doc.value("service_request_id", c.id()),
                Doc.value("status", c.isOpen() ? "open" : "closed"),
                Doc.value("status_notes", statusNotes(c, lang)),
                Doc.value("service_name", category.map(k -> lang.pick(k.name())).orElse(c.categoryCode())),
                Doc.value("service_code", c.categoryCode()),
                Doc.value("description", c.description()),
                Doc.value("agency_responsible", agency),
                Doc.value("service_notice", category.map(k -> Services.notice(k, lang)).orElse(null)),
                Doc.value("requested_datetime", Times.format(c.receivedAt())),
                Doc.value("updated_datetime", Times.format(c.updatedAt())),
                Doc.value("expected_datetime", h == null ? null : Times.format(h.resolveBy())),
                Doc.value("address", address(c, reference)),
                Doc.value("address_id", null),
                Doc.value("zipcode", null),
                Doc.value("lat", point == null ? null : point.lat()),
                Doc.value("long", point == null ? null : point.lon()),
                // Photos become public only once an agency marks them publishable, which this release
                // cannot record yet; until then no photo is published here.
                Doc.value("media_url", null));
    }

    /** The area and the areas containing it, most specific first, as GeoReport asks addresses to read. */
    private static String address(Complaint c, ReferenceData reference) {
        if (c.areaCode() == null || !reference.areas().contains(c.areaCode())) {
            return null;
        }
        return reference.areas().ancestorsOf(c.areaCode()).stream().map(Area::name).collect(Collectors.joining(", "));
    }

    /** GeoReport has only open and closed: the notes say where in pakn's lifecycle it really is. */
    static String statusNotes(Complaint c, Lang lang) {
        Handling h = c.handling();
        String response = h == null || h.response() == null ? "" : ": " + h.response();
        String text = switch (c.status()) {
            case RECEIVED -> lang.pick("Đã tiếp nhận, đang chuyển đến cơ quan xử lý.",
                    "Received; being routed to the responsible agency.");
            case ASSIGNED -> lang.pick("Đã chuyển đến cơ quan xử lý.", "Assigned to the responsible agency.");
            case ACKNOWLEDGED -> lang.pick("Cơ quan xử lý đã tiếp nhận.", "Acknowledged by the agency.");
            case IN_PROGRESS -> lang.pick("Đang xử lý.", "In progress.");
            case NEEDS_INFO -> lang.pick("Cơ quan xử lý đang chờ người phản ánh bổ sung thông tin.",
                    "The agency is waiting for more information from the reporter.");
            case REOPENED -> lang.pick("Mở lại: người phản ánh cho biết sự việc chưa được khắc phục.",
                    "Reopened: the reporter says it is not fixed.");
            case RESOLVED -> lang.pick("Đã giải quyết", "Resolved") + response;
            case CLOSED -> lang.pick("Đã đóng", "Closed") + response;
            case REJECTED -> rejected(h, lang);
        };
        if (h != null && h.overdue() && c.isOpen()) {
            text += lang.pick(" Đã quá hạn.", " Overdue.");
        }
        return text;
    }

    private static String rejected(Handling h, Lang lang) {
        String reason = h == null || h.rejectReason() == null ? "" : h.rejectReason();
        return switch (reason) {
            case "duplicate-of" -> lang.pick("Không xử lý: trùng với phản ánh ", "Not handled: duplicate of ")
                    + (h.duplicateOf() == null ? "" : h.duplicateOf()) + ".";
            case "invalid" -> lang.pick("Không xử lý: phản ánh không hợp lệ.", "Not handled: invalid report.");
            case "not-actionable" -> lang.pick("Không xử lý: không thuộc phạm vi có thể giải quyết.",
                    "Not handled: not actionable.");
            default -> lang.pick("Không xử lý.", "Not handled.");
        };
    }
}
