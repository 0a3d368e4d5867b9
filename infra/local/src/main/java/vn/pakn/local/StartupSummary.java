package vn.pakn.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.events.EventSource;
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
        deployment.buckets().values().stream().sorted((a, b) -> a.logicalId().compareTo(b.logicalId())).forEach(b ->
                out.append("  # ").append(b.logicalId()).append('\n').append("  ").append(aws)
                        .append(services.s3Endpoint()).append(" s3 ls s3://").append(b.name()).append(" --recursive\n"));
        out.append('\n');

        LocalRuntime.DemoData demo = runtime.demoData();
        if (demo != null) {
            out.append("Demo data: ").append(demo.categories()).append(" categories and ").append(demo.areas())
                    .append(" areas of Bắc Ninh province in ").append(demo.table()).append("\n\n");
        }
        out.append("Ctrl+C to stop.\n");
        return out.toString();
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
