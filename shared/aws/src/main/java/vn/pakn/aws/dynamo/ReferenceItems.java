package vn.pakn.aws.dynamo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.RoutingRule;

/**
 * The item layout of the reference table, in one place: one partition per kind of item, the
 * natural id as sort key. docs/data-model.md lists the items and the access patterns they serve.
 */
public final class ReferenceItems {
    public static final String PK = "pk";
    public static final String SK = "sk";

    public static final String CATEGORY_PK = "CATEGORY";
    public static final String AREA_PK = "AREA";
    public static final String AGENCY_PK = "AGENCY";
    public static final String RULE_PK = "RULE";
    public static final String HOLIDAY_PK = "HOLIDAY";

    static final String NAME = "name";
    static final String NAME_VI = "nameVi";
    static final String NAME_EN = "nameEn";
    static final String ACK_HOURS = "ackHours";
    static final String RESOLVE_DAYS = "resolveDays";
    static final String PHOTO_REQUIRED = "photoRequired";
    static final String PUBLIC_FEED = "publicFeed";
    static final String ESCALATE_WHEN_OVERDUE = "escalateWhenOverdue";
    static final String LEVEL = "level";
    static final String PARENT = "parent";
    static final String CENTROID_LAT = "centroidLat";
    static final String CENTROID_LON = "centroidLon";
    static final String AREA = "area";
    static final String ENABLED = "enabled";
    static final String CATEGORY = "category";
    static final String AGENCY = "agency";
    /** Written only once the agency's queues exist; re-importing the agency leaves them alone. */
    static final String QUEUE_URL = "queueUrl";
    static final String QUEUE_ARN = "queueArn";
    static final String DEAD_LETTER_QUEUE_URL = "deadLetterQueueUrl";

    private ReferenceItems() {
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, Attr.s(pk), SK, Attr.s(sk));
    }

    public static Map<String, AttributeValue> agencyKey(String agencyId) {
        return key(AGENCY_PK, agencyId);
    }

    /** One rule per category and area: a second rule for the same pair replaces the first. */
    public static String ruleSk(String categoryCode, String areaCode) {
        return categoryCode + "#" + areaCode;
    }

    // ------------------------------------------------------------------ categories

    static Map<String, AttributeValue> categoryItem(Category c) {
        Map<String, AttributeValue> item = new HashMap<>(key(CATEGORY_PK, c.code()));
        item.put(NAME_VI, Attr.s(c.name().vi()));
        item.put(NAME_EN, Attr.s(c.name().en()));
        item.put(ACK_HOURS, Attr.n(c.ackHours()));
        item.put(RESOLVE_DAYS, Attr.n(c.resolveDays()));
        item.put(PHOTO_REQUIRED, Attr.bool(c.photoRequired()));
        item.put(PUBLIC_FEED, Attr.bool(c.publicFeed()));
        item.put(ESCALATE_WHEN_OVERDUE, Attr.bool(c.escalateWhenOverdue()));
        return item;
    }

    static Category category(Map<String, AttributeValue> item) {
        return new Category(Attr.str(item, SK), new LocalizedText(Attr.str(item, NAME_VI), Attr.str(item, NAME_EN)),
                Attr.num(item, ACK_HOURS).intValue(), Attr.num(item, RESOLVE_DAYS).intValue(),
                Attr.bool(item, PHOTO_REQUIRED), Attr.bool(item, PUBLIC_FEED), Attr.bool(item, ESCALATE_WHEN_OVERDUE));
    }

    // ------------------------------------------------------------------ areas

    static Map<String, AttributeValue> areaItem(Area a) {
        Map<String, AttributeValue> item = new HashMap<>(key(AREA_PK, a.code()));
        item.put(NAME, Attr.s(a.name()));
        item.put(LEVEL, Attr.s(a.level()));
        if (a.parentCode() != null) {
            item.put(PARENT, Attr.s(a.parentCode()));
        }
        if (a.centroidLat() != null && a.centroidLon() != null) {
            item.put(CENTROID_LAT, Attr.n(a.centroidLat()));
            item.put(CENTROID_LON, Attr.n(a.centroidLon()));
        }
        return item;
    }

    static Area area(Map<String, AttributeValue> item) {
        return new Area(Attr.str(item, SK), Attr.str(item, NAME), Attr.str(item, LEVEL),
                Attr.str(item, PARENT), Attr.dbl(item, CENTROID_LAT), Attr.dbl(item, CENTROID_LON));
    }

    // ------------------------------------------------------------------ agencies

    static Agency agency(Map<String, AttributeValue> item) {
        return new Agency(Attr.str(item, SK), Attr.str(item, NAME), Attr.str(item, LEVEL), Attr.str(item, PARENT),
                Attr.str(item, AREA), Attr.bool(item, ENABLED));
    }

    // ------------------------------------------------------------------ rules

    static Map<String, AttributeValue> ruleItem(RoutingRule r) {
        Map<String, AttributeValue> item = new HashMap<>(key(RULE_PK, ruleSk(r.categoryCode(), r.areaCode())));
        item.put(CATEGORY, Attr.s(r.categoryCode()));
        item.put(AREA, Attr.s(r.areaCode()));
        item.put(AGENCY, Attr.s(r.agencyId()));
        return item;
    }

    static RoutingRule rule(Map<String, AttributeValue> item) {
        return new RoutingRule(Attr.str(item, CATEGORY), Attr.str(item, AREA), Attr.str(item, AGENCY));
    }

    // ------------------------------------------------------------------ holidays

    /** @param name null when the file gives only the date */
    static Map<String, AttributeValue> holidayItem(LocalDate date, String name) {
        Map<String, AttributeValue> item = new HashMap<>(key(HOLIDAY_PK, date.toString()));
        if (name != null) {
            item.put(NAME, Attr.s(name));
        }
        return item;
    }

    static LocalDate holiday(Map<String, AttributeValue> item) {
        return LocalDate.parse(Attr.str(item, SK));
    }
}
