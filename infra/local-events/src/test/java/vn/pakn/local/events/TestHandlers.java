package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** Small handlers for the tests: each records what it was given and does what the test tells it. */
final class TestHandlers {

    private TestHandlers() {}

    /** Records every event and context; {@link #behaviour} gets the event and the invocation's index (0-based). */
    static class Recording<I, O> implements RequestHandler<I, O> {
        final List<I> events = new CopyOnWriteArrayList<>();
        final List<Context> contexts = new CopyOnWriteArrayList<>();
        volatile BiFunction<I, Integer, O> behaviour = (event, index) -> null;

        @Override
        public O handleRequest(I event, Context context) {
            int index;
            synchronized (this) {
                index = events.size();
                events.add(event);
                contexts.add(context);
            }
            return behaviour.apply(event, index);
        }

        Recording<I, O> doing(BiFunction<I, Integer, O> behaviour) {
            this.behaviour = behaviour;
            return this;
        }
    }

    static final class Streams extends Recording<DynamodbEvent, StreamsEventResponse> {}

    static final class Sqs extends Recording<SQSEvent, SQSBatchResponse> {}

    static final class S3 extends Recording<S3Event, Void> {}

    static final class Schedule extends Recording<ScheduledEvent, Void> {}

    static final class Http extends Recording<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {}

    /** Built by reflection from the template's Handler, as the local runtime builds real handlers. */
    public static final class EnvironmentEcho implements RequestHandler<ScheduledEvent, String> {
        static final List<ScheduledEvent> EVENTS = new CopyOnWriteArrayList<>();
        private final Map<String, String> environment;

        public EnvironmentEcho(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
        }

        @Override
        public String handleRequest(ScheduledEvent event, Context context) {
            EVENTS.add(event);
            return environment.get("DROP_BUCKET") + "|" + context.getFunctionName() + "|" + context.getMemoryLimitInMB();
        }
    }

    /** Has no environment constructor: the runtime must say so. */
    public static final class NoEnvironmentConstructor implements RequestHandler<ScheduledEvent, String> {
        @Override
        public String handleRequest(ScheduledEvent event, Context context) {
            return "";
        }
    }

    /** Fails in its constructor, as a handler whose configuration is wrong does. */
    public static final class FailingInit implements RequestHandler<ScheduledEvent, String> {
        public FailingInit(Map<String, String> environment) {
            throw new IllegalStateException("Environment variable TABLE is not set");
        }

        @Override
        public String handleRequest(ScheduledEvent event, Context context) {
            return "";
        }
    }
}
