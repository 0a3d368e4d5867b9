package vn.pakn.aws.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.dynamo.ReferenceItems;
import vn.pakn.domain.fakes.MovableClock;
import vn.pakn.aws.fakes.RecordingDynamo;

class AgencyQueueDirectoryTest {
    private static final String INTAKE = "https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-dev-intake.fifo";
    private static final String KINH_BAC = "https://sqs.ap-southeast-1.amazonaws.com/123456789012/pakn-dev-agency-bn-ubnd-kinh-bac";

    private final RecordingDynamo dynamo = new RecordingDynamo();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T02:00:00Z"));
    private final AgencyQueueDirectory directory =
            new AgencyQueueDirectory(new DynamoAgencies(dynamo, "reference"), Duration.ofSeconds(60), clock);

    @Test
    void agencyDestination_resolvesToTheQueueRecordedOnTheAgency() {
        agencyItem("bn-ubnd-kinh-bac", KINH_BAC);

        assertEquals(Optional.of(KINH_BAC), directory.find("agency:bn-ubnd-kinh-bac"));
        assertEquals("reference", dynamo.gets.get(0).tableName());
        assertEquals(ReferenceItems.agencyKey("bn-ubnd-kinh-bac"), dynamo.gets.get(0).key());
        assertEquals(AgencyQueueDirectory.destination("bn-ubnd-kinh-bac"), "agency:bn-ubnd-kinh-bac");
    }

    @Test
    void otherDestinations_areNotMine_andCostNoRead() {
        assertEquals(Optional.empty(), directory.find(OutboxMessage.INTAKE));
        assertEquals(Optional.empty(), directory.find("agency:"));
        assertEquals(0, dynamo.gets.size());
    }

    @Test
    void repeatedLookups_readOnce_untilTheCacheAgesOut() {
        agencyItem("bn-ubnd-kinh-bac", KINH_BAC);

        directory.find("agency:bn-ubnd-kinh-bac");
        clock.advance(Duration.ofSeconds(60));
        directory.find("agency:bn-ubnd-kinh-bac");
        assertEquals(1, dynamo.gets.size(), "within the minute: from memory");

        clock.advance(Duration.ofSeconds(1));
        directory.find("agency:bn-ubnd-kinh-bac");
        assertEquals(2, dynamo.gets.size(), "after it: read again");
    }

    @Test
    void agencyWithoutQueueYet_isUnknown_andAskedAgainNextTime() {
        agencyItem("bn-so-moi", null);

        assertEquals(Optional.empty(), directory.find("agency:bn-so-moi"));
        assertEquals(Optional.empty(), directory.find("agency:unknown"));
        agencyItem("bn-so-moi", KINH_BAC);
        assertEquals(Optional.of(KINH_BAC), directory.find("agency:bn-so-moi"), "a miss is not remembered");
    }

    @Test
    void chainedAfterTheFixedDirectory_intakeStaysFixed_agenciesComeFromTheTable() {
        agencyItem("bn-ubnd-kinh-bac", KINH_BAC);
        QueueDirectory chained = QueueDirectory.fixed(Map.of(OutboxMessage.INTAKE, INTAKE)).orElse(directory);

        assertEquals(INTAKE, chained.queueUrl(OutboxMessage.INTAKE));
        assertEquals(0, dynamo.gets.size());
        assertEquals(KINH_BAC, chained.queueUrl("agency:bn-ubnd-kinh-bac"));
        assertThrows(QueueDirectory.UnknownDestinationException.class, () -> chained.queueUrl("agency:nobody"));
    }

    private void agencyItem(String id, String queueUrl) {
        Map<String, AttributeValue> item = new HashMap<>(ReferenceItems.agencyKey(id));
        item.put("name", Attr.s("Agency " + id));
        if (queueUrl != null) {
            item.put("queueUrl", Attr.s(queueUrl));
        }
        dynamo.item(item);
    }
}
