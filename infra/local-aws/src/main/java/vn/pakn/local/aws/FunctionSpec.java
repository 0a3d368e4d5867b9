package vn.pakn.local.aws;

import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} already merged in (the
 * function's own values win, environment variables are merged key by key).
 *
 * @param environmentVariables unresolved values (intrinsics as long-form maps); resolve them with
 *     {@link LocalDeployment#functionEnvironment(FunctionSpec)}
 */
public record FunctionSpec(
        String logicalId,
        String handler,
        String codeUri,
        String runtime,
        int memorySize,
        int timeoutSeconds,
        Map<String, Object> environmentVariables,
        List<EventSpec> events) {

    /** The function's events of one SAM event type ({@code HttpApi}, {@code S3}, {@code DynamoDB}, {@code SQS}, ...). */
    public List<EventSpec> eventsOfType(String type) {
        return events.stream().filter(e -> type.equals(e.type())).toList();
    }
}
