package vn.pakn.open311;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;

/**
 * Public lists from the complaints table: a date range from the by-month index
 * ({@link ComplaintKeys#GSI5}, one partition a month, newest first), single complaints by key.
 * The index projects what public lists show (never the reporter, secret hash or tracking code), so
 * a list costs no reads beyond the index's; complaints read from it have those fields empty.
 */
public final class DynamoServiceRequestQuery implements ServiceRequestQuery {
    private static final Pattern ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    /** DynamoDB's limit for one IN list; longer ones are filtered here instead. */
    private static final int MAX_IN_OPERANDS = 100;
    private static final int BATCH_GET_MAX = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoServiceRequestQuery(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Complaint> received(Instant from, Instant to, Filter filter, int limit) {
        List<Complaint> out = new ArrayList<>();
        // A day's margin on either side: whichever calendar a month partition is cut by, no complaint
        // near a month's edge is missed; the sort-key range keeps the result exact.
        YearMonth first = YearMonth.from(from.minus(1, ChronoUnit.DAYS).atZone(ZoneOffset.UTC));
        YearMonth month = YearMonth.from(to.plus(1, ChronoUnit.DAYS).atZone(ZoneOffset.UTC));
        String low = ComplaintKeys.feedInstant(from);
        String high = ComplaintKeys.feedInstant(to) + "#~";
        for (; !month.isBefore(first) && out.size() < limit; month = month.minusMonths(1)) {
            Instant inMonth = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            queryMonth(ComplaintKeys.feedMonth(inMonth), low, high, filter, limit, out);
        }
        return out;
    }

    private void queryMonth(String partition, String low, String high, Filter filter, int limit, List<Complaint> out) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", ComplaintKeys.GSI5_PK);
        names.put("#sk", ComplaintKeys.GSI5_SK);
        values.put(":pk", AttributeValue.fromS(partition));
        values.put(":low", AttributeValue.fromS(low));
        values.put(":high", AttributeValue.fromS(high));
        List<String> conditions = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            conditions.add(in("#status", "status", "s", filter.statuses().stream().map(Status::name).toList(),
                    names, values));
        }
        if (!filter.categories().isEmpty() && filter.categories().size() <= MAX_IN_OPERANDS) {
            conditions.add(in("#category", "category", "c", List.copyOf(filter.categories()), names, values));
        }
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(ComplaintKeys.GSI5)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :low AND :high")
                    .scanIndexForward(false)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values);
            if (!conditions.isEmpty()) {
                query.filterExpression(String.join(" AND ", conditions));
            }
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                Complaint c = ComplaintItems.complaint(item);
                if (filter.accepts(c)) {
                    out.add(c);
                    if (out.size() >= limit) {
                        return;
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static String in(String name, String attribute, String prefix, List<String> operands,
                             Map<String, String> names, Map<String, AttributeValue> values) {
        names.put(name, attribute);
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            placeholders.add(":" + prefix + i);
            values.put(":" + prefix + i, AttributeValue.fromS(operands.get(i)));
        }
        return name + " IN (" + String.join(", ", placeholders) + ")";
    }

    @Override
    public List<Complaint> byIds(List<String> ids) {
        // Ids are ours (ULIDs): anything else cannot exist and need not cost a read.
        List<String> wanted = ids.stream().filter(id -> ID.matcher(id).matches()).distinct().toList();
        Map<String, Complaint> found = new HashMap<>();
        for (int i = 0; i < wanted.size(); i += BATCH_GET_MAX) {
            List<Map<String, AttributeValue>> keys = wanted.subList(i, Math.min(wanted.size(), i + BATCH_GET_MAX))
                    .stream().map(ComplaintKeys::stateKey).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backOff(attempt);
                }
                Map<String, KeysAndAttributes> request = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    Complaint c = ComplaintItems.complaint(item);
                    found.put(c.id(), c);
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return ids.stream().distinct().map(found::get).filter(c -> c != null).toList();
    }

    /** Unprocessed keys mean the table is throttling: ask again a little later, a few times. */
    private static void backOff(int attempt) {
        if (attempt > 5) {
            throw new IllegalStateException("DynamoDB kept keys unprocessed after " + attempt + " attempts");
        }
        try {
            Thread.sleep(25L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading complaints", e);
        }
    }

    @Override
    public Optional<String> idForTrackingCode(String trackingCode) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(ComplaintKeys.key(ComplaintKeys.trackingPk(trackingCode), "TRACK"))).item();
        if (item == null || item.isEmpty() || !item.containsKey("complaintId")) {
            return Optional.empty();
        }
        return Optional.of(item.get("complaintId").s());
    }
}
