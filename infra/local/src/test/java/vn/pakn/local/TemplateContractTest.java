package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.SamTemplate;

/**
 * Holds template.yaml and the code together: a renamed handler, a missing environment
 * variable or an event source feeding the wrong event type fails here, not in a deployment.
 */
class TemplateContractTest {
    /** Configuration reads through FunctionEnvironment: require("X"), get("X"), intValue("X", ...). */
    private static final Pattern ENV_READ = Pattern.compile("\\b(?:require|get|intValue)\\(\"([A-Z][A-Z0-9_]+)\"");
    private static final Map<String, Class<?>> INPUT_BY_EVENT = Map.of(
            "HttpApi", APIGatewayV2HTTPEvent.class,
            "SQS", SQSEvent.class,
            "DynamoDB", DynamodbEvent.class,
            "S3", S3Event.class,
            "Schedule", ScheduledEvent.class);
    /** Variables Lambda itself sets, which no template declares. */
    private static final Set<String> LAMBDA_PROVIDED = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME");

    private final SamTemplate template = SamTemplate.load();
    private final Path root = template.path().getParent();

    @TestFactory
    Stream<DynamicTest> everyFunction_matchesItsCode() {
        assertFalse(template.functions().isEmpty());
        return template.functions().stream().flatMap(f -> Stream.of(
                DynamicTest.dynamicTest(f.logicalId() + ": handler class is a RequestHandler with both constructors",
                        () -> handlerClass(f)),
                DynamicTest.dynamicTest(f.logicalId() + ": each event source feeds the handler's input type",
                        () -> eventSourcesMatch(f)),
                DynamicTest.dynamicTest(f.logicalId() + ": CodeUri is the shaded jar of the module holding the handler",
                        () -> codeUriMatches(f)),
                DynamicTest.dynamicTest(f.logicalId() + ": every environment variable the code reads is set",
                        () -> environmentComplete(f)),
                DynamicTest.dynamicTest(f.logicalId() + ": agency and admin routes require the JWT authorizer",
                        () -> protectedRoutesAuthorized(f))));
    }

    private Class<?> handlerClass(FunctionSpec f) throws Exception {
        Class<?> type = Class.forName(f.handler());
        assertTrue(RequestHandler.class.isAssignableFrom(type), f.handler() + " must implement RequestHandler");
        type.getConstructor();
        type.getConstructor(Map.class);
        return type;
    }

    private void eventSourcesMatch(FunctionSpec f) throws Exception {
        Type[] io = requestHandlerTypes(handlerClass(f));
        for (EventSpec event : f.events()) {
            Class<?> expected = INPUT_BY_EVENT.get(event.type());
            if (expected == null) {
                fail(f.logicalId() + "." + event.name() + ": no contract known for event type " + event.type());
            }
            assertEquals(expected, io[0], f.logicalId() + "." + event.name() + " delivers " + expected.getSimpleName());
            if (event.type().equals("HttpApi")) {
                assertEquals(APIGatewayV2HTTPResponse.class, io[1], f.logicalId() + " answers HTTP API payload 2.0");
            }
            Object responseTypes = event.properties().get("FunctionResponseTypes");
            if (responseTypes instanceof List<?> list && list.contains("ReportBatchItemFailures")) {
                Class<?> batchResponse = event.type().equals("SQS") ? SQSBatchResponse.class : StreamsEventResponse.class;
                assertEquals(batchResponse, io[1], f.logicalId() + "." + event.name()
                        + " reports partial batch failures, so the handler must return " + batchResponse.getSimpleName());
            }
        }
    }

    /** An agency or admin route without the authorizer would be open to the whole internet. */
    private void protectedRoutesAuthorized(FunctionSpec f) {
        for (EventSpec event : f.eventsOfType("HttpApi")) {
            String path = String.valueOf(event.properties().get("Path"));
            boolean protectedPath = path.startsWith("/v1/agency") || path.startsWith("/v1/admin");
            Object auth = event.properties().get("Auth");
            String authorizer = auth instanceof Map<?, ?> m ? String.valueOf(m.get("Authorizer")) : null;
            if (protectedPath) {
                assertEquals("AgencyJwt", authorizer, f.logicalId() + "." + event.name() + " " + path);
            } else {
                assertTrue(authorizer == null || authorizer.equals("NONE"),
                        f.logicalId() + "." + event.name() + " " + path + " is a citizen or public route");
            }
        }
    }

    private void codeUriMatches(FunctionSpec f) {
        Matcher m = Pattern.compile("functions/([a-z0-9-]+)/target/pakn-\\1-lambda\\.jar").matcher(f.codeUri());
        assertTrue(m.matches(), f.logicalId() + " CodeUri " + f.codeUri() + " must be functions/<module>/target/pakn-<module>-lambda.jar");
        Path source = root.resolve("functions").resolve(m.group(1)).resolve("src/main/java")
                .resolve(f.handler().replace('.', '/') + ".java");
        assertTrue(Files.exists(source), f.handler() + " must live in module functions/" + m.group(1));
    }

    private void environmentComplete(FunctionSpec f) throws IOException {
        String module = f.codeUri().split("/")[1];
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("functions").resolve(module).resolve("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ENV_READ.matcher(Files.readString(file));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        read.removeAll(LAMBDA_PROVIDED);
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(f.environmentVariables().keySet());
        assertTrue(missing.isEmpty(), f.logicalId() + " reads " + missing + " but template.yaml does not set them");
    }

    /** The I and O of RequestHandler<I, O>, following the class hierarchy's type arguments. */
    static Type[] requestHandlerTypes(Class<?> type) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type iface : c.getGenericInterfaces()) {
                if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type[] args = p.getActualTypeArguments();
                    return new Type[] {resolve(args[0], bindings), resolve(args[1], bindings)};
                }
            }
            if (c.getGenericSuperclass() instanceof ParameterizedType p) {
                TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
                for (int i = 0; i < vars.length; i++) {
                    bindings.put(vars[i], resolve(p.getActualTypeArguments()[i], bindings));
                }
            }
        }
        throw new AssertionError(type + " does not implement RequestHandler");
    }

    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        return t instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : t;
    }
}
