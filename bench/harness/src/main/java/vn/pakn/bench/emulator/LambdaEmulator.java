package vn.pakn.bench.emulator;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the Lambda Java runtime does for one cold start, in a fresh JVM with the function's jar on
 * the class path: create the handler through its no-argument constructor (the init phase), invoke
 * it once with an HTTP API (payload 2.0) event, report. The parent process times the whole run
 * from spawning the JVM to reading the response line; this class only adds the split.
 *
 * <p>It must cost the same for every jar it runs, so it uses nothing but the JDK and the Lambda
 * types every handler jar carries; the event is read from a properties file, not from JSON, to
 * keep a JSON library's start-up out of the measurement.
 *
 * <p>Usage: {@code java -cp emulator.jar:function.jar vn.pakn.bench.emulator.LambdaEmulator
 * <handler class> <event.properties> [--prime]}; prints {@code PAKN-BENCH response ...} then
 * {@code PAKN-BENCH after ...} and exits. With {@code --prime} it first runs the handler's CRaC
 * resources' {@code beforeCheckpoint} (what SnapStart runs before taking the snapshot), outside
 * the timed request, so the request's time shows what priming leaves for a restored environment.
 */
public final class LambdaEmulator implements Context, LambdaLogger {
    public static final String RESPONSE_LINE = "PAKN-BENCH response";
    public static final String AFTER_LINE = "PAKN-BENCH after";

    public static void main(String[] args) throws Exception {
        long mainAtMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Properties spec = new Properties();
        try (InputStream in = new FileInputStream(args[1])) {
            spec.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                        .getConstructor().newInstance();
        long t1 = System.nanoTime();
        double primeMs = 0;
        if (args.length > 2 && args[2].equals("--prime")) {
            prime(handler);
            primeMs = (System.nanoTime() - t1) / 1_000_000.0;
            t1 = System.nanoTime();
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(spec), new LambdaEmulator());
        long t2 = System.nanoTime();
        System.out.println(RESPONSE_LINE + " status=" + response.getStatusCode() + " mainAtMillis=" + mainAtMillis
                + " initMs=" + ((t1 - t0) / 1_000_000.0 - primeMs) + " primeMs=" + primeMs
                + " invokeMs=" + (t2 - t1) / 1_000_000.0);
        System.out.flush();
        // After the timed part, so reading them costs the measurement nothing.
        System.out.println(AFTER_LINE + " vmHwmKb=" + procStatus("VmHWM") + " body=" + oneLine(response.getBody()));
        System.out.flush();
        // Framework threads (schedulers, HTTP keep-alive) must not keep the JVM, as Lambda freezes it.
        System.exit(0);
    }

    /**
     * Runs {@code beforeCheckpoint} of every {@code org.crac.Resource} bean of a Micronaut handler's
     * context, by reflection so that this class needs neither library. A handler without an
     * application context has nothing to prime.
     */
    static void prime(Object handler) throws Exception {
        Object context;
        try {
            context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
        } catch (NoSuchMethodException e) {
            return;
        }
        Class<?> resource = Class.forName("org.crac.Resource", true, handler.getClass().getClassLoader());
        Class<?> cracContext = Class.forName("org.crac.Context", true, handler.getClass().getClassLoader());
        java.lang.reflect.Method beforeCheckpoint = resource.getMethod("beforeCheckpoint", cracContext);
        for (Object bean : (java.util.Collection<?>) context.getClass().getMethod("getBeansOfType", Class.class)
                .invoke(context, resource)) {
            beforeCheckpoint.invoke(bean, (Object) null);
        }
    }

    static APIGatewayV2HTTPEvent event(Properties spec) {
        Map<String, String> headers = prefixed(spec, "header.");
        Map<String, String> pathParameters = prefixed(spec, "path.");
        Map<String, String> query = prefixed(spec, "query.");
        Map<String, String> claims = prefixed(spec, "claim.");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("bench-" + System.nanoTime());
        context.setRouteKey(spec.getProperty("route"));
        if (!claims.isEmpty()) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, null));
            context.setAuthorizer(authorizer);
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(spec.getProperty("route"))
                .withRawPath(spec.getProperty("rawPath"))
                .withRawQueryString(spec.getProperty("rawQuery", ""))
                .withHeaders(headers)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(spec.getProperty("body"))
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    private static Map<String, String> prefixed(Properties spec, String prefix) {
        Map<String, String> out = new HashMap<>();
        for (String name : spec.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), spec.getProperty(name));
            }
        }
        return out;
    }

    static String procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).replace("kB", "").trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no figure rather than a wrong one.
        }
        return "-1";
    }

    private static String oneLine(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) : flat;
    }

    // ------------------------------------------------------------------ Context

    @Override
    public String getAwsRequestId() {
        return "bench-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/bench";
    }

    @Override
    public String getLogStreamName() {
        return "bench";
    }

    @Override
    public String getFunctionName() {
        String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        return name == null ? "bench" : name;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 20_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    // ------------------------------------------------------------------ LambdaLogger

    @Override
    public void log(String message) {
        System.err.print(message);
    }

    @Override
    public void log(byte[] message) {
        System.err.write(message, 0, message.length);
    }
}
