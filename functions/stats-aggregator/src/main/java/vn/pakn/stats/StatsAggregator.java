package vn.pakn.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.stats.ComplaintFacts;
import vn.pakn.domain.stats.Contribution;
import vn.pakn.domain.stats.StatsContribution;

/**
 * Turns one stored event into its contribution and adds it once. The event and the ones before it
 * come from the event log, never from the stream image, so a redelivery computes the same
 * contribution; category, area and channel come from the projection (they do not change with
 * events), the rating only once the complaint is CLOSED, which is final.
 */
public class StatsAggregator {
    private final DynamoDbClient dynamo;
    private final String complaintsTable;
    private final ReferenceData reference;
    private final DynamoStatsTable stats;

    public StatsAggregator(DynamoDbClient dynamo, String complaintsTable, ReferenceData reference, DynamoStatsTable stats) {
        this.dynamo = dynamo;
        this.complaintsTable = complaintsTable;
        this.reference = reference;
        this.stats = stats;
    }

    /** True when this call added the event; false when it had been added before or changes no figure. */
    public boolean apply(String complaintId, int seq) {
        List<ComplaintEvent> events = eventsUpTo(complaintId, seq);
        if (events.isEmpty() || events.get(events.size() - 1).seq() != seq) {
            throw new IllegalStateException("Event " + seq + " of complaint " + complaintId + " is not in the log");
        }
        ComplaintEvent event = events.get(events.size() - 1);
        Contribution contribution = StatsContribution.of(event, events.subList(0, events.size() - 1), facts(complaintId));
        return stats.add(contribution);
    }

    private ComplaintFacts facts(String complaintId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(complaintsTable).consistentRead(true)
                .key(ComplaintKeys.stateKey(complaintId))).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("Complaint " + complaintId + " has events but no state item");
        }
        return ComplaintFacts.of(ComplaintItems.complaint(item), reference);
    }

    private List<ComplaintEvent> eventsUpTo(String complaintId, int seq) {
        List<ComplaintEvent> events = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(complaintsTable).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :first AND :last")
                    .expressionAttributeValues(Map.of(":pk", Attr.s(ComplaintKeys.complaintPk(complaintId)),
                            ":first", Attr.s(ComplaintKeys.eventSk(1)), ":last", Attr.s(ComplaintKeys.eventSk(seq))))
                    .exclusiveStartKey(from));
            page.items().forEach(i -> events.add(ComplaintItems.event(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return events;
    }
}
