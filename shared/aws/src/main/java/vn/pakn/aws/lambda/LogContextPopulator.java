package vn.pakn.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import jakarta.inject.Singleton;
import vn.pakn.aws.log.Log;

/** Puts the Lambda request id on every log line of the invocation (Micronaut calls this first). */
@Singleton
@Replaces(DefaultDiagnosticInfoPopulator.class)
public class LogContextPopulator implements DiagnosticInfoPopulator {
    @Override
    public void populateMappingDiagnosticContextValues(Context context) {
        if (context != null) {
            Log.bind(context.getAwsRequestId(), context.getFunctionName());
        }
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        // X-Ray is enabled in the template; its trace id reaches CloudWatch on its own.
    }
}
