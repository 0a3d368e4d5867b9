package vn.pakn.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.events.EventSource;
import vn.pakn.local.events.LocalJwtIssuer;
import vn.pakn.local.events.HttpApiRoute;
import vn.pakn.local.events.Scheduler;

/** What {@link PaknLocal} prints once everything runs: where to go and how to look inside. */
final class StartupSummary {

    private StartupSummary() {}

    static String render(LocalRuntime runtime, Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        String base = runtime.apiBaseUri().toString();
        out.append('\n').append(String.format(java.util.Locale.ROOT, "pakn is running locally (started in %.1f s)%n%n",
                runtime.startSeconds()));

        out.append("HTTP API  ").append(base).append("   (API Gateway HTTP API, payload 2.0, stage $default)\n");
        List<HttpApiRoute> routes = new ArrayList<>(runtime.routes());
        routes.sort((a, b) -> a.path().equals(b.path()) ? a.method().compareTo(b.method()) : a.path().compareTo(b.path()));
        for (HttpApiRoute route : routes) {
            out.append(String.format("  %-7s %-36s %s%s%n", route.isDefault() ? "ANY" : route.method(),
                    route.isDefault() ? "(any other path)" : route.path(), route.functionLogicalId(),
                    route.authorizer() == null ? "" : "   [authorizer " + route.authorizer() + "]"));
        }
        runtime.functionFailures().forEach((id, why) -> out.append("  ! ").append(id)
                .append(" is not running, its routes answer 500: ").append(why).append('\n'));
        out.append("  Try:  curl ").append(base).append("/v1/categories\n\n");
        out.append(webClient(runtime));
        out.append(openData(runtime));
        out.append(signIn(runtime, environment));
        out.append(open311(runtime));

        List<EventSource> sources = runtime.events().sources();
        if (!sources.isEmpty() || !runtime.events().notes().isEmpty()) {
            out.append("Events\n");
            for (EventSource source : sources) {
                out.append("  ").append(source.description()).append('\n');
            }
            for (String note : runtime.events().notes()) {
                out.append("  (").append(note).append(")\n");
            }
            if (sources.stream().anyMatch(s -> s instanceof Scheduler)) {
                out.append("  Run a schedule now: type  trigger <FunctionName>  and Enter\n");
            }
            out.append('\n');
        }

        LocalAwsServices services = runtime.services();
        out.append("AWS services\n");
        out.append(serviceLine("DynamoDB", services.dynamoDbEndpoint().toString(), "DynamoDB Local",
                external(environment, "AWS_ENDPOINT_URL_DYNAMODB")));
        out.append(serviceLine("SQS", services.sqsEndpoint().toString(), "ElasticMQ",
                external(environment, "AWS_ENDPOINT_URL_SQS")));
        out.append(serviceLine("S3", services.s3Endpoint().toString(), "s3proxy",
                external(environment, "AWS_ENDPOINT_URL_S3")));
        out.append('\n');

        LocalDeployment deployment = runtime.deployment();
        boolean localCredentials = LocalAwsServices.LOCAL_ACCESS_KEY_ID.equals(services.accessKeyId());
        // The AWS CLIs on these machines ignore AWS_ENDPOINT_URL, so every command names its endpoint.
        String credentials = localCredentials ? "AWS_ACCESS_KEY_ID=" + services.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                + services.secretAccessKey() + " " : "";
        String aws = credentials + "aws --region " + services.region() + " --endpoint-url ";
        out.append("Look inside with the AWS CLI").append(localCredentials ? " (local credentials shown)" : "")
                .append('\n');
        deployment.tables().values().stream().sorted((a, b) -> a.logicalId().compareTo(b.logicalId())).forEach(t ->
                out.append("  # ").append(t.logicalId()).append('\n').append("  ").append(aws)
                        .append(services.dynamoDbEndpoint()).append(" dynamodb scan --table-name ").append(t.name())
                        .append('\n'));
        deployment.queues().values().stream().sorted((a, b) -> a.logicalId().compareTo(b.logicalId())).forEach(q ->
                out.append("  # ").append(q.logicalId()).append('\n').append("  ").append(aws)
                        .append(services.sqsEndpoint()).append(" sqs receive-message --queue-url ").append(q.url())
                        .append(" --attribute-names All --message-attribute-names All\n"));
        LocalRuntime.DemoData seeded = runtime.demoData();
        if (seeded != null && !seeded.agencyQueueUrls().isEmpty()) {
            // Agencies' queues are data, not template resources: one example stands for all of them.
            String agency = seeded.agencyQueueUrls().containsKey(EXAMPLE_AGENCY) ? EXAMPLE_AGENCY
                    : seeded.agencyQueueUrls().keySet().iterator().next();
            out.append("  # agency ").append(agency).append("'s assignment queue (each of the ")
                    .append(seeded.agencyQueueUrls().size()).append(" agencies has one, and a -dlq)\n  ").append(aws)
                    .append(services.sqsEndpoint()).append(" sqs receive-message --queue-url ")
                    .append(seeded.agencyQueueUrls().get(agency))
                    .append(" --attribute-names All --message-attribute-names All\n");
        }
        deployment.buckets().values().stream().sorted((a, b) -> a.logicalId().compareTo(b.logicalId())).forEach(b ->
                out.append("  # ").append(b.logicalId()).append('\n').append("  ").append(aws)
                        .append(services.s3Endpoint()).append(" s3 ls s3://").append(b.name()).append(" --recursive\n"));
        out.append('\n');

        LocalRuntime.DemoData demo = runtime.demoData();
        if (demo != null) {
            out.append("Demo data: ").append(LocalRuntime.demoSummary(demo))
                    .append(" of Bắc Ninh province in ").append(demo.table()).append("\n\n");
        }
        out.append("Ctrl+C to stop.\n");
        return out.toString();
    }

    /** Where the web client is (docs/web-client.md), or nothing without it. */
    static String webClient(LocalRuntime runtime) {
        java.net.URI web = runtime.webUri();
        if (web == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("Web client ").append(web).append("   (report, track, dashboard, agency console; Vietnamese, English on a switch)\n");
        if (!runtime.jwtAudiences().isEmpty()) {
            out.append("  Agency console: ").append(web).append("#/agency  - sign in with an agency id, e.g. ")
                    .append(EXAMPLE_AGENCY).append(" (local runtime only)\n");
        }
        return out.append('\n').toString();
    }

    /** Where the open-data files are and when they are written (docs/open-data.md), or nothing without them. */
    static String openData(LocalRuntime runtime) {
        java.net.URI files = runtime.openDataUri();
        if (files == null) {
            return "";
        }
        List<Scheduler> schedules = runtime.events().schedulers(OpenDataFiles.PUBLISHER);
        StringBuilder out = new StringBuilder();
        out.append("Open data ").append(files).append("   (the OpenData bucket's open-data/ prefix, public in AWS)\n");
        out.append("  curl ").append(files).append("datapackage.json   (lists every file and field)\n");
        out.append("  curl ").append(files).append("complaints.csv\n");
        out.append(schedules.isEmpty() ? "  ! " + OpenDataFiles.PUBLISHER + " is not running: no files are written\n"
                : "  Written at start, then " + schedules.get(0).expression() + " (UTC); refresh now: trigger "
                        + OpenDataFiles.PUBLISHER + "\n");
        return out.append('\n').toString();
    }

    /** The agency whose queue the summary shows how to read. */
    static final String EXAMPLE_AGENCY = "bn-ubnd-kinh-bac";

    /** Where the agency routes' example request goes until (or unless) the template has a plain GET one. */
    static final String EXAMPLE_AGENCY_PATH = "/v1/agency/complaints";
    static final String DEFAULT_JAR = "infra/local/target/pakn-local.jar";

    /** How to get a token the template's JWT authorizer accepts here (docs/auth.md), or nothing without one. */
    static String signIn(LocalRuntime runtime, Map<String, String> environment) {
        List<String> audiences = runtime.jwtAudiences();
        if (audiences.isEmpty()) {
            return "";
        }
        LocalJwtIssuer issuer = runtime.jwtIssuer();
        StringBuilder flags = new StringBuilder();
        int port = runtime.apiBaseUri().getPort();
        if (port != LocalRuntime.DEFAULT_API_PORT) {
            flags.append(" --port ").append(port);
        }
        List<String> templateAudiences = LocalAuth.defaultAudiences(runtime.deployment().template());
        if (templateAudiences.isEmpty() || !templateAudiences.get(0).equals(audiences.get(0))) {
            flags.append(" --audience ").append(audiences.get(0));
        }
        Path key = issuer.keyFile();
        if (key != null && !key.equals(LocalJwtIssuer.defaultKeyFile(environment).toAbsolutePath())) {
            flags.append(" --key ").append(key);
        }
        String path = runtime.routes().stream()
                .filter(r -> r.authorizer() != null && r.method().equals("GET") && !r.path().contains("{"))
                .map(HttpApiRoute::path).sorted().findFirst().orElse(EXAMPLE_AGENCY_PATH);
        StringBuilder out = new StringBuilder();
        out.append("Agency sign-in   JWT issuer ").append(issuer.issuer()).append(", audience ")
                .append(String.join(", ", audiences)).append("   (docs/auth.md)\n");
        out.append("  TOKEN=$(java -cp ").append(jar()).append(" vn.pakn.local.DevToken --agency bn-ubnd-kinh-bac")
                .append(flags).append(")\n");
        out.append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(runtime.apiBaseUri()).append(path).append('\n');
        out.append("  --admin instead of --agency for an administrator; --officer <id>, --hours <n> (default ")
                .append(DevToken.DEFAULT_LIFETIME.toHours()).append(")\n");
        out.append("  ").append(key == null ? "Signing key in memory for this run only (tests: DevToken.agency(runtime, ...))"
                : "Signing key " + key).append("; JWKS ").append(issuer.jwksUri()).append("\n\n");
        return out.toString();
    }

    /** Where Open311 clients go, and the local api_key (docs/open311.md); nothing without Open311 routes. */
    static String open311(LocalRuntime runtime) {
        if (runtime.routes().stream().noneMatch(r -> r.path().startsWith("/open311/"))) {
            return "";
        }
        String base = runtime.apiBaseUri() + "/open311/v2";
        String key = LocalOpen311.devApiKeyActive(runtime.deployment())
                ? LocalOpen311.DEV_API_KEY + "   (client " + LocalOpen311.DEV_CLIENT + ", this local runtime only)"
                : "as configured in the Open311ApiKeys parameter";
        return "Open311 GeoReport v2   " + base + "   (docs/open311.md)\n"
                + "  curl " + base + "/services.json     (or .xml; discovery.json, requests.json, ...)\n"
                + "  api_key for POST " + base + "/requests.json: " + key + "\n\n";
    }

    /** The jar this runs from, as a developer would type it, or the usual path when run from classes. */
    private static String jar() {
        try {
            Path code = Path.of(StartupSummary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!code.toString().endsWith(".jar")) {
                return DEFAULT_JAR;
            }
            Path here = Path.of("").toAbsolutePath();
            return code.startsWith(here) ? here.relativize(code).toString() : code.toString();
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return DEFAULT_JAR;
        }
    }

    private static String serviceLine(String service, String endpoint, String emulator, String externalVariable) {
        return String.format("  %-9s %-28s %s%n", service, endpoint,
                externalVariable == null ? emulator + ", embedded" : "external, from " + externalVariable
                        + " (nothing embedded started)");
    }

    /** The variable that made a service external, or null when it is embedded. */
    static String external(Map<String, String> environment, String specific) {
        if (present(environment.get(specific))) {
            return specific;
        }
        return present(environment.get("AWS_ENDPOINT_URL")) ? "AWS_ENDPOINT_URL" : null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
