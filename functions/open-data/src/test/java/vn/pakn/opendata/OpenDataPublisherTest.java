package vn.pakn.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.json.Json;

class OpenDataPublisherTest {
    private static final Instant NOW = Instant.parse("2026-11-22T18:30:00Z");

    private final InMemoryOpenDataStore store = new InMemoryOpenDataStore();

    /** A JSON file, as the statistics files will be: proves the extension point takes non-tabular files. */
    private static OpenDataFile json(String name, String body) {
        return new OpenDataFile() {
            @Override
            public DataResource resource() {
                return new DataResource(name, "stats/" + name + ".json", "Thống kê", "Figures.", "json",
                        "application/json", "utf-8", null);
            }

            @Override
            public long writeTo(OutputStream out, Instant generatedAt) throws IOException {
                out.write(body.getBytes(StandardCharsets.UTF_8));
                return 1;
            }
        };
    }

    private static OpenDataFile failing(String name) {
        return new OpenDataFile() {
            @Override
            public DataResource resource() {
                return new DataResource(name, name + ".json", "Hỏng", "Fails.", "json", "application/json", "utf-8", null);
            }

            @Override
            public long writeTo(OutputStream out, Instant generatedAt) throws IOException {
                out.write("{\"half\":".getBytes(StandardCharsets.UTF_8));
                throw new IOException("the statistics table is unreachable");
            }
        };
    }

    @Test
    void everyFile_isWrittenUnderTheOpenDataPrefix_andListed() throws Exception {
        new OpenDataPublisher(List.of(json("daily", "{\"days\":[]}")), store).publish(NOW);

        assertEquals("{\"days\":[]}", store.get("open-data/stats/daily.json").text());
        JsonNode pkg = Json.read(store.get("open-data/datapackage.json").text());
        assertEquals("stats/daily.json", pkg.at("/resources/0/path").asText());
        assertEquals("data-resource", pkg.at("/resources/0/profile").asText());
        assertTrue(pkg.at("/resources/0/schema").isMissingNode());
    }

    @Test
    void oneFileFailing_leavesItsPreviousVersion_andTheOthersArePublished() throws Exception {
        store.objects.put("open-data/broken.json", new InMemoryOpenDataStore.StoredObject(
                "{\"yesterday\":true}".getBytes(StandardCharsets.UTF_8), "application/json"));

        OpenDataPublisher.Summary summary = new OpenDataPublisher(
                List.of(failing("broken"), json("daily", "{}")), store).publish(NOW);

        assertEquals(List.of("broken.json"), summary.failed());
        assertEquals("{\"yesterday\":true}", store.get("open-data/broken.json").text(), "no half file replaces it");
        assertEquals("{}", store.get("open-data/stats/daily.json").text());
        JsonNode pkg = Json.read(store.get("open-data/datapackage.json").text());
        assertEquals(2, pkg.get("resources").size(), "still listed: its schema has not changed");
        assertFalse(pkg.at("/resources/0").has("hash"), "but without a hash it no longer matches");
        assertTrue(pkg.at("/resources/1").has("hash"));
    }

    @Test
    void twoFilesAtOnePath_areRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new OpenDataPublisher(List.of(json("a", "{}"), json("a", "{}")), store));
    }

    @Test
    void pathsThatCouldLeaveTheOpenDataPrefix_areRefused() {
        for (String path : List.of("../photos/x.jpg", "/etc/passwd", "stats/../../x", "A.csv", "")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new DataResource("x", path, "t", "d", "csv", "text/csv", "utf-8", null), path);
        }
    }
}
