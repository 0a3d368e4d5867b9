package vn.pakn.outbox.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * An in-memory SQS: keeps each message sent and fails the sends a test picks; in a batch, the
 * picked entries fail one by one, as SQS reports an entry it did not take.
 */
public final class RecordingSqs implements SqsClient {
    public final List<SendMessageRequest> sent = new ArrayList<>();
    /** The number of entries of each {@code SendMessageBatch}, in the order they came. */
    public final List<Integer> batchSizes = new ArrayList<>();
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
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        batchSizes.add(request.entries().size());
        List<SendMessageBatchResultEntry> successful = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : request.entries()) {
            SendMessageRequest single = asRequest(request.queueUrl(), entry);
            if (failing.test(single)) {
                journal.add("send-failed " + single.messageAttributes().get("deduplicationId").stringValue());
                failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                        .message("simulated SQS outage").senderFault(false).build());
            } else {
                successful.add(SendMessageBatchResultEntry.builder().id(entry.id())
                        .messageId(sendMessage(single).messageId()).build());
            }
        }
        return SendMessageBatchResponse.builder().successful(successful).failed(failed).build();
    }

    /** The entry of a batch as the single send it stands for, so that one predicate picks both. */
    public static SendMessageRequest asRequest(String queueUrl, SendMessageBatchRequestEntry entry) {
        return SendMessageRequest.builder().queueUrl(queueUrl).messageBody(entry.messageBody())
                .messageAttributes(entry.messageAttributes()).messageGroupId(entry.messageGroupId())
                .messageDeduplicationId(entry.messageDeduplicationId()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
