package vn.pakn.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import vn.pakn.outbox.testing.RecordingSqs;

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

        /**
         * A batch with an entry {@code when} picks: an {@link Error} (a crash) takes the whole call,
         * before or after sending as the constructor says; an exception fails the picked entries one
         * by one, as SQS answers for an entry it did not take, and the others are sent.
         */
        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            List<SendMessageBatchRequestEntry> picked = request.entries().stream()
                    .filter(entry -> when.test(RecordingSqs.asRequest(request.queueUrl(), entry))).toList();
            if (picked.isEmpty()) {
                return real.sendMessageBatch(request);
            }
            faults.addAndGet(picked.size());
            Throwable failure = fault.get();
            if (afterSending || !(failure instanceof RuntimeException)) {
                if (afterSending) {
                    real.sendMessageBatch(request);
                }
                throw unchecked(failure);
            }
            List<BatchResultErrorEntry> failed = new ArrayList<>();
            for (SendMessageBatchRequestEntry entry : picked) {
                failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("ServiceUnavailable")
                        .message(failure.getMessage()).senderFault(false).build());
            }
            List<SendMessageBatchRequestEntry> rest = new ArrayList<>(request.entries());
            rest.removeAll(picked);
            if (rest.isEmpty()) {
                return SendMessageBatchResponse.builder().failed(failed).build();
            }
            SendMessageBatchResponse sent = real.sendMessageBatch(request.toBuilder().entries(rest).build());
            failed.addAll(sent.failed());
            return sent.toBuilder().failed(failed).build();
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
