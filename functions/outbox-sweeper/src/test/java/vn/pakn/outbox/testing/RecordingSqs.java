package vn.pakn.outbox.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** An in-memory SQS: keeps each message sent and fails the sends a test picks. */
public final class RecordingSqs implements SqsClient {
    public final List<SendMessageRequest> sent = new ArrayList<>();
    private final List<String> journal;
    private Predicate<SendMessageRequest> failing = request -> false;

    /** @param journal shared with other fakes, to check the order of calls across services */
    public RecordingSqs(List<String> journal) {
        this.journal = journal;
    }

    public RecordingSqs failWhen(Predicate<SendMessageRequest> failing) {
        this.failing = failing;
        return this;
    }

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
        if (failing.test(request)) {
            journal.add("send-failed " + request.messageAttributes().get("deduplicationId").stringValue());
            throw (SqsException) SqsException.builder().message("simulated SQS outage").statusCode(503).build();
        }
        sent.add(request);
        journal.add("send " + request.messageAttributes().get("deduplicationId").stringValue());
        return SendMessageResponse.builder().messageId("msg-" + sent.size()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
