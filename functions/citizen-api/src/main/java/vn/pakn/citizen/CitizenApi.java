package vn.pakn.citizen;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.pakn.aws.http.HttpResponses;
import vn.pakn.aws.http.JsonRequest;
import vn.pakn.aws.http.StrictObject;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.intake.PublicComplaintView;
import vn.pakn.domain.intake.SubmitReceipt;
import vn.pakn.domain.intake.SubmitRequest;
import vn.pakn.domain.intake.UploadPolicy;
import vn.pakn.domain.intake.UploadSlot;
import vn.pakn.domain.reference.ReferenceData;

/**
 * The citizen routes. Built eagerly ({@code @Context}) so SDK clients and the object mapper
 * exist before the first request, and before a SnapStart snapshot.
 */
@Context
public class CitizenApi {
    static final Set<String> SUBMIT_FIELDS = Set.of("category", "description", "location", "areaCode", "photos",
            "reporter", "hideIdentity", "channel");

    private final IntakeService intake;
    private final ReferenceData reference;
    private final CitizenActionRoutes actions;

    public CitizenApi(IntakeService intake, ReferenceData reference, CitizenActions actions) {
        this.intake = intake;
        this.reference = reference;
        this.actions = new CitizenActionRoutes(actions);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey();
        try {
            return switch (route == null ? "" : route) {
                case "GET /v1/categories" -> categories();
                case "GET /v1/areas" -> areas();
                case "POST /v1/uploads" -> createUploadSlot(event);
                case "POST /v1/complaints" -> submit(event);
                case "GET /v1/complaints/{trackingCode}" -> track(event);
                case CitizenActionRoutes.INFO, CitizenActionRoutes.CONFIRM, CitizenActionRoutes.REOPEN ->
                        actions.handle(event);
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

    private APIGatewayV2HTTPResponse categories() {
        ArrayNode list = Json.array();
        for (var c : reference.categories()) {
            ObjectNode item = list.addObject();
            item.put("code", c.code());
            item.putObject("name").put("vi", c.name().vi()).put("en", c.name().en());
            item.put("photoRequired", c.photoRequired());
            item.put("ackHours", c.ackHours());
            item.put("resolveDays", c.resolveDays());
        }
        ObjectNode body = Json.object();
        body.set("categories", list);
        return HttpResponses.json(200, body, Map.of("cache-control", "public, max-age=300"));
    }

    private APIGatewayV2HTTPResponse areas() {
        ArrayNode list = Json.array();
        var retired = reference.retiredAreas();
        for (var a : reference.areas().all()) {
            if (retired.contains(a.code())) {
                continue;
            }
            ObjectNode item = list.addObject();
            item.put("code", a.code());
            item.put("name", a.name());
            item.put("level", a.level());
            item.put("parent", a.parentCode());
            if (a.centroidLat() != null && a.centroidLon() != null) {
                item.putObject("centroid").put("lat", a.centroidLat()).put("lon", a.centroidLon());
            }
        }
        ObjectNode body = Json.object();
        body.set("areas", list);
        return HttpResponses.json(200, body, Map.of("cache-control", "public, max-age=300"));
    }

    private APIGatewayV2HTTPResponse createUploadSlot(APIGatewayV2HTTPEvent event) {
        StrictObject body = JsonRequest.objectBody(event).allowOnly(Set.of("contentType", "contentLength"));
        String contentType = body.string("contentType");
        Long contentLength = body.integer("contentLength");
        UploadSlot slot = intake.createUploadSlot(contentType, contentLength);
        Log.info("upload.slot.created", "uploadId", slot.uploadId(), "contentType", contentType, "bytes", contentLength);
        ObjectNode out = Json.object();
        out.put("uploadId", slot.uploadId());
        ObjectNode upload = out.putObject("upload");
        upload.put("method", "PUT");
        upload.put("url", slot.url().toString());
        ObjectNode headers = upload.putObject("headers");
        slot.headers().forEach(headers::put);
        out.put("expiresAt", slot.expiresAt().toString());
        out.put("maxBytes", slot.maxBytes());
        return HttpResponses.json(201, out);
    }

    private APIGatewayV2HTTPResponse submit(APIGatewayV2HTTPEvent event) {
        StrictObject body = JsonRequest.objectBody(event).allowOnly(SUBMIT_FIELDS);
        StrictObject location = body.object("location");
        if (location != null) {
            location.allowOnly(Set.of("lat", "lon"));
        }
        StrictObject reporter = body.object("reporter");
        if (reporter != null) {
            reporter.allowOnly(Set.of("name", "phone", "email"));
        }
        SubmitRequest request = new SubmitRequest(
                body.string("category"),
                body.string("description"),
                location == null ? null : location.number("lat"),
                location == null ? null : location.number("lon"),
                location != null,
                body.string("areaCode"),
                body.strings("photos", UploadPolicy.MAX_PHOTOS_PER_COMPLAINT, InputError.invalid("too_many", "photos",
                        "Tối đa " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " ảnh cho một phản ánh.",
                        "At most " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " photos per complaint.")),
                reporter == null ? null : reporter.string("name"),
                reporter == null ? null : reporter.string("phone"),
                reporter == null ? null : reporter.string("email"),
                body.bool("hideIdentity"),
                body.string("channel"));
        String key = JsonRequest.header(event, IntakeService.IDEMPOTENCY_HEADER);
        SubmitReceipt receipt = intake.submit(request, key, fingerprint(body.asSent()));
        Log.info("complaint.accepted", "complaintId", receipt.id(), "trackingCode", receipt.trackingCode(),
                "category", request.category(), "photos", request.photos() == null ? 0 : request.photos().size(),
                "idempotencyKey", key != null);
        ObjectNode out = Json.object();
        out.put("id", receipt.id());
        out.put("trackingCode", receipt.trackingCode());
        out.put("status", receipt.status().name());
        out.put("receivedAt", receipt.receivedAt().toString());
        out.put("citizenSecret", receipt.citizenSecret());
        String self = "/v1/complaints/" + receipt.trackingCode();
        out.putObject("links").put("track", self);
        return HttpResponses.json(201, out, Map.of("location", self));
    }

    private APIGatewayV2HTTPResponse track(APIGatewayV2HTTPEvent event) {
        Map<String, String> params = event.getPathParameters();
        PublicComplaintView view = intake.track(params == null ? null : params.get("trackingCode"));
        return HttpResponses.json(200, ComplaintJson.publicView(view));
    }

    /**
     * Hash of the body with object keys sorted and whitespace dropped, so a client that
     * re-serialises the same request on retry is still recognised as the same request.
     */
    static String fingerprint(JsonNode body) {
        String canonical = Json.write(sorted(body));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode out = Json.object();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }
}
