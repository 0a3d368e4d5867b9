package vn.pakn.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.json.Json;

/** datapackage.json as the publisher writes it, checked against the files it describes. */
class DataPackageTest {
    private static final Instant NOW = Instant.parse("2026-11-22T18:30:00Z");
    private static final Set<String> TABLE_SCHEMA_TYPES = Set.of("string", "number", "integer", "boolean", "object",
            "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any");

    private final InMemoryOpenDataStore store = new InMemoryOpenDataStore();

    private JsonNode publish() throws Exception {
        OpenDataPublisher publisher = new OpenDataPublisher(OpenDataFactory.files(Complaints.source(List.of(
                ComplaintsCsvTest.resolvedAt(NOW.minus(Duration.ofDays(1)), "roads"),
                ComplaintsCsvTest.resolvedAt(NOW.minus(Duration.ofDays(1)), Complaints.SECURITY.code()))),
                new Complaints.Reference()), store);
        publisher.publish(NOW);
        return Json.read(store.get("open-data/datapackage.json").text());
    }

    @Test
    void everyCsvHeaderColumn_isDescribed_andEveryDescribedFieldIsAColumn_inTheSameOrder() throws Exception {
        JsonNode complaints = resource(publish(), "complaints");
        List<String> header = CsvReader.read(store.get("open-data/complaints.csv").text()).get(0);

        List<String> described = new ArrayList<>();
        for (JsonNode field : complaints.at("/schema/fields")) {
            described.add(field.get("name").asText());
            assertTrue(TABLE_SCHEMA_TYPES.contains(field.get("type").asText()), field.toString());
            assertFalse(field.path("description").asText().isBlank(), field + " says what it means");
            assertFalse(field.path("title").asText().isBlank(), field + " has a Vietnamese title");
        }
        assertEquals(header, described);
        assertEquals("id", complaints.at("/schema/primaryKey/0").asText());
    }

    @Test
    void resource_pointsAtTheFileBesideIt_withItsExactSizeHashAndRowCount() throws Exception {
        JsonNode complaints = resource(publish(), "complaints");
        byte[] csv = store.get("open-data/complaints.csv").bytes();

        assertEquals("complaints.csv", complaints.get("path").asText(), "relative to datapackage.json");
        assertEquals("tabular-data-resource", complaints.get("profile").asText());
        assertEquals("csv", complaints.get("format").asText());
        assertEquals("text/csv", complaints.get("mediatype").asText());
        assertEquals("utf-8", complaints.get("encoding").asText());
        assertEquals(csv.length, complaints.get("bytes").asLong());
        assertEquals("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)),
                complaints.get("hash").asText());
        assertEquals(2, complaints.get("rows").asLong());
        assertEquals("text/csv; charset=utf-8", store.get("open-data/complaints.csv").contentType());
    }

    @Test
    void package_namesItsLicenceAndCreationTime() throws Exception {
        JsonNode pkg = publish();
        assertEquals("pakn-open-data", pkg.get("name").asText());
        assertEquals("data-package", pkg.get("profile").asText());
        assertEquals("CC-BY-4.0", pkg.at("/licenses/0/name").asText());
        assertEquals("https://creativecommons.org/licenses/by/4.0/", pkg.at("/licenses/0/path").asText());
        assertEquals("2026-11-22T18:30:00Z", pkg.get("created").asText());
        assertEquals("application/json; charset=utf-8", store.get("open-data/datapackage.json").contentType());
    }

    @Test
    void enumConstraints_listEveryValueTheColumnCanHold() throws Exception {
        JsonNode fields = resource(publish(), "complaints").at("/schema/fields");
        for (JsonNode field : fields) {
            if (field.get("name").asText().equals("status")) {
                assertEquals(9, field.at("/constraints/enum").size(), field.toString());
                return;
            }
        }
        throw new AssertionError("no status field");
    }

    private static JsonNode resource(JsonNode pkg, String name) {
        for (JsonNode r : pkg.get("resources")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name + " in " + pkg);
    }
}
