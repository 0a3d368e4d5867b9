package vn.pakn.aws.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.AreaTree;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.reference.RoutingRule;

/**
 * Categories, areas, agencies, routing rules and holidays from the reference table (one query per
 * kind; {@link ReferenceItems} has the layout). They change a few times a year and are read on
 * every request, so a warm function keeps them for a short while instead of querying each time.
 */
public final class DynamoReferenceData implements ReferenceData {
    private record Snapshot(List<Category> categories, AreaTree areas, List<Agency> agencies, List<RoutingRule> rules,
                            Set<LocalDate> holidays, Set<String> retiredAreas, Instant loadedAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public DynamoReferenceData(DynamoDbClient dynamo, String table, Duration maxAge, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public List<Category> categories() {
        return current().categories();
    }

    @Override
    public AreaTree areas() {
        return current().areas();
    }

    @Override
    public List<Agency> agencies() {
        return current().agencies();
    }

    @Override
    public List<RoutingRule> rules() {
        return current().rules();
    }

    @Override
    public Set<LocalDate> holidays() {
        return current().holidays();
    }

    @Override
    public Set<String> retiredAreas() {
        return current().retiredAreas();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.loadedAt().plus(maxAge).isBefore(clock.instant())) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        List<Category> categories = queryAll(ReferenceItems.CATEGORY_PK).stream().map(ReferenceItems::category).toList();
        List<Map<String, AttributeValue>> areaItems = queryAll(ReferenceItems.AREA_PK);
        List<Area> areas = areaItems.stream().map(ReferenceItems::area).toList();
        Set<String> retired = areaItems.stream().filter(i -> i.containsKey(DynamoReferenceAdmin.MERGED_INTO))
                .map(ReferenceItems::area).map(Area::code).collect(Collectors.toUnmodifiableSet());
        List<Agency> agencies = queryAll(ReferenceItems.AGENCY_PK).stream().map(ReferenceItems::agency).toList();
        List<RoutingRule> rules = queryAll(ReferenceItems.RULE_PK).stream().map(ReferenceItems::rule).toList();
        Set<LocalDate> holidays = queryAll(ReferenceItems.HOLIDAY_PK).stream().map(ReferenceItems::holiday)
                .collect(Collectors.toUnmodifiableSet());
        return new Snapshot(categories, new AreaTree(areas), agencies, rules, holidays, retired, clock.instant());
    }

    private List<Map<String, AttributeValue>> queryAll(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(pk))))
                .items().forEach(items::add);
        return items;
    }
}
