package vn.pakn.opendata;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How datapackage.json describes one published file (a Frictionless Data Resource), before the
 * publisher adds what only writing it tells: {@code bytes}, {@code hash} and {@code rows}.
 *
 * @param name     lower-case identifier, unique in the package
 * @param path     relative to {@code open-data/}, where datapackage.json lives: {@code complaints.csv}, {@code stats/daily.json}
 * @param encoding null for binary formats
 * @param schema   the Table Schema of a tabular file; null for others (JSON documents)
 */
public record DataResource(String name, String path, String title, String description, String format,
                           String mediatype, String encoding, Schema schema) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9._/-]+");
    private static final Pattern PATH = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*");

    /** A Table Schema: the fields in file order and the field(s) identifying a row. */
    public record Schema(List<Field> fields, List<String> primaryKey) {
        public Schema {
            fields = List.copyOf(fields);
            primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
            for (String key : primaryKey) {
                if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                    throw new IllegalArgumentException("Primary key " + key + " is not a field");
                }
            }
            if (fields.stream().map(Field::name).distinct().count() != fields.size()) {
                throw new IllegalArgumentException("Field names must be unique");
            }
        }
    }

    public DataResource {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Resource names are lower case [a-z0-9._/-]: " + name);
        }
        // Also what keeps a file inside open-data/: no "..", no leading slash, nothing to escape.
        if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("Resource path must be a plain relative path: " + path);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mediatype, "mediatype");
    }

    /** The Content-Type the object is stored and served with. */
    public String contentType() {
        return encoding == null ? mediatype : mediatype + "; charset=" + encoding;
    }

    /** {@code tabular-data-resource} when it has a schema, which is what lets tools type its columns. */
    public String profile() {
        return schema == null ? "data-resource" : "tabular-data-resource";
    }
}
