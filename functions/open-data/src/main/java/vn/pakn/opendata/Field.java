package vn.pakn.opendata;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column as a Table Schema (Frictionless Data) field: what datapackage.json says about it.
 *
 * @param title       Vietnamese, for people (the header itself stays an English snake_case name for code)
 * @param description English: what the value means and when it is empty
 * @param constraints Table Schema constraints ({@code required}, {@code unique}, {@code enum}, {@code minimum}, ...)
 */
public record Field(String name, Type type, String title, String description, Map<String, Object> constraints) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** The Table Schema types the files use, each with the Java values a column may hand the writer. */
    public enum Type {
        STRING(String.class), INTEGER(Long.class, Integer.class), NUMBER(Double.class), BOOLEAN(Boolean.class),
        DATETIME(Instant.class), DATE(java.time.LocalDate.class);

        private final Class<?>[] javaTypes;

        Type(Class<?>... javaTypes) {
            this.javaTypes = javaTypes;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean accepts(Object value) {
            for (Class<?> t : javaTypes) {
                if (t.isInstance(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    public Field {
        Objects.requireNonNull(type, "type");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Field names are snake_case, like city 311 datasets': " + name);
        }
        if (description == null || description.isBlank() || title == null || title.isBlank()) {
            throw new IllegalArgumentException("Field " + name + " needs a title and a description: open data is read by people");
        }
        constraints = constraints == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
    }

    public Field(String name, Type type, String title, String description) {
        this(name, type, title, description, Map.of());
    }

    /** This field with one more constraint. */
    public Field with(String constraint, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(constraints);
        more.put(constraint, value);
        return new Field(name, type, title, description, more);
    }

    public Field required() {
        return with("required", true);
    }
}
