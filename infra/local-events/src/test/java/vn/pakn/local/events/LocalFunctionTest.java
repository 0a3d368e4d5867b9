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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** Holds each invocation until released; counts how many run at once, over all instances. */
    static final class Gate implements RequestHandler<SQSEvent, Object> {
        static final AtomicInteger RUNNING = new AtomicInteger();
        static final AtomicInteger MOST = new AtomicInteger();
        static final Set<Gate> USED = ConcurrentHashMap.newKeySet();
        static volatile CountDownLatch release = new CountDownLatch(0);
        private final AtomicInteger mine = new AtomicInteger();

        @Override
        public Object handleRequest(SQSEvent event, Context context) {
            USED.add(this);
            if (mine.incrementAndGet() > 1) {
                throw new AssertionError("two invocations at once in one environment");
            }
            MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RUNNING.decrementAndGet();
            mine.decrementAndGet();
            return null;
        }
    }

    private static int mostAtOnce(LocalFunction function, int invocations, int allowed) throws Exception {
        Gate.RUNNING.set(0);
        Gate.MOST.set(0);
        Gate.USED.clear();
        Gate.release = new CountDownLatch(1);
        List<CompletableFuture<Object>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> function.invoke(new SQSEvent())));
        }
        // On a busy machine the threads may take longer than a fixed pause to start: wait for the ones
        // allowed, then give any invocation beyond the limit the same time to get in.
        Eventually.await(Duration.ofSeconds(5), () -> Gate.RUNNING.get() >= allowed, allowed + " invocations running");
        Thread.sleep(300);
        int most = Gate.MOST.get();
        assertEquals(most, function.runningCount(), "the invocations held are the ones running");
        Gate.release.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertEquals(0, function.runningCount());
        return most;
    }

    private static LocalFunction gated() {
        return new LocalFunction(new FunctionSpec("GateFunction", "x", null, "java21", 512, 30, Map.of(), List.of()),
                new Gate(), "us-east-1", "000000000000").scalableWith(Gate::new);
    }

    @Test
    void concurrentInvocations_waitForTheOneEnvironment_byDefault() throws Exception {
        LocalFunction function = gated();
        assertEquals(1, mostAtOnce(function, 3, 1));
        assertEquals(1, function.environments());
        assertEquals(3, function.invocationCount());
    }

    @Test
    void scaledOut_concurrentInvocationsRunInEnvironmentsOfTheirOwn_upToTheLimit() throws Exception {
        LocalFunction function = gated().maxConcurrency(2);
        assertEquals(2, mostAtOnce(function, 4, 2), "a third invocation waits for a free environment");
        assertEquals(2, function.environments());
        assertEquals(2, Gate.USED.size(), "each environment is a handler instance of its own");
        assertEquals(4, function.invocationCount());
        assertTrue(function.invocationNanos() >= TimeUnit.MILLISECONDS.toNanos(2 * 250),
                "billed duration covers the time the first two were held");
    }

    @Test
    void handlerGivenByTheCaller_cannotScaleOut() {
        LocalFunction function = HttpApiGatewayTest.function("Fn", new TestHandlers.Sqs());
        assertThrows(IllegalStateException.class, () -> function.maxConcurrency(2));
    }

    @Test
    void handlerValue_mayNameAMethod() {
        FunctionSpec spec = new FunctionSpec("Fn", "vn.pakn.x.Handler::handleRequest", null, "java21", 128, 3, Map.of(),
                List.of());
        assertEquals("vn.pakn.x.Handler", LocalFunction.handlerClassName(spec));
    }
}
