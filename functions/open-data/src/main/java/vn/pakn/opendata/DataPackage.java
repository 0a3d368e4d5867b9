package vn.pakn.opendata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import vn.pakn.aws.json.Json;

/**
 * {@code datapackage.json}: a Frictionless Data Package descriptor (https://specs.frictionlessdata.io/data-package/)
 * listing every file of the run, generated from the files' own {@link DataResource}s, so the
 * fields it describes are the columns the CSV writer wrote.
 */
public final class DataPackage {
    public static final String PATH = "datapackage.json";
    static final String NAME = "pakn-open-data";
    /**
     * CC BY 4.0: anyone may reuse, also commercially, crediting the source; an Open Definition
     * conformant licence, understood by portals and press alike (docs/open-data.md).
     */
    static final Map<String, String> LICENSE = Map.of("name", "CC-BY-4.0",
            "path", "https://creativecommons.org/licenses/by/4.0/",
            "title", "Creative Commons Attribution 4.0");

    /**
     * What one file of a run turned out to be; {@code bytes}, {@code sha256} and {@code rows} are null
     * when writing it failed (the previous version, if any, is still in place).
     */
    public record Entry(DataResource resource, Long bytes, String sha256, Long rows) {
        public static Entry failed(DataResource resource) {
            return new Entry(resource, null, null, null);
        }
    }

    private DataPackage() {
    }

    public static ObjectNode descriptor(List<Entry> entries, Instant created) {
        ObjectNode pkg = Json.object();
        // Not tabular-data-package: JSON documents (the aggregates) sit beside the CSV tables.
        pkg.put("profile", "data-package");
        pkg.put("name", NAME);
        pkg.put("title", "Phản ánh, kiến nghị — dữ liệu mở / Citizen complaints — open data");
        pkg.put("description", "Complaints and requests citizens sent to the province through pakn (phản ánh, kiến"
                + " nghị), and how agencies handled them: one row per complaint with personal data removed, and"
                + " statistics. Regenerated every night; docs/open-data.md in the pakn repository explains each"
                + " file and the privacy rules.");
        pkg.put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode keywords = pkg.putArray("keywords");
        List.of("phản ánh kiến nghị", "complaints", "311", "open311", "public services", "Vietnam")
                .forEach(keywords::add);
        ObjectNode license = pkg.putArray("licenses").addObject();
        license.put("name", LICENSE.get("name"));
        license.put("path", LICENSE.get("path"));
        license.put("title", LICENSE.get("title"));
        ArrayNode resources = pkg.putArray("resources");
        for (Entry entry : entries) {
            resources.add(resource(entry));
        }
        return pkg;
    }

    static ObjectNode resource(Entry entry) {
        DataResource r = entry.resource();
        ObjectNode node = Json.object();
        node.put("name", r.name());
        node.put("path", r.path());
        node.put("profile", r.profile());
        node.put("title", r.title());
        node.put("description", r.description());
        node.put("format", r.format());
        node.put("mediatype", r.mediatype());
        if (r.encoding() != null) {
            node.put("encoding", r.encoding());
        }
        if (entry.bytes() != null) {
            node.put("bytes", entry.bytes());
            node.put("hash", "sha256:" + entry.sha256());
            // Not part of the specification (extra properties are allowed): lets a reader check it got every row.
            node.put("rows", entry.rows());
        }
        if (r.schema() != null) {
            ObjectNode schema = node.putObject("schema");
            ArrayNode fields = schema.putArray("fields");
            for (Field f : r.schema().fields()) {
                ObjectNode field = fields.addObject();
                field.put("name", f.name());
                field.put("type", f.type().wireName());
                field.put("title", f.title());
                field.put("description", f.description());
                if (!f.constraints().isEmpty()) {
                    field.set("constraints", Json.MAPPER.valueToTree(f.constraints()));
                }
            }
            if (!r.schema().primaryKey().isEmpty()) {
                ArrayNode key = schema.putArray("primaryKey");
                r.schema().primaryKey().forEach(key::add);
            }
            schema.putArray("missingValues").add("");
        }
        return node;
    }
}
