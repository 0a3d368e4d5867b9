package vn.pakn.aws.stats;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.stats.AggregateKey;
import vn.pakn.domain.stats.Contribution;

/**
 * Adds contributions to the aggregates ({@link StatsKeys}): one number attribute per counter, only
 * ever changed with {@code ADD}.
 *
 * <p>Exactly once: each part of a contribution is one transaction that also puts the marker
 * {@code pk = APPLIED#<complaintId>#<seq>, sk = PART#<n>} on condition it does not exist. A
 * redelivered event finds its markers and the transaction adds nothing; a crash between parts
 * leaves some markers, and the redelivery adds only the missing parts. A part holds at most
 * {@link #UPDATES_PER_PART} aggregates, under DynamoDB's 100 actions per transaction; the split is
 * deterministic, so a part means the same aggregates on every delivery. Markers expire after
 * {@link #MARKER_LIFETIME}, far beyond the stream's 24-hour retention (the longest a record can
 * be delivered again).
 */
public class DynamoStatsTable {
    public static final int UPDATES_PER_PART = 99;
    public static final Duration MARKER_LIFETIME = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final int updatesPerPart;

    public DynamoStatsTable(DynamoDbClient dynamo, String table, Clock clock) {
        this(dynamo, table, clock, UPDATES_PER_PART);
    }

    /** Smaller parts let a test split a contribution that real area trees never make that large. */
    public DynamoStatsTable(DynamoDbClient dynamo, String table, Clock clock, int updatesPerPart) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.updatesPerPart = updatesPerPart;
    }

    public static String markerPk(String complaintId, int seq) {
        return "APPLIED#" + complaintId + "#" + seq;
    }

    /** The sort key of a part's marker. */
    public static String partSk(int part) {
        return "PART#" + part;
    }

    /**
     * The parts a contribution is written in, in order: part n is marked {@link #partSk}(n). The
     * reconciliation uses the same split to tell which aggregates of an event are still to come.
     */
    public static List<List<Map.Entry<AggregateKey, Map<String, Long>>>> parts(Contribution contribution,
                                                                              int updatesPerPart) {
        List<Map.Entry<AggregateKey, Map<String, Long>>> all = new ArrayList<>(contribution.counters().entrySet());
        List<List<Map.Entry<AggregateKey, Map<String, Long>>>> parts = new ArrayList<>();
        for (int part = 0; part * updatesPerPart < all.size(); part++) {
            parts.add(all.subList(part * updatesPerPart, Math.min(all.size(), (part + 1) * updatesPerPart)));
        }
        return parts;
    }

    /** True when any part was added by this call. */
    public boolean add(Contribution contribution) {
        List<List<Map.Entry<AggregateKey, Map<String, Long>>>> parts = parts(contribution, updatesPerPart);
        boolean added = false;
        for (int part = 0; part < parts.size(); part++) {
            added |= addPart(contribution, part, parts.get(part));
        }
        return added;
    }

    private boolean addPart(Contribution c, int part, List<Map.Entry<AggregateKey, Map<String, Long>>> slice) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> marker = new HashMap<>(
                ComplaintKeys.key(markerPk(c.complaintId(), c.seq()), partSk(part)));
        marker.put(ComplaintKeys.EXPIRES_AT, Attr.n(clock.instant().plus(MARKER_LIFETIME).getEpochSecond()));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (Map.Entry<AggregateKey, Map<String, Long>> aggregate : slice) {
            writes.add(TransactWriteItem.builder().update(
                    addUpdate(aggregate.getKey().pk(), aggregate.getKey().sk(), aggregate.getValue())).build());
        }
        try {
            transact(writes);
            return true;
        } catch (TransactionCanceledException e) {
            if (!e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    /** The one write of a part; a test makes it fail to stop a contribution between its parts. */
    protected void transact(List<TransactWriteItem> writes) {
        dynamo.transactWriteItems(b -> b.transactItems(writes));
    }

    /** Adds to an aggregate's counters; the reconciliation repairs with the same update. */
    Update addUpdate(String pk, String period, Map<String, Long> counters) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> counter : counters.entrySet()) {
            names.put("#c" + i, counter.getKey());
            values.put(":v" + i, Attr.n(counter.getValue()));
            adds.add("#c" + i + " :v" + i);
            i++;
        }
        names.put("#period", StatsKeys.PERIOD);
        values.put(":period", Attr.s(period));
        return Update.builder().tableName(table).key(StatsKeys.key(pk, period))
                .updateExpression("SET #period = :period ADD " + String.join(", ", adds))
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }
}
