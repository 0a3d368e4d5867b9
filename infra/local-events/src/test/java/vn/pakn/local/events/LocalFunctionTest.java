package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.pakn.local.aws.FunctionSpec;

class LocalFunctionTest {

    /** Like PaknHandler: the event type is a type argument of an abstract generic superclass. */
    abstract static class Base<I, O> implements RequestHandler<I, O> {}

    static final class Concrete extends Base<SQSEvent, SQSBatchResponse> {
        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            return null;
        }
    }

    @Test
    void inputType_isResolvedThroughGenericSuperclasses() {
        assertEquals(SQSEvent.class, LocalFunction.inputTypeOf(Concrete.class));
        assertEquals(ScheduledEvent.class, LocalFunction.inputTypeOf(TestHandlers.EnvironmentEcho.class));
        assertEquals(SQSEvent.class, LocalFunction.inputTypeOf(TestHandlers.Sqs.class));
    }

    @Test
    void eventSourceOfTheWrongType_isRefusedWhenWired() {
        LocalFunction function = HttpApiGatewayTest.function("Fn", new TestHandlers.Sqs());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> function.requireAccepts(ScheduledEvent.class, "schedule rate(5 minutes)"));
        assertTrue(e.getMessage().contains("takes com.amazonaws.services.lambda.runtime.events.SQSEvent"), e.getMessage());
    }

    @Test
    void eachInvocation_getsItsOwnContext_fromTheFunctionsSettings() {
        TestHandlers.Sqs handler = new TestHandlers.Sqs();
        LocalFunction function = new LocalFunction(new FunctionSpec("WorkFunction", "x", null, "java21", 512, 30,
                Map.of(), List.of()), handler, "ap-southeast-1", "123456789012");
        function.invoke(new SQSEvent());
        function.invoke(new SQSEvent());
        Context first = handler.contexts.get(0);
        assertNotEquals(first.getAwsRequestId(), handler.contexts.get(1).getAwsRequestId());
        assertEquals("WorkFunction", first.getFunctionName());
        assertEquals(512, first.getMemoryLimitInMB());
        assertEquals("arn:aws:lambda:ap-southeast-1:123456789012:function:WorkFunction", first.getInvokedFunctionArn());
        assertEquals("/aws/lambda/WorkFunction", first.getLogGroupName());
        assertTrue(first.getRemainingTimeInMillis() > 29_000 && first.getRemainingTimeInMillis() <= 30_000);
        assertEquals(2, function.invocationCount());
    }

    @Test
    void handlerValue_mayNameAMethod() {
        FunctionSpec spec = new FunctionSpec("Fn", "vn.pakn.x.Handler::handleRequest", null, "java21", 128, 3, Map.of(),
                List.of());
        assertEquals("vn.pakn.x.Handler", LocalFunction.handlerClassName(spec));
    }
}
