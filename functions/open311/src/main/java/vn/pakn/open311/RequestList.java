package vn.pakn.open311;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * GET Service Requests' arguments with the spec's defaults and limits: {@code service_request_id}
 * overrides every other argument; the date range defaults to the most recent 90 days and may not
 * span more; at most 1000 requests come back, newest first. Repeated arguments are comma-delimited.
 */
record RequestList(List<String> ids, Instant from, Instant to, ServiceRequestQuery.Filter filter) {
    static final Duration MAX_SPAN = Duration.ofDays(90);
    static final int MAX_RESULTS = 1000;
    /** About what a URL can carry (26-character ids), and one batched read. */
    static final int MAX_IDS = 100;

    boolean byIds() {
        return !ids.isEmpty();
    }

    static RequestList parse(Map<String, String> query, Instant now, ReferenceData reference) {
        Set<String> ids = commaList(query.get("service_request_id"));
        if (ids.size() > MAX_IDS) {
            throw InputError.invalid("too_many", "service_request_id",
                    "Tối đa " + MAX_IDS + " mã trong một lần tra cứu.", "At most " + MAX_IDS + " ids per request.");
        }
        Set<String> excluded = reference.categories().stream().filter(c -> !c.publicFeed()).map(Category::code)
                .collect(Collectors.toSet());
        if (!ids.isEmpty()) {
            return new RequestList(List.copyOf(ids), null, null,
                    new ServiceRequestQuery.Filter(Set.of(), Set.of(), excluded));
        }

        Set<String> codes = commaList(query.get("service_code"));
        for (String code : codes) {
            if (reference.category(code).isEmpty()) {
                throw InputError.invalid("unknown_service", "service_code",
                        "Không có dịch vụ (lĩnh vực) với mã " + code + ".", "No service has the code " + code + ".");
            }
        }
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (String status : commaList(query.get("status"))) {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "open" -> Arrays.stream(Status.values()).filter(Status::isOpen).forEach(statuses::add);
                case "closed" -> Arrays.stream(Status.values()).filter(s -> !s.isOpen()).forEach(statuses::add);
                default -> throw InputError.invalid("unknown_status", "status",
                        "Trạng thái chỉ có thể là open hoặc closed.", "The status can only be open or closed.");
            }
        }

        String start = blankToNull(query.get("start_date"));
        String end = blankToNull(query.get("end_date"));
        Instant from = start == null ? null : Times.parse("start_date", start, false);
        Instant to = end == null ? null : Times.parse("end_date", end, true);
        if (from == null && to == null) {
            to = now;
            from = now.minus(MAX_SPAN);
        } else if (from == null) {
            from = to.minus(MAX_SPAN);
        } else if (to == null) {
            to = from.plus(MAX_SPAN);
        } else if (from.isAfter(to)) {
            throw InputError.invalid("invalid_range", "end_date",
                    "end_date phải sau start_date.", "end_date must not be before start_date.");
        } else if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw InputError.invalid("range_too_long", "end_date",
                    "Khoảng thời gian không được dài quá 90 ngày.", "The date range may not span more than 90 days.");
        }
        return new RequestList(List.of(), from, to, new ServiceRequestQuery.Filter(statuses, codes, excluded));
    }

    private static Set<String> commaList(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
