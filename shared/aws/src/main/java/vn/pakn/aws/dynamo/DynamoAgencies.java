package vn.pakn.aws.dynamo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import vn.pakn.domain.reference.Agency;

/**
 * Agency items of the reference table, written attribute by attribute: an agency's own fields and
 * the location of its queues are set by different steps (importer or admin, then queue
 * provisioning), and neither may erase what the other wrote.
 */
public final class DynamoAgencies {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAgencies(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String table() {
        return table;
    }

    /** Where an agency's queues are, as recorded on its item. */
    public record QueueLocation(String queueUrl, String queueArn, String deadLetterQueueUrl) {
    }

    /**
     * Creates the agency or updates its fields, and records its queues when given; queue
     * attributes recorded earlier stay when {@code queues} is null. One write, so an agency is
     * never seen enabled with only half of this applied.
     */
    public void save(Agency agency, QueueLocation queues) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        set(set, names, values, ReferenceItems.NAME, Attr.s(agency.name()));
        set(set, names, values, ReferenceItems.LEVEL, Attr.s(agency.level()));
        set(set, names, values, ReferenceItems.AREA, Attr.s(agency.areaCode()));
        set(set, names, values, ReferenceItems.ENABLED, Attr.bool(agency.enabled()));
        if (queues != null) {
            set(set, names, values, ReferenceItems.QUEUE_URL, Attr.s(queues.queueUrl()));
            set(set, names, values, ReferenceItems.QUEUE_ARN, Attr.s(queues.queueArn()));
            set(set, names, values, ReferenceItems.DEAD_LETTER_QUEUE_URL, Attr.s(queues.deadLetterQueueUrl()));
        }
        String expression;
        if (agency.parentId() != null) {
            set(set, names, values, ReferenceItems.PARENT, Attr.s(agency.parentId()));
            expression = set.toString();
        } else {
            names.put("#" + ReferenceItems.PARENT, ReferenceItems.PARENT);
            expression = set + " REMOVE #" + ReferenceItems.PARENT;
        }
        dynamo.updateItem(b -> b.tableName(table).key(ReferenceItems.agencyKey(agency.id()))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    public Optional<Agency> find(String agencyId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(ReferenceItems.agencyKey(agencyId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ReferenceItems.agency(item));
    }

    /**
     * @return the agency as it is now
     * @throws UnknownAgencyException when there is no such agency
     */
    public Agency setEnabled(String agencyId, boolean enabled) {
        try {
            return ReferenceItems.agency(dynamo.updateItem(b -> b.tableName(table)
                    .key(ReferenceItems.agencyKey(agencyId))
                    .conditionExpression("attribute_exists(#pk)")
                    .updateExpression("SET #enabled = :enabled")
                    .expressionAttributeNames(Map.of("#pk", ReferenceItems.PK, "#enabled", ReferenceItems.ENABLED))
                    .expressionAttributeValues(Map.of(":enabled", Attr.bool(enabled)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new UnknownAgencyException(agencyId);
        }
    }

    /** @throws UnknownAgencyException when the agency was never saved (its queues would be orphans) */
    public void recordQueues(String agencyId, QueueLocation queues) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(ReferenceItems.agencyKey(agencyId))
                    .conditionExpression("attribute_exists(#pk)")
                    .updateExpression("SET #url = :url, #arn = :arn, #dlq = :dlq")
                    .expressionAttributeNames(Map.of("#pk", ReferenceItems.PK, "#url", ReferenceItems.QUEUE_URL,
                            "#arn", ReferenceItems.QUEUE_ARN, "#dlq", ReferenceItems.DEAD_LETTER_QUEUE_URL))
                    .expressionAttributeValues(Map.of(":url", Attr.s(queues.queueUrl()),
                            ":arn", Attr.s(queues.queueArn()), ":dlq", Attr.s(queues.deadLetterQueueUrl()))));
        } catch (ConditionalCheckFailedException e) {
            throw new UnknownAgencyException(agencyId);
        }
    }

    /** Empty when the agency is unknown or its queue has not been created yet. */
    public Optional<String> queueUrl(String agencyId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(ReferenceItems.agencyKey(agencyId)).consistentRead(true)
                .projectionExpression("#url")
                .expressionAttributeNames(Map.of("#url", ReferenceItems.QUEUE_URL))).item();
        return Optional.ofNullable(item == null ? null : Attr.str(item, ReferenceItems.QUEUE_URL));
    }

    /** The dead-letter queue's URL, for operators re-driving it; empty as for {@link #queueUrl}. */
    public Optional<String> deadLetterQueueUrl(String agencyId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(ReferenceItems.agencyKey(agencyId))
                .projectionExpression("#dlq")
                .expressionAttributeNames(Map.of("#dlq", ReferenceItems.DEAD_LETTER_QUEUE_URL))).item();
        return Optional.ofNullable(item == null ? null : Attr.str(item, ReferenceItems.DEAD_LETTER_QUEUE_URL));
    }

    private static void set(StringBuilder expression, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, AttributeValue value) {
        if (!names.isEmpty()) {
            expression.append(", ");
        }
        expression.append('#').append(attribute).append(" = :").append(attribute);
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
    }

    /** An agency id that names no agency item. */
    public static final class UnknownAgencyException extends IllegalArgumentException {
        public UnknownAgencyException(String agencyId) {
            super("No agency " + agencyId + " in the reference table");
        }
    }
}
