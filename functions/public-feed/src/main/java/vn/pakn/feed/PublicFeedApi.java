package vn.pakn.feed;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.pakn.aws.http.HttpResponses;
import vn.pakn.aws.http.PageCursor;
import vn.pakn.aws.http.PageLimit;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.json.PublicViewJson;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.PublicComplaintView;

/**
 * The public feed's routes, open to anyone (no authorizer). Answers are the same for every caller,
 * so they may be cached; the presigned photo links in them outlive the cache by far.
 */
@Context
public class PublicFeedApi {
    static final String LIST = "GET /v1/public/complaints";
    static final String GET = "GET /v1/public/complaints/{id}";
    static final Set<String> LIST_PARAMETERS = Set.of("area", "category", "status", "from", "to", "limit", "cursor");
    /** Shorter than any photo link's life ({@code PHOTO_URL_TTL_SECONDS}), so a cached answer's links still work. */
    static final int MAX_AGE_SECONDS = 60;
    static final String CURSOR_SCOPE = "public-feed";
    private static final Pattern COMPLAINT_ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PublicFeedService service;
    private final PublicPhotoLinks photos;

    public PublicFeedApi(PublicFeedService service, PublicPhotoLinks photos) {
        this.service = service;
        this.photos = photos;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            return switch (route) {
                case LIST -> list(event);
                case GET -> get(event);
                default -> HttpResponses.json(404, HttpResponses.errorBody("not_found", null,
                        "Không có địa chỉ này.", "No such route."));
            };
        } catch (InputError e) {
            Log.info("request.rejected", "route", route, "code", e.code(), "field", e.field());
            return HttpResponses.error(e);
        } catch (RuntimeException e) {
            Log.error("request.failed", e, "route", route);
            return HttpResponses.internalError();
        }
    }

    // ------------------------------------------------------------------ GET /v1/public/complaints

    private APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        for (String name : query.keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw InputError.invalid("unknown_parameter", name,
                        "Tham số này không được hỗ trợ.", "This query parameter is not supported.");
            }
        }
        LocalDate from = date(query.get("from"), "from");
        LocalDate to = date(query.get("to"), "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw InputError.invalid("out_of_range", "to",
                    "Ngày kết thúc không được trước ngày bắt đầu.", "The end date must not be before the start date.");
        }
        FeedFilter filter = new FeedFilter(code(query.get("area"), "area"), code(query.get("category"), "category"),
                statuses(query.get("status")), from, to);
        int limit = limit(query.get("limit"));
        String cursor = blankToNull(query.get("cursor"));
        FeedPosition start = cursor == null ? null : position(cursor, filter);
        PublicFeedService.Page page = service.list(filter, start, limit);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (PublicComplaintView view : page.items()) {
            items.add(PublicViewJson.feed(view, links(view), false));
        }
        body.put("nextCursor", page.next() == null ? null
                : PageCursor.encode(CURSOR_SCOPE, filter.view(), page.next().text()));
        Log.info("feed.listed", "filter", filter.view(), "items", page.items().size(), "more", page.next() != null);
        return HttpResponses.json(200, body, cacheable());
    }

    private static FeedPosition position(String cursor, FeedFilter filter) {
        String text = PageCursor.decode(cursor, CURSOR_SCOPE, filter.view(), FeedPosition.TEXT);
        try {
            return FeedPosition.parse(text);
        } catch (IllegalArgumentException e) {
            // The right shape, an impossible date: damaged like any other.
            throw PageCursor.invalid();
        }
    }

    /** One status or several, comma-separated (API Gateway joins repeated parameters the same way). */
    private static Set<Status> statuses(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        EnumSet<Status> out = EnumSet.noneOf(Status.class);
        for (String part : value.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            out.add(Arrays.stream(Status.values()).filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> InputError.invalid("invalid_value", "status",
                            "Trạng thái không hợp lệ. Có thể: " + allStatuses() + ".",
                            "Unknown status. Use one of: " + allStatuses() + ".")));
        }
        return out;
    }

    private static String allStatuses() {
        return Arrays.stream(Status.values()).map(Status::name).collect(Collectors.joining(", "));
    }

    private static LocalDate date(String value, String field) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw InputError.invalid("invalid_date", field,
                "Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-11-20.", "A date must be YYYY-MM-DD, e.g. 2026-11-20.");
    }

    /** Codes are looked up in the reference data; anything that cannot be one is refused before that. */
    private static String code(String value, String field) {
        if (blankToNull(value) == null) {
            return null;
        }
        if (!CODE.matcher(value).matches()) {
            throw InputError.invalid("invalid_value", field, "Mã không hợp lệ.", "Not a valid code.");
        }
        return value;
    }

    private static int limit(String value) {
        return PageLimit.parse(value, PublicFeedService.DEFAULT_LIMIT, PublicFeedService.MAX_LIMIT);
    }

    // ------------------------------------------------------------------ GET /v1/public/complaints/{id}

    private APIGatewayV2HTTPResponse get(APIGatewayV2HTTPEvent event) {
        Map<String, String> params = event.getPathParameters();
        String id = params == null ? null : params.get("id");
        // Anything that cannot be a complaint id is as unknown as an id nobody holds.
        if (id == null || !COMPLAINT_ID.matcher(id).matches()) {
            throw PublicFeedService.notFound();
        }
        PublicComplaintView view = service.get(id);
        Log.info("feed.viewed", "complaintId", id);
        return HttpResponses.json(200, PublicViewJson.feed(view, links(view), true), cacheable());
    }

    private ArrayNode links(PublicComplaintView view) {
        ArrayNode out = Json.array();
        for (PublicComplaintView.PublicPhoto photo : view.photos()) {
            PublicPhotoLinks.Link link = photos.link(photo.uploadId(), photo.type());
            out.addObject().put("url", link.url().toString()).put("contentType", photo.type().contentType())
                    .put("expiresAt", link.expiresAt().toString());
        }
        return out;
    }

    private static Map<String, String> cacheable() {
        return Map.of("cache-control", "public, max-age=" + MAX_AGE_SECONDS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
