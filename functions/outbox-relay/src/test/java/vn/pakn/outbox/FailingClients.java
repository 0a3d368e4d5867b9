package vn.pakn.outbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Real clients with one kind of call made to fail: the way tests put a crash or an outage at an
 * exact point of the relay without touching its code. Every other call the relay does not make
 * fails as unsupported, so a change in what it calls shows up here.
 */
final class FailingClients {
    private FailingClients() {
    }

    /**
     * What the death of the process looks like from inside it: an Error that nothing in the relay
     * catches, so the invocation fails and Lambda redelivers the whole batch.
     */
    static final class Crash extends Error {
        Crash(String where) {
            super("simulated crash " + where);
        }
    }

    static final class Sqs implements SqsClient {
        final AtomicInteger faults = new AtomicInteger();
        private final SqsClient real;
        private final Predicate<SendMessageRequest> when;
        private final Supplier<? extends Throwable> fault;
        private final boolean afterSending;

        /** Fails instead of sending. */
        Sqs(SqsClient real, Predicate<SendMessageRequest> when, Supplier<? extends Throwable> fault) {
            this(real, when, fault, false);
        }

        private Sqs(SqsClient real, Predicate<SendMessageRequest> when, Supplier<? extends Throwable> fault,
                    boolean afterSending) {
            this.real = real;
            this.when = when;
            this.fault = fault;
            this.afterSending = afterSending;
        }

        /** Sends, then fails before the caller hears of it: the message is on the queue. */
        static Sqs failingAfterSending(SqsClient real, Predicate<SendMessageRequest> when,
                                       Supplier<? extends Throwable> fault) {
            return new Sqs(real, when, fault, true);
        }

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            if (when.test(request)) {
                faults.incrementAndGet();
                if (afterSending) {
                    real.sendMessage(request);
                }
                throw unchecked(fault.get());
            }
            return real.sendMessage(request);
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    static final class Dynamo implements DynamoDbClient {
        final AtomicInteger faults = new AtomicInteger();
        private final DynamoDbClient real;
        private final Predicate<DeleteItemRequest> when;
        private final Supplier<? extends Throwable> fault;

        Dynamo(DynamoDbClient real, Predicate<DeleteItemRequest> when, Supplier<? extends Throwable> fault) {
            this.real = real;
            this.when = when;
            this.fault = fault;
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest request) {
            if (when.test(request)) {
                faults.incrementAndGet();
                throw unchecked(fault.get());
            }
            return real.deleteItem(request);
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
