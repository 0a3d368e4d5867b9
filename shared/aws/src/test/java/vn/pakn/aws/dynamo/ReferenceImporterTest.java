package vn.pakn.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.fakes.RecordingDynamo;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.reference.Agency;

class ReferenceImporterTest {
    private final RecordingDynamo dynamo = new RecordingDynamo();
    private final ReferenceImporter importer = new ReferenceImporter(dynamo, "reference");

    @Test
    void province_writesAreasThenAgenciesThenRulesThenHolidays() throws IOException {
        importer.importProvince(stream(ProvinceFileTest.fixture()));

        List<String> kinds = dynamo.writes.stream().map(w -> w.split("[ /]")[0] + " " + w.split("[ /]")[1])
                .distinct().toList();
        assertEquals(List.of("put AREA", "update AGENCY", "put RULE", "put HOLIDAY"), kinds,
                "agencies exist before rules name them; areas before agencies serve them");
        assertEquals(4 + 5 + 4 + 3, dynamo.writes.size());
        assertTrue(dynamo.writes.contains("put RULE/noise#99-b"), dynamo.writes.toString());
        assertTrue(dynamo.writes.contains("put HOLIDAY/2026-09-02"), dynamo.writes.toString());
    }

    @Test
    void agencyWrite_leavesTheQueuesRecordedOnItAlone() throws IOException {
        importer.importProvince(stream(ProvinceFileTest.fixture()));

        for (var update : dynamo.updates) {
            assertFalse(update.expressionAttributeNames().containsValue(ReferenceItems.QUEUE_URL), update.toString());
            assertFalse(update.updateExpression().contains("REMOVE #queue"), update.updateExpression());
        }
        var triage = dynamo.updates.stream().filter(u -> u.key().get("sk").s().equals("t-triage")).findFirst().orElseThrow();
        assertTrue(triage.updateExpression().endsWith("REMOVE #parent"), "a top agency has no parent left over");
    }

    @Test
    void invalidProvince_writesNothing() throws IOException {
        ObjectNode file = ProvinceFileTest.fixture();
        ProvinceFileTest.agency(file, "t-ubnd-a").put("enabled", false);

        assertThrows(ProvinceFile.InvalidProvinceFileException.class, () -> importer.importProvince(stream(file)));
        assertEquals(List.of(), dynamo.writes);
    }

    @Test
    void rerun_writesTheSameItemsAgain() throws IOException {
        importer.importProvince(stream(ProvinceFileTest.fixture()));
        List<String> first = new ArrayList<>(dynamo.writes);
        var firstItems = new ArrayList<>(dynamo.putItems);
        var firstUpdates = new ArrayList<>(dynamo.updates);
        dynamo.writes.clear();
        dynamo.putItems.clear();
        dynamo.updates.clear();

        importer.importProvince(stream(ProvinceFileTest.fixture()));

        assertEquals(first, dynamo.writes);
        assertEquals(firstItems, dynamo.putItems);
        assertEquals(firstUpdates, dynamo.updates);
    }

    @Test
    void agencySaver_isHandedEveryAgency_disabledOnesToo() throws IOException {
        List<Agency> saved = new ArrayList<>();

        importer.importProvince(stream(ProvinceFileTest.fixture()), saved::add);

        assertEquals(List.of("t-triage", "t-ubnd-a", "t-ubnd-b", "t-ubnd-b-old", "t-so-xd"),
                saved.stream().map(Agency::id).toList());
        assertTrue(dynamo.writes.stream().noneMatch(w -> w.contains("AGENCY")), "the saver writes agencies");
    }

    private static InputStream stream(ObjectNode file) throws IOException {
        return new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(file));
    }
}
