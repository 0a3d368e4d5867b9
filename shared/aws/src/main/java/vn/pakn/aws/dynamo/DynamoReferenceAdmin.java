package vn.pakn.aws.dynamo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceAdminStore;
import vn.pakn.domain.reference.RoutingRule;

/**
 * The reference table as administrators change it, item by item, in the layout of
 * {@link ReferenceItems}. Reads are strongly consistent and uncached (unlike
 * {@link DynamoReferenceData}): each check sees the writes just before it. Agencies are written by
 * {@link DynamoAgencies}, through their provisioning.
 */
public final class DynamoReferenceAdmin implements ReferenceAdminStore {
    /** On an area merged into another; the only attribute of the reference table no file sets. */
    public static final String MERGED_INTO = "mergedInto";
    /** The most TransactWriteItems takes. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReferenceAdmin(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Snapshot load() {
        List<Category> categories = query(ReferenceItems.CATEGORY_PK).stream().map(ReferenceItems::category).toList();
        List<AreaEntry> areas = query(ReferenceItems.AREA_PK).stream()
                .map(item -> new AreaEntry(ReferenceItems.area(item), Attr.str(item, MERGED_INTO))).toList();
        List<AgencyEntry> agencies = query(ReferenceItems.AGENCY_PK).stream()
                .map(item -> new AgencyEntry(ReferenceItems.agency(item), Attr.str(item, ReferenceItems.QUEUE_URL),
                        Attr.str(item, ReferenceItems.DEAD_LETTER_QUEUE_URL))).toList();
        List<RoutingRule> rules = query(ReferenceItems.RULE_PK).stream().map(ReferenceItems::rule).toList();
        List<Holiday> holidays = query(ReferenceItems.HOLIDAY_PK).stream()
                .map(item -> new Holiday(ReferenceItems.holiday(item), Attr.str(item, ReferenceItems.NAME))).toList();
        return new Snapshot(categories, areas, agencies, rules, holidays);
    }

    @Override
    public void putCategory(Category category) {
        put(ReferenceItems.categoryItem(category));
    }

    @Override
    public void putArea(AreaEntry area) {
        put(areaItem(area));
    }

    @Override
    public void putRule(RoutingRule rule) {
        put(ReferenceItems.ruleItem(rule));
    }

    @Override
    public boolean deleteRule(String categoryCode, String areaCode) {
        return delete(ReferenceItems.key(ReferenceItems.RULE_PK, ReferenceItems.ruleSk(categoryCode, areaCode)));
    }

    @Override
    public void putHoliday(LocalDate date, String name) {
        put(ReferenceItems.holidayItem(date, name));
    }

    @Override
    public boolean deleteHoliday(LocalDate date) {
        return delete(ReferenceItems.key(ReferenceItems.HOLIDAY_PK, date.toString()));
    }

    @Override
    public void applyMerge(Merge merge) {
        List<TransactWriteItem> writes = new ArrayList<>();
        merge.rulesAdded().forEach(r -> writes.add(put(ReferenceItems.ruleItem(r), null, Map.of())));
        merge.reparented().forEach(a -> writes.add(put(areaItem(new AreaEntry(a, null)), null, Map.of())));
        merge.rulesRemoved().forEach(r -> writes.add(TransactWriteItem.builder().delete(Delete.builder()
                .tableName(table).key(ReferenceItems.key(ReferenceItems.RULE_PK,
                        ReferenceItems.ruleSk(r.categoryCode(), r.areaCode()))).build()).build()));
        // Last: until the merged area carries the mark, a repeated request plans the same change again.
        writes.add(put(areaItem(merge.merged()),
                "attribute_exists(#pk) AND (attribute_not_exists(#merged) OR #merged = :into)",
                Map.of(":into", Attr.s(merge.merged().mergedInto()))));
        // Usually one transaction; a province merged whole may take several, each safe to repeat.
        for (int from = 0; from < writes.size(); from += MAX_TRANSACTION_ITEMS) {
            List<TransactWriteItem> chunk = writes.subList(from, Math.min(writes.size(), from + MAX_TRANSACTION_ITEMS));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(chunk));
            } catch (TransactionCanceledException e) {
                if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                        || "TransactionConflict".equals(r.code()))) {
                    throw new ConcurrentChangeException("Area " + merge.merged().area().code());
                }
                throw e;
            }
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition,
                                  Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (condition != null) {
            put.conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#pk", ReferenceItems.PK, "#merged", MERGED_INTO))
                    .expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static Map<String, AttributeValue> areaItem(AreaEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(ReferenceItems.areaItem(entry.area()));
        if (entry.mergedInto() != null) {
            item.put(MERGED_INTO, Attr.s(entry.mergedInto()));
        }
        return item;
    }

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private boolean delete(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> old = dynamo.deleteItem(b -> b.tableName(table).key(key)
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private List<Map<String, AttributeValue>> query(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(pk))))
                .items().forEach(items::add);
        return items;
    }

    /** An agency id can name its queues ({@code [a-z0-9-]}, at most 48 characters), as the importer requires. */
    public static boolean isAgencyId(String id) {
        return id != null && ProvinceFile.AGENCY_ID.matcher(id).matches();
    }
}
