package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * API Gateway's JWT authorizer for HTTP APIs, locally: takes the token from the authorizer's
 * {@code IdentitySource} (with or without {@code Bearer }), and accepts it only when it is a JWS
 * signed with an RSA algorithm by a key the issuer publishes ({@code kid} must name it), its
 * {@code iss} is the configured issuer, its {@code aud} (or, without {@code aud}, its
 * {@code client_id}) is one of the configured audiences, it has not expired ({@code exp} is
 * required), and {@code nbf} and {@code iat} are not in the future, each within
 * {@link #CLOCK_SKEW}. A route's {@code AuthorizationScopes} need one of them in {@code scp} or
 * {@code scope}. Refusals are API Gateway's: 401 {@code {"message":"Unauthorized"}}, or 403
 * {@code {"message":"Forbidden"}} for missing scopes; the reason goes to the console and into
 * {@code www-authenticate}, never to the function.
 *
 * <p>On success the function gets the claims as API Gateway passes them in payload 2.0: every
 * value a string (numbers as digits, arrays as {@code [a b]}), plus the token's scopes.
 */
public final class JwtAuthorizer implements HttpApiAuthorizer {

    /** How far the local clock and the issuer's may disagree about {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final String DEFAULT_IDENTITY_SOURCE = "$request.header.Authorization";

    /** The issuer's published signing keys (its JWKS). */
    @FunctionalInterface
    public interface KeySource {
        /** The public key {@code issuer} publishes under {@code keyId}, if any. */
        Optional<PublicKey> key(String issuer, String keyId);
    }

    /** Why a token was refused: 401 unless the scopes were missing (403). */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refusal(int status, String reason) {
            super(reason);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The token's claims in API Gateway's payload 2.0 form, and its scopes (null when it has none). */
    public record Verified(Map<String, String> claims, List<String> scopes) {}

    private final KeySource keys;
    private final Clock clock;
    private final Consumer<String> console;
    private final Set<String> noted = ConcurrentHashMap.newKeySet();

    public JwtAuthorizer(KeySource keys, Clock clock, Consumer<String> console) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.console = console == null ? s -> { } : console;
    }

    @Override
    public Decision authorize(HttpApiRoute route, Map<String, Object> configuration, APIGatewayV2HTTPEvent event) {
        String name = route.authorizer();
        if (!(configuration.get("JwtConfiguration") instanceof Map<?, ?> jwt)) {
            noteOnce(name + " is not a JWT authorizer (no JwtConfiguration): only JWT authorizers are emulated"
                    + " locally, so its routes answer 401");
            return Decision.unauthorized();
        }
        String issuer = jwt.get("issuer") == null ? null : String.valueOf(jwt.get("issuer"));
        List<String> audiences = strings(jwt.get("audience"));
        if (issuer == null || audiences.isEmpty()) {
            noteOnce(name + ".JwtConfiguration needs an issuer and at least one audience, as in API Gateway;"
                    + " its routes answer 401");
            return Decision.unauthorized();
        }
        Object source = configuration.getOrDefault("IdentitySource", DEFAULT_IDENTITY_SOURCE);
        String token;
        try {
            token = token(identity(source instanceof List<?> list && !list.isEmpty() ? list.get(0) : source, event));
        } catch (IllegalArgumentException e) {
            noteOnce(name + ": " + e.getMessage());
            return Decision.unauthorized();
        }
        try {
            Verified verified = verify(token, issuer, audiences);
            requireScopes(verified.scopes(), route.authorizationScopes());
            APIGatewayV2HTTPEvent.RequestContext.Authorizer context = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            context.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(verified.claims(), verified.scopes()));
            return Decision.allow(context);
        } catch (Refusal refusal) {
            console.accept("  " + name + " refused the request to " + route.routeKey() + ": " + refusal.getMessage());
            return refusal.status() == 403
                    ? new Decision(null, denial(403, "Forbidden", "insufficient_scope", refusal.getMessage(),
                            route.authorizationScopes()))
                    : new Decision(null, denial(401, "Unauthorized", token == null ? null : "invalid_token",
                            refusal.getMessage(), route.authorizationScopes()));
        }
    }

    /**
     * Checks a token as the authorizer does, without a request.
     *
     * @param token the compact JWS, or null when the request carried none
     * @throws Refusal saying why it is not accepted
     */
    public Verified verify(String token, String issuer, Collection<String> audiences) throws Refusal {
        if (token == null || token.isEmpty()) {
            throw new Refusal(401, "no token in the identity source");
        }
        Jwt jwt;
        try {
            jwt = Jwt.parse(token);
        } catch (Jwt.MalformedException e) {
            throw new Refusal(401, "malformed token: " + e.getMessage());
        }
        String alg = jwt.algorithm();
        if (alg == null || !Jwt.RSA_ALGORITHMS.containsKey(alg)) {
            throw new Refusal(401, "signing algorithm " + alg + " is not accepted (RSA only: "
                    + new TreeMap<>(Jwt.RSA_ALGORITHMS).keySet() + ")");
        }
        if (jwt.header().has("crit")) {
            throw new Refusal(401, "the token has critical header parameters the authorizer does not understand");
        }
        String kid = jwt.keyId();
        if (kid == null) {
            throw new Refusal(401, "the token's header has no kid");
        }
        PublicKey key = keys.key(issuer, kid).orElseThrow(() ->
                new Refusal(401, "no key " + kid + " in the JWKS of " + issuer));
        if (!jwt.verifiedBy(key)) {
            throw new Refusal(401, "the signature does not verify");
        }
        ObjectNode claims = jwt.claims();
        JsonNode iss = claims.get("iss");
        if (iss == null || !iss.isTextual() || !iss.asText().equals(issuer)) {
            throw new Refusal(401, "iss " + iss + " is not the authorizer's issuer " + issuer);
        }
        List<String> tokenAudiences = claims.has("aud") ? audience(claims.get("aud")) : audience(claims.get("client_id"));
        if (tokenAudiences.stream().noneMatch(audiences::contains)) {
            throw new Refusal(401, (claims.has("aud") ? "aud " : "client_id ") + tokenAudiences
                    + " has none of the authorizer's audiences " + audiences);
        }
        Instant now = clock.instant();
        Instant exp = numericDate(claims, "exp");
        if (exp == null) {
            throw new Refusal(401, "the token has no exp");
        }
        if (!now.isBefore(exp.plus(CLOCK_SKEW))) {
            throw new Refusal(401, "the token expired at " + exp);
        }
        Instant nbf = numericDate(claims, "nbf");
        if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf)) {
            throw new Refusal(401, "the token is not valid before " + nbf);
        }
        Instant iat = numericDate(claims, "iat");
        if (iat != null && now.plus(CLOCK_SKEW).isBefore(iat)) {
            throw new Refusal(401, "the token was issued in the future (" + iat + ")");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        claims.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                flat.put(e.getKey(), claimValue(e.getValue()));
            }
        });
        return new Verified(flat, scopes(claims));
    }

    private static void requireScopes(List<String> granted, List<String> required) throws Refusal {
        if (required.isEmpty()) {
            return;
        }
        if (granted == null || granted.stream().noneMatch(required::contains)) {
            throw new Refusal(403, "the token has none of the route's scopes " + required);
        }
    }

    /** The identity source's value in the event: {@code $request.header.X} or {@code $request.querystring.x}. */
    private static String identity(Object source, APIGatewayV2HTTPEvent event) {
        String expression = String.valueOf(source).trim();
        if (expression.startsWith("$request.header.")) {
            String header = expression.substring("$request.header.".length()).toLowerCase(Locale.ROOT);
            return event.getHeaders() == null ? null : event.getHeaders().get(header);
        }
        if (expression.startsWith("$request.querystring.")) {
            String parameter = expression.substring("$request.querystring.".length());
            return event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get(parameter);
        }
        throw new IllegalArgumentException("IdentitySource " + expression + " is not emulated locally (use"
                + " $request.header.<name> or $request.querystring.<name>); its routes answer 401");
    }

    /** API Gateway takes the bare token or one prefixed with {@code Bearer }. */
    private static String token(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            trimmed = trimmed.substring(7).trim();
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static List<String> audience(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    private static Instant numericDate(ObjectNode claims, String name) throws Refusal {
        JsonNode value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new Refusal(401, name + " is not a NumericDate (seconds since the epoch)");
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    /** {@code scp} (array or space-separated), else {@code scope} (space-separated); null when neither. */
    private static List<String> scopes(ObjectNode claims) {
        JsonNode node = claims.has("scp") ? claims.get("scp") : claims.get("scope");
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> scopes = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> scopes.add(n.asText()));
        } else {
            for (String s : node.asText().trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        return scopes.isEmpty() ? null : scopes;
    }

    /**
     * A claim as API Gateway renders it for payload 2.0: strings as they are, numbers and booleans
     * as their text, arrays as {@code [a b c]}, objects as {@code map[k:v]} (keys sorted).
     */
    static String claimValue(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(claimValue(n)));
            return "[" + String.join(" ", items) + "]";
        }
        if (node.isObject()) {
            TreeMap<String, String> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), claimValue(e.getValue())));
            List<String> items = new ArrayList<>();
            sorted.forEach((k, v) -> items.add(k + ":" + v));
            return "map[" + String.join(" ", items) + "]";
        }
        return node.asText();
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> {
                if (v != null) {
                    out.add(String.valueOf(v));
                }
            });
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out;
    }

    private static HttpApiResponse denial(int status, String message, String error, String description,
            List<String> scopes) {
        StringBuilder challenge = new StringBuilder("Bearer");
        if (error != null) {
            challenge.append(" scope=\"").append(String.join(" ", scopes)).append("\" error=\"").append(error)
                    .append("\" error_description=\"").append(headerSafe(description)).append('"');
        }
        return new HttpApiResponse(status, Map.of("content-type", List.of("application/json"),
                "www-authenticate", List.of(challenge.toString())),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Token contents end up in the reason: printable ASCII only in a header, and not much of it. */
    private static String headerSafe(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' ? (char) c : '?'));
        return out.toString();
    }

    private void noteOnce(String note) {
        if (noted.add(note)) {
            console.accept("note: " + note);
        }
    }
}
