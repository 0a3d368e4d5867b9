package vn.pakn.aws.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.AreaTree;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * Categories and areas from the reference table. They change a few times a year and are read
 * on every request, so a warm function keeps them for a short while instead of querying each time.
 */
public final class DynamoReferenceData implements ReferenceData {
    public static final String CATEGORY_PK = "CATEGORY";
    public static final String AREA_PK = "AREA";

    private record Snapshot(List<Category> categories, AreaTree areas, Instant loadedAt) {
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

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.loadedAt().plus(maxAge).isBefore(clock.instant())) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        List<Category> categories = queryAll(CATEGORY_PK).stream().map(DynamoReferenceData::category).toList();
        List<Area> areas = queryAll(AREA_PK).stream().map(DynamoReferenceData::area).toList();
        return new Snapshot(categories, new AreaTree(areas), clock.instant());
    }

    private List<Map<String, AttributeValue>> queryAll(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(pk))))
                .items().forEach(items::add);
        return items;
    }

    static Category category(Map<String, AttributeValue> item) {
        return new Category(Attr.str(item, "sk"), new LocalizedText(Attr.str(item, "nameVi"), Attr.str(item, "nameEn")),
                Attr.num(item, "ackHours").intValue(), Attr.num(item, "resolveDays").intValue(),
                Attr.bool(item, "photoRequired"), Attr.bool(item, "publicFeed"));
    }

    static Area area(Map<String, AttributeValue> item) {
        return new Area(Attr.str(item, "sk"), Attr.str(item, "name"), Attr.str(item, "level"),
                Attr.str(item, "parent"), Attr.dbl(item, "centroidLat"), Attr.dbl(item, "centroidLon"));
    }
}
