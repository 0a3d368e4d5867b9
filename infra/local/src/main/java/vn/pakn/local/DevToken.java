package vn.pakn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.pakn.aws.http.Caller;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.LocalJwtIssuer;

/**
 * Development sign-in for the local runtime: prints a JWT for an agency officer or an
 * administrator, signed by the local issuer's key, that the runtime's {@code AgencyJwt}
 * authorizer accepts (docs/auth.md):
 *
 * <pre>
 * TOKEN=$(java -cp infra/local/target/pakn-local.jar vn.pakn.local.DevToken --agency bn-ubnd-kinh-bac)
 * curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/v1/agency/complaints
 * </pre>
 *
 * Tests mint tokens with {@link #agency(LocalRuntime, String, String)},
 * {@link #admin(LocalRuntime, String)} or {@link #mint}.
 */
public final class DevToken {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    public static final String DEFAULT_OFFICER = "can-bo-01";
    public static final String DEFAULT_ADMIN = "quan-tri-01";
    /** A year: longer is a mistake, even locally. */
    private static final int MAX_HOURS = 24 * 366;

    private static final String USAGE = """
            Usage: java -cp infra/local/target/pakn-local.jar vn.pakn.local.DevToken
                     (--agency <agency id> | --admin) [--officer <id>] [--hours <n>]
                     [--port <api port>] [--issuer <url>] [--audience <aud>] [--key <pem file>]

              --agency ID    a token for an officer of this agency (role "agency"), e.g. bn-ubnd-kinh-bac
              --admin        a token for an administrator (role "admin", no agency)
              --role ROLE    the same by name: agency (needs --agency) or admin
              --officer ID   the officer id in "sub" (default: %s, or %s for --admin)
              --hours N      lifetime in hours (default: %d)
              --port N       the local API's port (default: $%s or %d); the issuer is
                             http://127.0.0.1:<port>/.local-auth
              --issuer URL   the issuer instead (when the runtime runs elsewhere)
              --audience A   the audience (default: the template's JwtAudience default)
              --key FILE     the signing key (default: $%s or ~/.pakn/local-jwt-key.pem,
                             created if missing; the runtime uses the same one)

            Prints only the token: TOKEN=$(java -cp ... vn.pakn.local.DevToken --agency bn-ubnd-kinh-bac)
            """.formatted(DEFAULT_OFFICER, DEFAULT_ADMIN, DEFAULT_LIFETIME.toHours(), LocalRuntime.API_PORT_VARIABLE,
            LocalRuntime.DEFAULT_API_PORT, LocalJwtIssuer.KEY_FILE_VARIABLE);

    private DevToken() {}

    /** The claims of the pakn contract for a caller: {@code sub}, {@code pakn:role} and, for officers, {@code pakn:agency}. */
    public static Map<String, Object> claims(Caller caller) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(Caller.CLAIM_OFFICER, caller.officerId());
        claims.put(Caller.CLAIM_ROLE, caller.role().claimValue());
        if (caller.agencyId() != null) {
            claims.put(Caller.CLAIM_AGENCY, caller.agencyId());
        }
        return claims;
    }

    /** A token for {@code caller}, from {@code issuer}, for {@code audience}, valid from now for {@code lifetime}. */
    public static String mint(LocalJwtIssuer issuer, String audience, Caller caller, Duration lifetime) {
        return issuer.mint(audience, claims(caller), lifetime);
    }

    /** A token the running runtime accepts for an officer of {@code agencyId}, valid for {@link #DEFAULT_LIFETIME}. */
    public static String agency(LocalRuntime runtime, String agencyId, String officerId) {
        return mint(runtime.jwtIssuer(), audience(runtime), new Caller(officerId, agencyId, Caller.Role.AGENCY),
                DEFAULT_LIFETIME);
    }

    /** A token the running runtime accepts for an administrator. */
    public static String admin(LocalRuntime runtime, String officerId) {
        return mint(runtime.jwtIssuer(), audience(runtime), new Caller(officerId, null, Caller.Role.ADMIN),
                DEFAULT_LIFETIME);
    }

    private static String audience(LocalRuntime runtime) {
        List<String> audiences = runtime.jwtAudiences();
        if (audiences.isEmpty()) {
            throw new IllegalStateException("The template declares no JWT authorizer with an audience");
        }
        return audiences.get(0);
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(args, System.getenv()));
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("DevToken: " + PaknLocal.explain(e));
            System.exit(1);
        }
    }

    /** Refused command-line input; the message says what to type instead. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The token {@code args} ask for. */
    static String run(String[] args, Map<String, String> environment) throws UsageException {
        String agency = null;
        String role = null;
        String officer = null;
        String issuer = null;
        String audience = null;
        Path key = null;
        Integer port = null;
        long hours = DEFAULT_LIFETIME.toHours();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--agency" -> agency = id(value(args, ++i, option), option);
                case "--admin" -> role = role(role, Caller.Role.ADMIN.claimValue());
                case "--role" -> role = role(role, value(args, ++i, option));
                case "--officer" -> officer = id(value(args, ++i, option), option);
                case "--hours" -> hours = hours(value(args, ++i, option));
                case "--port" -> port = port(value(args, ++i, option), option);
                case "--issuer" -> issuer = value(args, ++i, option);
                case "--audience" -> audience = value(args, ++i, option);
                case "--key" -> key = Path.of(value(args, ++i, option));
                case "-h", "--help" -> throw new UsageException(USAGE);
                default -> throw new UsageException("Unknown option " + option + "\n\n" + USAGE);
            }
        }
        if (role == null) {
            role = agency == null ? null : Caller.Role.AGENCY.claimValue();
        }
        if (role == null) {
            throw new UsageException("Say who the token is for: --agency <agency id> or --admin\n\n" + USAGE);
        }
        Caller.Role parsed = Caller.Role.fromClaim(role).orElse(null);
        if (parsed == null) {
            throw new UsageException("Unknown role \"" + role + "\": pakn knows the roles agency (--agency <agency id>)"
                    + " and admin (--admin)");
        }
        if (parsed == Caller.Role.ADMIN && agency != null) {
            throw new UsageException("An administrator belongs to no agency: use --admin or --agency " + agency
                    + ", not both");
        }
        if (parsed == Caller.Role.AGENCY && agency == null) {
            throw new UsageException("The agency role needs the agency: --agency <agency id>, e.g. --agency bn-ubnd-kinh-bac");
        }
        if (issuer != null && port != null) {
            throw new UsageException("--issuer names the port already; give --issuer or --port, not both");
        }
        if (officer == null) {
            officer = parsed == Caller.Role.ADMIN ? DEFAULT_ADMIN : DEFAULT_OFFICER;
        }
        if (issuer == null) {
            issuer = LocalJwtIssuer.issuerUrl(port != null ? port : defaultPort(environment));
        }
        if (audience == null) {
            audience = templateAudience();
        }
        Set<String> demo = demoAgencies();
        if (agency != null && !demo.isEmpty() && !demo.contains(agency)) {
            // Agencies added through the admin API are real too: say it, don't refuse.
            System.err.println("note: " + agency + " is not an agency of the demo data; the token is issued anyway");
        }
        LocalJwtIssuer signer = LocalJwtIssuer.loadOrCreate(key != null ? key : LocalJwtIssuer.defaultKeyFile(environment),
                issuer);
        return mint(signer, audience, new Caller(officer, agency, parsed), Duration.ofHours(hours));
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value\n\n" + USAGE);
        }
        return args[index];
    }

    private static String role(String previous, String role) throws UsageException {
        String normalised = role.trim().toLowerCase(Locale.ROOT);
        if (previous != null && !previous.equals(normalised)) {
            throw new UsageException("One role per token: got " + previous + " and " + normalised);
        }
        return normalised;
    }

    private static String id(String value, String option) throws UsageException {
        String id = value.trim();
        if (id.isEmpty() || id.length() > 128 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UsageException(option + " needs an id of printable characters without spaces, got \"" + value + "\"");
        }
        return id;
    }

    private static long hours(String text) throws UsageException {
        try {
            long hours = Long.parseLong(text.trim());
            if (hours >= 1 && hours <= MAX_HOURS) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--hours needs a whole number of hours from 1 to " + MAX_HOURS + ", got " + text);
    }

    private static int port(String text, String source) throws UsageException {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(source + " needs a port number (1-65535), got " + text);
    }

    private static int defaultPort(Map<String, String> environment) throws UsageException {
        String value = environment.get(LocalRuntime.API_PORT_VARIABLE);
        return value == null || value.isBlank() ? LocalRuntime.DEFAULT_API_PORT
                : port(value, LocalRuntime.API_PORT_VARIABLE);
    }

    /** The audience a runtime started from this checkout (or the jar's template) accepts by default. */
    private static String templateAudience() {
        SamTemplate template;
        try {
            template = SamTemplate.load(SamTemplate.locateTemplate());
        } catch (IllegalStateException notInACheckout) {
            try (InputStream bundled = DevToken.class.getClassLoader().getResourceAsStream(LocalRuntime.BUNDLED_TEMPLATE)) {
                if (bundled == null) {
                    throw new IllegalStateException("No template.yaml to read the audience from: pass --audience");
                }
                template = SamTemplate.parse(new String(bundled.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the bundled template.yaml: pass --audience", e);
            }
        }
        List<String> audiences = LocalAuth.defaultAudiences(template);
        if (audiences.isEmpty()) {
            throw new IllegalStateException("The template has no JWT authorizer audience: pass --audience");
        }
        return audiences.get(0);
    }

    /** The agency ids of the demo province, when the seed is on the class path. */
    private static Set<String> demoAgencies() {
        Set<String> ids = new TreeSet<>();
        try (InputStream in = DevToken.class.getClassLoader().getResourceAsStream(LocalRuntime.DEMO_PROVINCE_RESOURCE)) {
            if (in != null) {
                for (JsonNode agency : new ObjectMapper().readTree(in).path("agencies")) {
                    ids.add(agency.path("id").asText());
                }
            }
        } catch (IOException e) {
            // only used for a friendly note
        }
        return ids;
    }
}
