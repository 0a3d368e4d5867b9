package vn.pakn.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Registers nothing per invocation. Micronaut's default registers the Lambda {@link Context}, its
 * logger and the X-Ray trace id as singletons on every invocation, and each registration searches
 * every bean definition of the context: on a warm citizen API it was the largest cost of the
 * handler's own work (docs/performance.md). No pakn bean injects them; the request id reaches the
 * logs through {@link LogContextPopulator}, and a handler that needs the Context has it as the
 * argument of its invocation.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class NoLambdaContextBeans implements LambdaContextFactory {
    @Override
    public void registerSingletons(Context context) {
        // Deliberately nothing: see the class comment.
    }
}
