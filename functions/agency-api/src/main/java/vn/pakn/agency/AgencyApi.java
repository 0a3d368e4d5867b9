package vn.pakn.agency;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.annotation.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.pakn.aws.http.Caller;
import vn.pakn.aws.http.HttpResponses;
import vn.pakn.aws.http.JsonRequest;
import vn.pakn.aws.http.PageLimit;
import vn.pakn.aws.http.StrictObject;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.UploadPolicy;
import vn.pakn.domain.lifecycle.Action;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.ReferenceData;

/**
 * The agency routes, behind API Gateway's JWT authorizer ({@code AgencyJwt}): the caller is read
 * from the claims it validated ({@link Caller}). Officers see and act on the complaints their
 * agency is in charge of; administrators may read any agency's, and act on none. Built eagerly
 * ({@code @Context}) so clients and the mapper exist before the first request and the snapshot.
 */
@Context
public class AgencyApi {
    static final String LIST = "GET /v1/agency/complaints";
    static final String GET = "GET /v1/agency/complaints/{id}";
    static final String ACT = "POST /v1/agency/complaints/{id}/actions/{action}";
    static final Set<String> LIST_PARAMETERS = Set.of("status", "overdue", "limit", "cursor", "agencyId");
    private static final Pattern COMPLAINT_ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final String OVERDUE_VIEW = "overdue";

    private final AgencyService service;
    private final ReferenceData reference;
    private final PhotoLinks photos;

    public AgencyApi(AgencyService service, ReferenceData reference, PhotoLinks photos) {
        this.service = service;
        this.reference = reference;
        this.photos = photos;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            Caller caller = Caller.from(event);
            return switch (route) {
                case LIST -> list(event, caller);
                case GET -> get(event, caller);
                case ACT -> act(event, caller);
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

    // ------------------------------------------------------------------ GET /v1/agency/complaints

    private APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event, Caller caller) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        for (String name : query.keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw InputError.invalid("unknown_parameter", name,
                        "Tham số này không được hỗ trợ.", "This query parameter is not supported.");
            }
        }
        String agencyId = listedAgency(caller, blankToNull(query.get("agencyId")));
        boolean overdue = flag(query.get("overdue"));
        List<Status> statuses = statuses(query.get("status"));
        if (overdue && statuses != null) {
            throw InputError.invalid("unsupported_combination", "status",
                    "Danh sách quá hạn gồm mọi trạng thái đang mở; không kết hợp với status.",
                    "The overdue list covers every open status; it cannot be combined with status.");
        }
        int limit = limit(query.get("limit"));
        List<AgencyInbox.Shelf> shelves;
        String view;
        if (overdue) {
            shelves = List.of(new AgencyInbox.Shelf.Overdue());
            view = OVERDUE_VIEW;
        } else {
            List<Status> wanted = statuses == null ? AgencyService.OPEN : statuses;
            shelves = wanted.stream().<AgencyInbox.Shelf>map(AgencyInbox.Shelf.InStatus::new).toList();
            view = view(wanted);
        }
        String cursor = blankToNull(query.get("cursor"));
        String after = cursor == null ? null : ListCursor.decode(cursor, agencyId, view);
        AgencyService.Page page = service.list(agencyId, shelves, after, limit);
        Log.info("agency.listed", "agencyId", agencyId, "view", view, "items", page.entries().size(),
                "more", page.nextAfter() != null);
        String next = page.nextAfter() == null ? null : ListCursor.encode(agencyId, view, page.nextAfter());
        return HttpResponses.json(200, AgencyJson.page(page.entries(), next));
    }

    /** The listing a cursor belongs to: the statuses in their lifecycle order, however the client wrote them. */
    static String view(List<Status> statuses) {
        return statuses.stream().sorted().distinct().map(Status::name).collect(Collectors.joining(","));
    }

    private String listedAgency(Caller caller, String requested) {
        if (caller.isAdmin()) {
            if (requested == null) {
                throw InputError.required("agencyId");
            }
            if (reference.agency(requested).isEmpty()) {
                throw InputError.invalid("unknown_agency", "agencyId",
                        "Không có cơ quan với mã này.", "No agency has this id.");
            }
            return requested;
        }
        String own = caller.requireAgency();
        if (requested != null && !requested.equals(own)) {
            throw InputError.forbidden("other_agency",
                    "Cán bộ chỉ xem được phản ánh của cơ quan mình.",
                    "Officers can only list their own agency's complaints.");
        }
        return own;
    }

    /** One status or several, comma-separated (API Gateway joins repeated parameters the same way). */
    private static List<Status> statuses(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        EnumSet<Status> out = EnumSet.noneOf(Status.class);
        for (String part : value.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            Status status = Arrays.stream(Status.values()).filter(s -> s.name().equals(name)).findFirst()
                    .filter(s -> s != Status.RECEIVED)
                    .orElseThrow(() -> InputError.invalid("invalid_value", "status",
                            "Trạng thái không hợp lệ. Có thể: " + listable() + ".",
                            "Unknown status. Use one of: " + listable() + "."));
            out.add(status);
        }
        return new ArrayList<>(out);
    }

    private static String listable() {
        return Arrays.stream(Status.values()).filter(s -> s != Status.RECEIVED).map(Status::name)
                .collect(Collectors.joining(", "));
    }

    private static boolean flag(String value) {
        if (blankToNull(value) == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw InputError.invalid("invalid_value", "overdue", "Chỉ nhận true hoặc false.", "Must be true or false.");
    }

    private static int limit(String value) {
        return PageLimit.parse(value, AgencyService.DEFAULT_LIMIT, AgencyService.MAX_LIMIT);
    }

    // ------------------------------------------------------------------ GET /v1/agency/complaints/{id}

    private APIGatewayV2HTTPResponse get(APIGatewayV2HTTPEvent event, Caller caller) {
        String id = complaintId(event);
        ComplaintHistory history = caller.isAdmin() ? service.getAny(id) : service.get(caller.requireAgency(), id);
        Log.info("agency.viewed", "complaintId", id, "agencyId", caller.agencyId(), "admin", caller.isAdmin());
        return HttpResponses.json(200, AgencyJson.complaint(history, reference, photos));
    }

    // ------------------------------------------------------------------ POST .../actions/{action}

    private APIGatewayV2HTTPResponse act(APIGatewayV2HTTPEvent event, Caller caller) {
        String agencyId = caller.requireAgency();
        String id = complaintId(event);
        String name = pathParameter(event, "action");
        Action action = Action.AGENCY_ACTIONS.stream().filter(a -> a.wireName().equals(name)).findFirst()
                .orElseThrow(() -> InputError.notFound("unknown_action", "action",
                        "Không có thao tác này. Có thể: " + agencyActions() + ".",
                        "No such action. Agencies can: " + agencyActions() + "."));
        StrictObject body = body(event, action);
        Integer expectedVersion = expectedVersion(body);
        Command command = command(action, body);
        Transition t = service.act(agencyId, caller.officerId(), id, command, expectedVersion);
        Log.info("agency.acted", "complaintId", id, "action", action.wireName(), "agencyId", agencyId,
                "status", t.after().status().name(), "version", t.after().version(),
                "toAgencyId", t.notifyAgencyId());
        return HttpResponses.json(200, AgencyJson.transition(t));
    }

    /** The fields each action takes; anything else is refused rather than ignored. */
    static Set<String> fields(Action action) {
        return switch (action) {
            case ACKNOWLEDGE, START -> Set.of("note", "expectedVersion");
            case REQUEST_INFO -> Set.of("question", "expectedVersion");
            case RESOLVE -> Set.of("response", "expectedVersion");
            case REJECT -> Set.of("reason", "duplicateOf", "note", "expectedVersion");
            case TRANSFER -> Set.of("toAgencyId", "reason", "expectedVersion");
            case ESCALATE -> Set.of("reason", "expectedVersion");
            case PUBLISH_PHOTOS -> Set.of("uploadIds", "publishable", "expectedVersion");
            default -> throw new IllegalArgumentException(action + " is not an agency action");
        };
    }

    /** Null when the request has no body at all: acknowledge and start need none. */
    private static StrictObject body(APIGatewayV2HTTPEvent event, Action action) {
        if (JsonRequest.rawBody(event).isBlank()) {
            return null;
        }
        return JsonRequest.objectBody(event).allowOnly(fields(action));
    }

    private static Integer expectedVersion(StrictObject body) {
        Long value = body == null ? null : body.integer("expectedVersion");
        if (value == null) {
            return null;
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw InputError.invalid("out_of_range", "expectedVersion",
                    "Phiên bản phải là số nguyên dương.", "The version must be a positive integer.");
        }
        return value.intValue();
    }

    private static Command command(Action action, StrictObject body) {
        return switch (action) {
            case ACKNOWLEDGE -> new Command.Acknowledge(text(body, "note"));
            case START -> new Command.Start(text(body, "note"));
            case REQUEST_INFO -> new Command.RequestInfo(text(body, "question"));
            case RESOLVE -> new Command.Resolve(text(body, "response"));
            case REJECT -> reject(body);
            case TRANSFER -> new Command.Transfer(text(body, "toAgencyId"), text(body, "reason"));
            case ESCALATE -> new Command.Escalate(text(body, "reason"));
            case PUBLISH_PHOTOS -> new Command.PublishPhotos(
                    body == null ? null : body.strings("uploadIds", UploadPolicy.MAX_PHOTOS_PER_COMPLAINT,
                            InputError.invalid("too_many", "uploadIds",
                                    "Một phản ánh có tối đa " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " ảnh.",
                                    "A complaint has at most " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " photos.")),
                    body == null ? null : body.bool("publishable"));
            default -> throw new IllegalArgumentException(action + " is not an agency action");
        };
    }

    private static Command reject(StrictObject body) {
        String reasonText = text(body, "reason");
        RejectReason reason = reasonText == null ? null : RejectReason.fromWire(reasonText).orElseThrow(() ->
                InputError.invalid("invalid_value", "reason",
                        "Lý do phải là duplicate-of, invalid hoặc not-actionable.",
                        "The reason must be duplicate-of, invalid or not-actionable."));
        String duplicateOf = text(body, "duplicateOf");
        if (duplicateOf != null) {
            if (reason != RejectReason.DUPLICATE_OF) {
                throw InputError.invalid("not_applicable", "duplicateOf",
                        "Chỉ dùng khi lý do là duplicate-of.", "Only with the reason duplicate-of.");
            }
            duplicateOf = TrackingCode.normalize(duplicateOf).orElseThrow(() ->
                    InputError.invalid("invalid_tracking_code", "duplicateOf",
                            "Mã theo dõi không hợp lệ (dạng XXXX-XXXX).",
                            "Not a valid tracking code (XXXX-XXXX)."));
        }
        return new Command.Reject(reason, duplicateOf, text(body, "note"));
    }

    /** A text field, bounded before it reaches the domain; blank reads as absent. */
    private static String text(StrictObject body, String field) {
        String value = body == null ? null : body.string(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > Lifecycle.MAX_TEXT) {
            throw InputError.tooLong(field, Lifecycle.MAX_TEXT);
        }
        return value.strip();
    }

    private static String agencyActions() {
        return Action.AGENCY_ACTIONS.stream().map(Action::wireName).sorted().collect(Collectors.joining(", "));
    }

    /** Anything that cannot be a complaint id is as unknown as an id nobody holds. */
    private static String complaintId(APIGatewayV2HTTPEvent event) {
        String id = pathParameter(event, "id");
        if (id == null || !COMPLAINT_ID.matcher(id).matches()) {
            throw AgencyService.notFound();
        }
        return id;
    }

    private static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
