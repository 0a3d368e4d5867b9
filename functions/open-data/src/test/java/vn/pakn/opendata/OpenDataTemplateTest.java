package vn.pakn.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.local.aws.SamTemplate;

/**
 * The attribute list is written three times (what the scan asks for, what the template's policy
 * allows, what ComplaintItems writes); these tests hold them together.
 */
class OpenDataTemplateTest {
    private final SamTemplate template = SamTemplate.load();

    @Test
    void policy_allowsTheScanExactlyTheAttributesItAsksFor_plusTheKeys() {
        List<String> expected = new ArrayList<>(List.of("pk", "sk"));
        expected.addAll(DynamoComplaintSource.ATTRIBUTES);
        Map<String, Object> scan = statement("dynamodb:Scan");
        @SuppressWarnings("unchecked")
        Map<String, Object> condition = (Map<String, Object>) scan.get("Condition");
        @SuppressWarnings("unchecked")
        Map<String, Object> forAll = (Map<String, Object>) condition.get("ForAllValues:StringEquals");
        assertEquals(expected, forAll.get("dynamodb:Attributes"));
        assertEquals(Map.of("dynamodb:Select", "SPECIFIC_ATTRIBUTES"), condition.get("StringEquals"),
                "a Scan must name its attributes");
    }

    @Test
    void projectedItem_isAComplaintWithEveryPublishedFact_andNoPersonalData() {
        Complaint full = ComplaintsCsvTest.resolvedAt(Instant.parse("2026-11-21T02:00:00Z"), "roads");
        Map<String, AttributeValue> item = ComplaintItems.stateItem(full);
        for (String attribute : DynamoComplaintSource.ATTRIBUTES) {
            assertTrue(item.containsKey(attribute), attribute + " is an attribute ComplaintItems writes");
        }
        Map<String, AttributeValue> projected = new HashMap<>(item);
        projected.keySet().retainAll(DynamoComplaintSource.ATTRIBUTES);

        Complaint read = ComplaintItems.complaint(projected);

        assertEquals(ComplaintsCsv.file(Complaints.source(List.of(full)), new Complaints.Reference()).cells(row(full)),
                ComplaintsCsv.file(Complaints.source(List.of(read)), new Complaints.Reference()).cells(row(read)),
                "the row from the projection is the row from the whole item");
        assertTrue(read.reporter().isEmpty());
        assertNull(read.trackingCode());
        assertNull(read.secretHash());
    }

    @Test
    void schedule_isNightlyAt0130VietnamTime() {
        Object schedule = template.function("OpenDataFunction").eventsOfType("Schedule").get(0).properties()
                .get("Schedule");
        assertEquals("cron(30 18 * * ? *)", schedule, "18:30 UTC is 01:30 at UTC+7");
        assertEquals(Duration.ofHours(7), Duration.ofSeconds(
                vn.pakn.domain.sla.WorkingCalendar.VIETNAM.getRules().getOffset(Instant.now()).getTotalSeconds()));
    }

    private static ComplaintsCsv.Row row(Complaint c) {
        return new ComplaintsCsv.Names(new Complaints.Reference()).row(c);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> statement(String action) {
        Map<String, Object> properties = template.resource("OpenDataFunction").properties();
        for (Object policy : (List<Object>) properties.get("Policies")) {
            for (Object s : (List<Object>) ((Map<String, Object>) policy).get("Statement")) {
                Map<String, Object> statement = (Map<String, Object>) s;
                Object actions = statement.get("Action");
                if (action.equals(actions) || (actions instanceof List<?> l && l.contains(action))) {
                    return statement;
                }
            }
        }
        throw new AssertionError("OpenDataFunction has no statement for " + action);
    }
}
