package vn.pakn.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.pakn.aws.dynamo.ProvinceFile;
import vn.pakn.aws.http.Caller;
import vn.pakn.aws.http.HttpResponses;
import vn.pakn.aws.http.JsonRequest;
import vn.pakn.aws.http.StrictObject;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceAdminStore.AgencyEntry;
import vn.pakn.domain.reference.ReferenceAdminStore.AreaEntry;
import vn.pakn.domain.reference.ReferenceAdminStore.Holiday;
import vn.pakn.domain.reference.ReferenceAdminStore.Snapshot;
import vn.pakn.domain.reference.RoutingRule;

/**
 * The admin routes, behind API Gateway's JWT authorizer ({@code AgencyJwt}); every one requires
 * the role {@code admin} ({@link Caller#requireAdmin()}), checked before anything is read. Bodies
 * are strict: an unknown field is refused, not ignored. Every read is fresh (no cache), so an
 * administrator sees their change at once; other functions cache reference data for up to
 * {@code REFERENCE_CACHE_SECONDS} (60 s) and pick a change up within that time.
 */
public class AdminApi {
    static final String LIST_CATEGORIES = "GET /v1/admin/categories";
    static final String GET_CATEGORY = "GET /v1/admin/categories/{code}";
    static final String PUT_CATEGORY = "PUT /v1/admin/categories/{code}";
    static final String LIST_AREAS = "GET /v1/admin/areas";
    static final String PUT_AREA = "PUT /v1/admin/areas/{code}";
    static final String MERGE_AREA = "POST /v1/admin/areas/{code}/merge";
    static final String LIST_AGENCIES = "GET /v1/admin/agencies";
    static final String PUT_AGENCY = "PUT /v1/admin/agencies/{id}";
    static final String DISABLE_AGENCY = "POST /v1/admin/agencies/{id}/disable";
    static final String ENABLE_AGENCY = "POST /v1/admin/agencies/{id}/enable";
    static final String LIST_RULES = "GET /v1/admin/rules";
    static final String PUT_RULE = "PUT /v1/admin/rules";
    static final String DELETE_RULE = "DELETE /v1/admin/rules/{category}/{area}";
    static final String LIST_HOLIDAYS = "GET /v1/admin/holidays";
    static final String PUT_HOLIDAY = "PUT /v1/admin/holidays/{date}";
    static final String DELETE_HOLIDAY = "DELETE /v1/admin/holidays/{date}";
    static final String IMPORT = "POST /v1/admin/import";
    static final List<String> ROUTES = List.of(LIST_CATEGORIES, GET_CATEGORY, PUT_CATEGORY, LIST_AREAS, PUT_AREA,
            MERGE_AREA, LIST_AGENCIES, PUT_AGENCY, DISABLE_AGENCY, ENABLE_AGENCY, LIST_RULES, PUT_RULE, DELETE_RULE,
            LIST_HOLIDAYS, PUT_HOLIDAY, DELETE_HOLIDAY, IMPORT);
    /** A province file with a hundred communes and their rules is a few dozen KiB; this leaves room. */
    static final int MAX_IMPORT_BYTES = 1024 * 1024;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final AdminService service;
    private final ProvinceImport provinceImport;

    public AdminApi(AdminService service, ProvinceImport provinceImport) {
        this.service = service;
        this.provinceImport = provinceImport;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            Caller caller = Caller.from(event).requireAdmin();
            APIGatewayV2HTTPResponse response = switch (route) {
                case LIST_CATEGORIES -> listCategories();
                case GET_CATEGORY -> ok(AdminJson.category(service.category(path(event, "code"))));
                case PUT_CATEGORY -> putCategory(event);
                case LIST_AREAS -> listAreas();
                case PUT_AREA -> putArea(event);
                case MERGE_AREA -> merge(event);
                case LIST_AGENCIES -> listAgencies();
                case PUT_AGENCY -> putAgency(event);
                case DISABLE_AGENCY -> ok(AdminJson.agency(service.disable(path(event, "id"))));
                case ENABLE_AGENCY -> ok(AdminJson.agency(service.enable(path(event, "id"))));
                case LIST_RULES -> listRules();
                case PUT_RULE -> putRule(event);
                case DELETE_RULE -> deleteRule(event);
                case LIST_HOLIDAYS -> listHolidays();
                case PUT_HOLIDAY -> putHoliday(event);
                case DELETE_HOLIDAY -> deleteHoliday(event);
                case IMPORT -> importProvince(event);
                default -> HttpResponses.json(404, HttpResponses.errorBody("not_found", null,
                        "Không có địa chỉ này.", "No such route."));
            };
            Log.info("admin.request", "route", route, "officerId", caller.officerId(),
                    "status", response.getStatusCode());
            return response;
        } catch (InputError e) {
            Log.info("request.rejected", "route", route, "code", e.code(), "field", e.field());
            return HttpResponses.error(e);
        } catch (ProvinceFile.InvalidProvinceFileException e) {
            Log.info("request.rejected", "route", route, "code", "invalid_province_file",
                    "problems", e.problems().size());
            ObjectNode body = HttpResponses.errorBody("invalid_province_file", null,
                    "Tệp tỉnh không hợp lệ, chưa nhập gì (" + e.problems().size() + " lỗi, xem problems).",
                    "The province file is inconsistent; nothing was imported (" + e.problems().size()
                            + " problem(s), see problems).");
            ArrayNode problems = ((ObjectNode) body.get("error")).putArray("problems");
            e.problems().forEach(problems::add);
            return HttpResponses.json(400, body);
        } catch (RuntimeException e) {
            Log.error("request.failed", e, "route", route);
            return HttpResponses.internalError();
        }
    }

    // ------------------------------------------------------------------ categories

    private APIGatewayV2HTTPResponse listCategories() {
        ObjectNode body = Json.object();
        body.set("categories", AdminJson.list(service.snapshot().categories(), AdminJson::category));
        return ok(body);
    }

    private APIGatewayV2HTTPResponse putCategory(APIGatewayV2HTTPEvent event) {
        String code = path(event, "code");
        StrictObject body = JsonRequest.objectBody(event).allowOnly(Set.of("code", "name", "ackHours", "resolveDays",
                "photoRequired", "publicFeed", "escalateWhenOverdue"));
        sameId(body, "code", code);
        StrictObject name = body.object("name");
        if (name == null) {
            throw InputError.required("name");
        }
        name.allowOnly(Set.of("vi", "en"));
        Category category = new Category(code, new LocalizedText(name.string("vi"), name.string("en")),
                requiredInt(body, "ackHours"), requiredInt(body, "resolveDays"),
                flag(body, "photoRequired", false), flag(body, "publicFeed", true),
                flag(body, "escalateWhenOverdue", false));
        AdminService.Saved<Category> saved = service.putCategory(category);
        return saved(saved.created(), AdminJson.category(saved.value()));
    }

    // ------------------------------------------------------------------ areas

    private APIGatewayV2HTTPResponse listAreas() {
        ObjectNode body = Json.object();
        body.set("areas", AdminJson.list(service.snapshot().areaEntries(), AdminJson::area));
        return ok(body);
    }

    private APIGatewayV2HTTPResponse putArea(APIGatewayV2HTTPEvent event) {
        String code = path(event, "code");
        StrictObject body = JsonRequest.objectBody(event).allowOnly(Set.of("code", "name", "level", "parent",
                "centroid"));
        sameId(body, "code", code);
        // Stated, never assumed: a forgotten parent would silently move the area to the top level.
        if (!present(event, "parent")) {
            throw InputError.invalid("required", "parent",
                    "Hãy nêu địa bàn cha (null nếu là cấp cao nhất).",
                    "State the parent area (null for a top-level area).");
        }
        Double lat = null;
        Double lon = null;
        StrictObject centroid = body.object("centroid");
        if (centroid != null) {
            centroid.allowOnly(Set.of("lat", "lon"));
            lat = centroid.number("lat");
            lon = centroid.number("lon");
        }
        AdminService.AreaSaved saved = service.putArea(new Area(code, body.string("name"), body.string("level"),
                blankToNull(body.string("parent")), lat, lon));
        ObjectNode out = AdminJson.area(saved.area());
        if (saved.rerouting() != null) {
            out.set("rerouting", AdminJson.rerouting(saved.rerouting()));
        }
        return saved(saved.created(), out);
    }

    private APIGatewayV2HTTPResponse merge(APIGatewayV2HTTPEvent event) {
        String code = path(event, "code");
        StrictObject body = JsonRequest.objectBody(event).allowOnly(Set.of("into"));
        AdminService.Merged merged = service.merge(code, blankToNull(body.string("into")));
        ObjectNode out = Json.object();
        out.set("area", AdminJson.area(merged.area()));
        out.put("alreadyMerged", merged.alreadyMerged());
        ArrayNode reparented = out.putArray("reparented");
        merged.reparented().forEach(a -> reparented.add(a.code()));
        out.set("rulesMoved", AdminJson.list(merged.rulesMoved(), AdminJson::rule));
        out.set("rulesDropped", AdminJson.list(merged.rulesDropped(), AdminJson::rule));
        ArrayNode serving = out.putArray("agenciesServingMergedArea");
        merged.agenciesServingArea().forEach(serving::add);
        ObjectNode summary = AdminJson.rerouting(merged.rerouting());
        out.setAll(summary);
        return ok(out);
    }

    // ------------------------------------------------------------------ agencies

    private APIGatewayV2HTTPResponse listAgencies() {
        ObjectNode body = Json.object();
        body.set("agencies", AdminJson.list(service.snapshot().agencyEntries(), AdminJson::agency));
        return ok(body);
    }

    private APIGatewayV2HTTPResponse putAgency(APIGatewayV2HTTPEvent event) {
        String id = path(event, "id");
        StrictObject body = JsonRequest.objectBody(event).allowOnly(Set.of("id", "name", "level", "parent", "area",
                "enabled"));
        sameId(body, "id", id);
        AdminService.Saved<AgencyEntry> saved = service.putAgency(id, body.string("name"), body.string("level"),
                blankToNull(body.string("parent")), body.string("area"), body.bool("enabled"));
        return saved(saved.created(), AdminJson.agency(saved.value()));
    }

    // ------------------------------------------------------------------ rules

    private APIGatewayV2HTTPResponse listRules() {
        ObjectNode body = Json.object();
        body.set("rules", AdminJson.list(service.snapshot().rules(), AdminJson::rule));
        return ok(body);
    }

    private APIGatewayV2HTTPResponse putRule(APIGatewayV2HTTPEvent event) {
        StrictObject body = JsonRequest.objectBody(event).allowOnly(Set.of("category", "area", "agency"));
        AdminService.Saved<RoutingRule> saved = service.putRule(body.string("category"), body.string("area"),
                body.string("agency"));
        return saved(saved.created(), AdminJson.rule(saved.value()));
    }

    private APIGatewayV2HTTPResponse deleteRule(APIGatewayV2HTTPEvent event) {
        String category = path(event, "category");
        String area = path(event, "area");
        service.deleteRule(category, area);
        ObjectNode out = Json.object();
        out.putObject("deleted").put("category", category).put("area", area);
        return ok(out);
    }

    // ------------------------------------------------------------------ holidays

    private APIGatewayV2HTTPResponse listHolidays() {
        Snapshot snapshot = service.snapshot();
        ObjectNode body = Json.object();
        body.set("holidays", AdminJson.list(snapshot.holidayList(), AdminJson::holiday));
        return ok(body);
    }

    private APIGatewayV2HTTPResponse putHoliday(APIGatewayV2HTTPEvent event) {
        LocalDate date = date(event);
        String name = null;
        if (!JsonRequest.rawBody(event).isBlank()) {
            name = JsonRequest.objectBody(event).allowOnly(Set.of("name")).string("name");
        }
        AdminService.Saved<Holiday> saved = service.putHoliday(date, name);
        return saved(saved.created(), AdminJson.holiday(saved.value()));
    }

    private APIGatewayV2HTTPResponse deleteHoliday(APIGatewayV2HTTPEvent event) {
        LocalDate date = date(event);
        service.deleteHoliday(date);
        ObjectNode out = Json.object();
        out.putObject("deleted").put("date", date.toString());
        return ok(out);
    }

    // ------------------------------------------------------------------ import

    private APIGatewayV2HTTPResponse importProvince(APIGatewayV2HTTPEvent event) {
        String contentType = JsonRequest.header(event, "content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new InputError(InputError.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", null,
                    new LocalizedText("Nội dung gửi lên phải là JSON (Content-Type: application/json).",
                            "The request body must be JSON (Content-Type: application/json)."));
        }
        String raw = JsonRequest.rawBody(event);
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_IMPORT_BYTES) {
            throw new InputError(InputError.Kind.TOO_LARGE, "body_too_large", null,
                    new LocalizedText("Tệp quá lớn (tối đa 1 MiB).", "The file is too large (at most 1 MiB)."));
        }
        JsonNode root;
        try {
            root = Json.read(raw);
        } catch (JsonProcessingException e) {
            throw InputError.invalid("malformed_json", null,
                    "Nội dung gửi lên không phải JSON hợp lệ.", "The request body is not valid JSON.");
        }
        ProvinceImport.Result result = provinceImport.run(root);
        ObjectNode out = Json.object();
        out.put("province", result.file().province());
        out.put("areas", result.file().areas().size());
        out.put("agencies", result.file().agencies().size());
        out.put("rules", result.file().rules().size());
        out.put("holidays", result.file().holidays().size());
        ObjectNode queues = out.putObject("queues");
        result.queueUrls().forEach(queues::put);
        ArrayNode moved = out.putArray("moved");
        result.moved().forEach(moved::add);
        if (result.rerouting() != null) {
            out.set("rerouting", AdminJson.rerouting(result.rerouting()));
        }
        return ok(out);
    }

    // ------------------------------------------------------------------ helpers

    private static APIGatewayV2HTTPResponse ok(ObjectNode body) {
        return HttpResponses.json(200, body);
    }

    private static APIGatewayV2HTTPResponse saved(boolean created, ObjectNode body) {
        return HttpResponses.json(created ? 201 : 200, body);
    }

    private static String path(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isBlank()) {
            throw InputError.required(name);
        }
        // A client may encode "*" (the any-category rule) as %2A; no code contains a "%" itself.
        try {
            return value.contains("%") ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
        } catch (IllegalArgumentException e) {
            throw InputError.invalid("invalid_code", name, "Mã trên địa chỉ không hợp lệ.", "The code in the path is malformed.");
        }
    }

    private static LocalDate date(APIGatewayV2HTTPEvent event) {
        String value = path(event, "date");
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeException e) {
            // answered below
        }
        throw InputError.invalid("invalid_date", "date",
                "Ngày phải có dạng YYYY-MM-DD.", "The date must be YYYY-MM-DD.");
    }

    /** A body may repeat the id of its path (a GET's output sent back), but not contradict it. */
    private static void sameId(StrictObject body, String field, String fromPath) {
        String value = body.string(field);
        if (value != null && !value.equals(fromPath)) {
            throw InputError.invalid("id_mismatch", field,
                    "Mã trong nội dung khác mã trên địa chỉ.", "The body names another id than the path.");
        }
    }

    /** Whether the body states the field at all, null included. */
    private static boolean present(APIGatewayV2HTTPEvent event, String field) {
        try {
            JsonNode node = Json.read(JsonRequest.rawBody(event));
            return node != null && node.has(field);
        } catch (JsonProcessingException e) {
            return false; // objectBody parsed it a moment ago
        }
    }

    private static int requiredInt(StrictObject body, String field) {
        Long value = body.integer(field);
        if (value == null) {
            throw InputError.required(field);
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw InputError.invalid("out_of_range", field, "Giá trị quá lớn.", "The value is too large.");
        }
        return value.intValue();
    }

    private static boolean flag(StrictObject body, String field, boolean defaultValue) {
        Boolean value = body.bool(field);
        return value == null ? defaultValue : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
