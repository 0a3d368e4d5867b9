package vn.pakn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import vn.pakn.aws.http.Caller;
import vn.pakn.domain.reference.Agency;
import vn.pakn.local.events.HttpApiRequest;
import vn.pakn.local.events.HttpApiResponse;
import vn.pakn.local.events.LocalJwtIssuer;

/**
 * {@code POST /.local-auth/dev-token} {@code {"agency": "<id>", "officer"?: "<id>"}}: the web
 * console's sign-in on the local runtime, the browser's {@link DevToken}. It answers
 * {@code {"token", "expiresAt", "agency": {"id", "name"}}} with an officer token the template's
 * JWT authorizer accepts here (docs/auth.md).
 *
 * <p>Development only: the local runtime registers it beside the API; the template has no such
 * route, so no deployment can have it. Anyone who can reach the loopback port could as well run
 * DevToken with the same key, but a web page in the developer's browser must not get a token: the
 * {@code Host} must be this loopback address (a DNS-rebound name is refused), an {@code Origin},
 * when sent, must be this runtime's own, and the body must be JSON, which a cross-site form cannot
 * send without a preflight that nothing here answers. The answer carries no CORS header. Officers
 * only: administrators keep using the DevToken command.
 */
final class LocalSignIn implements Function<HttpApiRequest, HttpApiResponse> {
    static final String PATH = LocalJwtIssuer.ISSUER_PATH + "/dev-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("agency", "officer");

    private final LocalJwtIssuer issuer;
    private final String audience;
    private final int port;
    private final Function<String, Optional<Agency>> agencies;
    private final Consumer<String> console;

    /**
     * @param agencies the reference data's agency by id; empty when unknown
     */
    LocalSignIn(LocalJwtIssuer issuer, String audience, int port, Function<String, Optional<Agency>> agencies,
            Consumer<String> console) {
        this.issuer = issuer;
        this.audience = audience;
        this.port = port;
        this.agencies = agencies;
        this.console = console;
    }

    @Override
    public HttpApiResponse apply(HttpApiRequest request) {
        if (!request.method().equals("POST")) {
            return error(405, "method_not_allowed", null, "Chỉ nhận POST.", "POST only.");
        }
        String host = request.firstHeader("host");
        String origin = request.firstHeader("origin");
        if (host == null || !ownHosts().contains(host.toLowerCase(Locale.ROOT))
                || (origin != null && !ownHosts().stream().map(h -> "http://" + h).toList()
                        .contains(origin.toLowerCase(Locale.ROOT)))) {
            console.accept("POST " + PATH + " -> 403 (host " + host + ", origin " + origin + " is not this runtime)");
            return error(403, "foreign_origin", null, "Chỉ đăng nhập được từ chính máy chạy thử.",
                    "Sign-in works only from the local runtime's own pages.");
        }
        String type = request.firstHeader("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return error(415, "unsupported_media_type", null, "Nội dung phải là JSON.", "The body must be JSON.");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return error(400, "invalid_json", null, "Nội dung không phải là một đối tượng JSON.",
                    "The body is not a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return error(400, "unknown_field", name, "Trường không được hỗ trợ.", "Unknown field.");
            }
        }
        String agencyId = text(body, "agency");
        if (agencyId == null) {
            return error(400, "required", "agency", "Hãy chọn cơ quan.", "Choose the agency.");
        }
        String officer = text(body, "officer");
        if (!printableId(agencyId) || (officer != null && !printableId(officer))) {
            return error(400, "invalid_format", printableId(agencyId) ? "officer" : "agency",
                    "Mã chỉ gồm chữ, số và dấu, không có khoảng trắng, tối đa 128 ký tự.",
                    "An id is up to 128 printable characters without spaces.");
        }
        Optional<Agency> agency = agencies.apply(agencyId);
        if (agency.isEmpty()) {
            return error(400, "unknown_agency", "agency", "Không có cơ quan này trong dữ liệu.",
                    "No such agency in the reference data.");
        }
        Duration lifetime = DevToken.DEFAULT_LIFETIME;
        String token = DevToken.mint(issuer, audience,
                new Caller(officer == null ? DevToken.DEFAULT_OFFICER : officer, agencyId, Caller.Role.AGENCY), lifetime);
        console.accept("POST " + PATH + " -> 200 (officer token for agency " + agencyId + ")");
        ObjectNode out = JSON.createObjectNode();
        out.put("token", token);
        out.put("expiresAt", Instant.now().plus(lifetime).toString());
        out.putObject("agency").put("id", agencyId).put("name", agency.get().name());
        return json(200, out);
    }

    private List<String> ownHosts() {
        return List.of("127.0.0.1:" + port, "localhost:" + port);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static boolean printableId(String id) {
        return id.length() <= 128 && id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The API's error shape (docs: README "Error shape"), so the console shows it next to the field. */
    private static HttpApiResponse error(int status, String code, String field, String vi, String en) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("field", field);
        error.putObject("message").put("vi", vi).put("en", en);
        return json(status, body);
    }

    private static HttpApiResponse json(int status, JsonNode body) {
        try {
            return new HttpApiResponse(status, Map.of("content-type", List.of("application/json; charset=utf-8"),
                    "cache-control", List.of("no-store")), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
