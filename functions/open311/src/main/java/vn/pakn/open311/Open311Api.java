package vn.pakn.open311;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.pakn.aws.http.JsonRequest;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * Open311 GeoReport v2 under {@code /open311/v2}, in XML and JSON by the resource's extension.
 * Built eagerly ({@code @Context}) so the SDK clients and the mapper exist before the first
 * request. Errors are the spec's {@code errors} list: 404 for what does not exist, 403 for a
 * missing or wrong api_key, 400 for everything else, including failures on pakn's side (the
 * spec's "general service error").
 */
@Context
public class Open311Api {
    public static final String ROOT = "GET /open311/v2/{document}";
    public static final String POST_ROOT = "POST /open311/v2/{document}";
    public static final String SERVICE = "GET /open311/v2/services/{document}";
    public static final String REQUEST = "GET /open311/v2/requests/{document}";
    public static final String TOKEN = "GET /open311/v2/tokens/{document}";
    static final String BASE_PATH = "/open311/v2";
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    private static final String CATALOG_CACHE = "public, max-age=300";
    private static final String LIST_CACHE = "public, max-age=60";
    private static final String NO_STORE = "no-store";

    /** pakn's own field names, as the intake reports them, and the Open311 arguments they came from. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("category", "service_code"),
            Map.entry("location", "lat"),
            Map.entry("location.lat", "lat"),
            Map.entry("location.lon", "long"),
            Map.entry("areaCode", "attribute[" + Services.AREA_ATTRIBUTE + "]"),
            Map.entry("reporter.name", "first_name"),
            Map.entry("reporter.phone", "phone"),
            Map.entry("reporter.email", "email"),
            Map.entry("photos", "media_url"),
            Map.entry("mediaLinks", "media_url"),
            Map.entry("mediaLinks[0]", "media_url"),
            Map.entry("privateNote", "address_string"));

    /** Discovery's fixed texts, from the function's environment. */
    public record Settings(String changeset, String contact, String keyService, String endpointType) {
    }

    private final ReferenceData reference;
    private final ServiceRequestQuery requests;
    private final Submission submission;
    private final Settings settings;
    private final Clock clock;

    public Open311Api(IntakeService intake, ReferenceData reference, ServiceRequestQuery requests, ApiKeys keys,
                      Settings settings, Clock clock) {
        this.reference = reference;
        this.requests = requests;
        this.submission = new Submission(intake, reference, keys);
        this.settings = settings;
        this.clock = clock;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        Lang lang = Lang.of(query.get("locale"), JsonRequest.header(event, "accept-language"));
        String segment = event.getPathParameters() == null ? null : event.getPathParameters().get("document");
        Optional<Format.Document> document = Format.Document.parse(segment);
        // An error about an unknown format is written in XML, the one format every client must read.
        Format format = document.map(Format.Document::format).orElse(Format.XML);
        try {
            Format.Document d = document.orElseThrow(() -> notFound());
            return switch (route) {
                case ROOT -> switch (d.name()) {
                    case "discovery" -> ok(discovery(event), format, CATALOG_CACHE);
                    case "services" -> ok(Services.list(reference, lang), format, CATALOG_CACHE);
                    case "requests" -> ok(list(query, lang), format, LIST_CACHE);
                    default -> throw notFound();
                };
                case POST_ROOT -> {
                    if (!d.name().equals("requests")) {
                        throw notFound();
                    }
                    yield submit(event, format, lang);
                }
                case SERVICE -> ok(Services.definition(category(d.name()), reference, lang), format, CATALOG_CACHE);
                case REQUEST -> ok(ServiceRequests.list(List.of(visible(d.name())), reference, lang), format, LIST_CACHE);
                case TOKEN -> ok(token(d.name()), format, NO_STORE);
                default -> throw notFound();
            };
        } catch (InputError e) {
            Log.info("open311.rejected", "route", route, "code", e.code(), "field", e.field());
            return error(e, format, lang);
        } catch (RuntimeException e) {
            Log.error("open311.failed", e, "route", route);
            return respond(400, errors(500, lang.pick(
                    "Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút.",
                    "Something went wrong on our side. Please try again in a few minutes.")), format, NO_STORE);
        }
    }

    private Doc discovery(APIGatewayV2HTTPEvent event) {
        String proto = Optional.ofNullable(JsonRequest.header(event, "x-forwarded-proto")).orElse("https");
        String host = Optional.ofNullable(JsonRequest.header(event, "host"))
                .orElse(event.getRequestContext() == null ? "localhost" : event.getRequestContext().getDomainName());
        return Doc.group("discovery",
                Doc.value("changeset", settings.changeset()),
                Doc.value("contact", settings.contact()),
                Doc.value("key_service", settings.keyService()),
                Doc.repeated("endpoints", "endpoint", List.of(Doc.group("endpoint",
                        Doc.value("specification", SPECIFICATION),
                        Doc.value("url", proto + "://" + host + BASE_PATH),
                        Doc.value("changeset", settings.changeset()),
                        Doc.value("type", settings.endpointType()),
                        Doc.repeated("formats", "format", List.of(
                                Doc.value("format", Format.XML.mimeType()),
                                Doc.value("format", Format.JSON.mimeType())))))));
    }

    private Doc list(Map<String, String> query, Lang lang) {
        RequestList list = RequestList.parse(query, clock.instant(), reference);
        List<Complaint> found = list.byIds()
                ? requests.byIds(list.ids()).stream().filter(list.filter()::accepts).toList()
                : requests.received(list.from(), list.to(), list.filter(), RequestList.MAX_RESULTS);
        return ServiceRequests.list(found, reference, lang);
    }

    private APIGatewayV2HTTPResponse submit(APIGatewayV2HTTPEvent event, Format format, Lang lang) {
        Submission.Accepted accepted = submission.submit(FormBody.of(event),
                JsonRequest.header(event, IntakeService.IDEMPOTENCY_HEADER));
        var receipt = accepted.receipt();
        Log.info("open311.accepted", "complaintId", receipt.id(), "category", accepted.category().code());
        String code = receipt.trackingCode();
        String notice = Services.notice(accepted.category(), lang) + lang.pick(
                " Mã theo dõi: " + code + " (tra cứu tại /v1/complaints/" + code + "). Mã bí mật của người phản ánh,"
                        + " chỉ trao cho người đó: " + receipt.citizenSecret() + " (dùng để trả lời cơ quan xử lý,"
                        + " xác nhận kết quả hoặc mở lại phản ánh).",
                " Tracking code: " + code + " (look it up at /v1/complaints/" + code + "). The reporter's secret,"
                        + " for them alone: " + receipt.citizenSecret() + " (to answer the agency, confirm the"
                        + " result or reopen the report).");
        Doc body = Doc.repeated("service_requests", "request", List.of(Doc.group("request",
                Doc.value("service_request_id", receipt.id()),
                Doc.value("service_notice", notice),
                Doc.value("account_id", null))));
        return respond(200, body, format, NO_STORE);
    }

    private Category category(String code) {
        return reference.category(code).orElseThrow(() -> InputError.notFound("unknown_service", "service_code",
                "Không có dịch vụ (lĩnh vực) với mã này.", "No service has this service_code."));
    }

    /** Complaints of categories kept out of public lists are as absent here as unknown ids. */
    private Complaint visible(String id) {
        return requests.byIds(List.of(id)).stream().filter(c -> ServiceRequests.isPublic(c, reference)).findFirst()
                .orElseThrow(() -> InputError.notFound("unknown_request", "service_request_id",
                        "Không có yêu cầu với mã này.", "No service request has this id."));
    }

    /**
     * Intake is synchronous, so no POST ever answers with a token; a tracking code, the handle a
     * citizen holds, serves as one and gives the service request's id.
     */
    private Doc token(String token) {
        InputError unknown = InputError.notFound("unknown_token", "token",
                "Không có mã (token) này.", "No such token.");
        String code = TrackingCode.normalize(token).orElseThrow(() -> unknown);
        String id = requests.idForTrackingCode(code).orElseThrow(() -> unknown);
        return Doc.repeated("service_requests", "request", List.of(Doc.group("request",
                Doc.value("service_request_id", id),
                Doc.value("token", code))));
    }

    private static InputError notFound() {
        return InputError.notFound("not_found", null,
                "Không có tài nguyên này. Dạng đúng: /open311/v2/services.xml hoặc .json.",
                "No such resource. The form is /open311/v2/services.xml or .json.");
    }

    private static APIGatewayV2HTTPResponse error(InputError e, Format format, Lang lang) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN, UNAUTHENTICATED -> 403;
            default -> 400;
        };
        String field = e.field() == null ? null : FIELDS.getOrDefault(e.field(), e.field());
        String text = lang.pick(e.text());
        return respond(status, errors(status, field == null ? text : field + ": " + text), format, NO_STORE);
    }

    private static Doc errors(int code, String description) {
        return Doc.repeated("errors", "error", List.of(Doc.group("error",
                Doc.value("code", code),
                Doc.value("description", description))));
    }

    private static APIGatewayV2HTTPResponse ok(Doc body, Format format, String cacheControl) {
        return respond(200, body, format, cacheControl);
    }

    private static APIGatewayV2HTTPResponse respond(int status, Doc body, Format format, String cacheControl) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", format.contentType());
        headers.put("cache-control", cacheControl);
        headers.put("vary", "accept-language");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(Doc.write(body, format))
                .withIsBase64Encoded(false)
                .build();
    }
}
