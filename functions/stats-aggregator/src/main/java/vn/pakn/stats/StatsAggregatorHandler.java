package vn.pakn.stats;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.outbox.StreamImages;

/**
 * Adds each complaint event the stream shows inserted to the statistics aggregates. Like the
 * outbox relay, a batch stops at the first record that fails and reports it and every later one:
 * Lambda resumes the shard from the lowest failed sequence number. Records before it may be
 * delivered again later; {@link StatsAggregator} recognises them and adds nothing twice.
 */
public class StatsAggregatorHandler extends PaknHandler<DynamodbEvent, StreamsEventResponse> {
    private static final String INSERT = "INSERT";

    @Inject
    StatsAggregator aggregator;

    public StatsAggregatorHandler() {
        super();
    }

    public StatsAggregatorHandler(Map<String, String> environment) {
        super(environment);
    }

    /** Puts an aggregator over other stores (failing on purpose) between the handler and AWS. */
    public StatsAggregatorHandler(Map<String, String> environment, StatsAggregator aggregator) {
        super(environment);
        this.aggregator = aggregator;
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        if (event == null || event.getRecords() == null) {
            throw new IllegalArgumentException("DynamoDB stream event without Records");
        }
        List<DynamodbStreamRecord> records = event.getRecords();
        int applied = 0;
        int seen = 0;
        for (int i = 0; i < records.size(); i++) {
            DynamodbStreamRecord record = records.get(i);
            try {
                Map<String, AttributeValue> keys = eventInsertKeys(record);
                if (keys != null) {
                    String sk = Attr.str(keys, ComplaintKeys.SK);
                    int seq = Integer.parseInt(sk.substring(ComplaintKeys.EVENT_SK_PREFIX.length()));
                    seen++;
                    if (aggregator.apply(ComplaintKeys.complaintIdFromPk(Attr.str(keys, ComplaintKeys.PK)), seq)) {
                        applied++;
                    }
                }
            } catch (RuntimeException e) {
                List<BatchItemFailure> failures = new ArrayList<>();
                for (DynamodbStreamRecord failed : records.subList(i, records.size())) {
                    failures.add(new BatchItemFailure(sequenceNumber(failed)));
                }
                Log.error("stats.aggregate.failed", e, "sequenceNumber", sequenceNumber(record),
                        "eventId", record.getEventID(), "applied", applied, "failed", failures.size());
                return new StreamsEventResponse(failures);
            }
        }
        Log.info("stats.aggregate.batch", "records", records.size(), "events", seen, "applied", applied);
        return new StreamsEventResponse(new ArrayList<>());
    }

    /** The keys of an event item's INSERT, else null; the event source filter drops the rest already. */
    private static Map<String, AttributeValue> eventInsertKeys(DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (!INSERT.equals(record.getEventName()) || change == null || change.getKeys() == null) {
            return null;
        }
        Map<String, AttributeValue> keys = StreamImages.toSdk(change.getKeys());
        String sk = Attr.str(keys, ComplaintKeys.SK);
        String pk = Attr.str(keys, ComplaintKeys.PK);
        if (sk == null || pk == null || !sk.startsWith(ComplaintKeys.EVENT_SK_PREFIX) || !pk.startsWith("C#")) {
            return null;
        }
        return keys;
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }
}
