package vn.pakn.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.aws.outbox.OutboxPublisher;
import vn.pakn.aws.outbox.StreamImages;

/**
 * Sends each outbox item the complaints table stream shows inserted, then deletes it; and each new
 * complaint's intake message, built from its state item's insert, which stays pending until the
 * router's first transition of the complaint (see {@link OutboxMessage}). The messages are sent
 * up to ten a request ({@link OutboxPublisher#relay(List)}). The first record whose message was
 * not sent is reported with every later one, because Lambda resumes a stream shard from the lowest
 * failed sequence number and a later success reported alone would be sent again anyway. Outbox
 * items a failing relay leaves behind are picked up by the sweeper.
 */
public class OutboxRelayHandler extends PaknHandler<DynamodbEvent, StreamsEventResponse> {
    private static final String INSERT = "INSERT";

    @Inject
    OutboxPublisher publisher;

    public OutboxRelayHandler() {
        super();
    }

    public OutboxRelayHandler(Map<String, String> environment) {
        super(environment);
    }

    /** Puts a publisher over other clients (in-memory, or failing on purpose) between the relay and AWS. */
    public OutboxRelayHandler(Map<String, String> environment, OutboxPublisher publisher) {
        super(environment);
        this.publisher = publisher;
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        if (event == null || event.getRecords() == null) {
            // Lambda never sends a batch without records, so this is an event that was not read
            // (micronaut-aws has returned null Records before); succeeding would hide it.
            throw new IllegalArgumentException("DynamoDB stream event without Records");
        }
        List<DynamodbStreamRecord> records = event.getRecords();
        List<OutboxMessage> messages = new ArrayList<>();
        List<Integer> recordOfMessage = new ArrayList<>();
        int unreadableAt = records.size();
        RuntimeException unreadable = null;
        for (int i = 0; i < records.size(); i++) {
            try {
                Optional<OutboxMessage> message = outboxInsert(records.get(i));
                if (message.isPresent()) {
                    messages.add(message.get());
                    recordOfMessage.add(i);
                }
            } catch (RuntimeException e) {
                unreadableAt = i;
                unreadable = e;
                break;
            }
        }
        OutboxPublisher.Relayed relayed = publisher.relay(messages);
        int failedAt = relayed.count() < messages.size() ? recordOfMessage.get(relayed.count()) : unreadableAt;
        if (failedAt < records.size()) {
            List<BatchItemFailure> failures = new ArrayList<>();
            for (DynamodbStreamRecord failed : records.subList(failedAt, records.size())) {
                failures.add(new BatchItemFailure(sequenceNumber(failed)));
            }
            DynamodbStreamRecord record = records.get(failedAt);
            Log.error("outbox.relay.failed", relayed.failure() != null ? relayed.failure() : unreadable,
                    "sequenceNumber", sequenceNumber(record), "eventId", record.getEventID(),
                    "sent", relayed.count(), "failed", failures.size());
            return new StreamsEventResponse(failures);
        }
        Log.info("outbox.relay.batch", "records", records.size(), "sent", relayed.count());
        return new StreamsEventResponse(new ArrayList<>());
    }

    /**
     * The message of an outbox item's or a new complaint's INSERT; empty for any other record. The
     * event source filter drops those already, but emulators and future templates may not.
     */
    private static Optional<OutboxMessage> outboxInsert(DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (!INSERT.equals(record.getEventName()) || change == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> keys = StreamImages.toSdk(
                change.getKeys() != null ? change.getKeys() : change.getNewImage());
        if (!OutboxMessage.carriesMessage(keys)) {
            return Optional.empty();
        }
        if (change.getNewImage() == null) {
            throw new IllegalStateException("Insert without a new image: the stream must carry NEW_IMAGE");
        }
        return Optional.of(OutboxMessage.fromItem(StreamImages.toSdk(change.getNewImage())));
    }

    /** Null only in a malformed record; Lambda then retries the whole batch, which is still safe. */
    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }
}
