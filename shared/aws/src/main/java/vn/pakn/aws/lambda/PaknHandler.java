package vn.pakn.aws.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import java.util.Map;
import vn.pakn.aws.AwsClients;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.json.Json;

/**
 * Base of every pakn Lambda handler. Lambda calls the no-argument constructor, once per
 * execution environment (and before the SnapStart snapshot), so the Micronaut context and its
 * eager singletons are built during init, not on the first request. The local runtime and
 * tests pass the function's environment explicitly, because several functions share a JVM.
 *
 * <p>In Lambda, work that needs no context starts before the context does, on other threads: the
 * DynamoDB client ({@link AwsClients#buildDynamoDbAhead()}) and the JSON mapper's classes
 * ({@link Json#warmUp()}), which the first request would otherwise load. A cold start's init then
 * overlaps them with Micronaut's own on a second core (docs/performance.md, "Cold-start levers");
 * where several functions share a JVM those classes are loaded already, and nothing is gained.
 */
public abstract class PaknHandler<I, O> extends MicronautRequestHandler<I, O> {

    protected PaknHandler() {
        super(lambdaContext(FunctionEnvironment.system()));
    }

    protected PaknHandler(Map<String, String> environment) {
        super(ApplicationContext.builder().singletons(FunctionEnvironment.of(environment)));
    }

    private static ApplicationContextBuilder lambdaContext(FunctionEnvironment environment) {
        Thread json = new Thread(Json::warmUp, "pakn-json-warm-up");
        json.setDaemon(true);
        json.start();
        return ApplicationContext.builder().singletons(environment, new AwsClients(environment).buildDynamoDbAhead());
    }
}
