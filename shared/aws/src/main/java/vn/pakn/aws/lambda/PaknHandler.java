package vn.pakn.aws.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import java.util.Map;
import vn.pakn.aws.FunctionEnvironment;

/**
 * Base of every pakn Lambda handler. Lambda calls the no-argument constructor, once per
 * execution environment (and before the SnapStart snapshot), so the Micronaut context and its
 * eager singletons are built during init, not on the first request. The local runtime and
 * tests pass the function's environment explicitly, because several functions share a JVM.
 */
public abstract class PaknHandler<I, O> extends MicronautRequestHandler<I, O> {

    protected PaknHandler() {
        super(ApplicationContext.builder().singletons(FunctionEnvironment.system()));
    }

    protected PaknHandler(Map<String, String> environment) {
        super(ApplicationContext.builder().singletons(FunctionEnvironment.of(environment)));
    }
}
