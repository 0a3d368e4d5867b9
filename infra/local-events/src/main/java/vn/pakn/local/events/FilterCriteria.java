package vn.pakn.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda event filtering ({@code FilterCriteria.Filters[].Pattern}): a record is delivered if any
 * pattern matches it, and dropped otherwise, as on AWS. Patterns use the EventBridge syntax subset
 * that Lambda supports: nested objects (every key must match), arrays of exact values (any may
 * match; strings, numbers, null), {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code exists}, {@code anything-but} (a value, a list, or a prefix), {@code numeric} and
 * {@code $or}. Where the event holds an array, matching any element is enough.
 */
public final class FilterCriteria {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FilterCriteria NONE = new FilterCriteria(List.of(), List.of());

    private final List<String> sources;
    private final List<JsonNode> patterns;

    private FilterCriteria(List<String> sources, List<JsonNode> patterns) {
        this.sources = List.copyOf(sources);
        this.patterns = List.copyOf(patterns);
    }

    /** No filtering: every record is delivered. */
    public static FilterCriteria none() {
        return NONE;
    }

    /** Patterns as JSON text, as in the template's {@code Pattern} entries. */
    public static FilterCriteria of(List<String> patterns) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String pattern : patterns) {
            JsonNode node;
            try {
                node = MAPPER.readTree(pattern);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Filter pattern is not JSON: " + pattern, e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("Filter pattern must be a JSON object: " + pattern);
            }
            validate(node, pattern);
            parsed.add(node);
        }
        return parsed.isEmpty() ? NONE : new FilterCriteria(patterns, parsed);
    }

    /** The template's {@code FilterCriteria} value ({@code {Filters: [{Pattern: "..."}]}}), resolved; null means none. */
    static FilterCriteria fromTemplate(Object filterCriteria, String where) {
        if (filterCriteria == null) {
            return NONE;
        }
        if (!(filterCriteria instanceof Map<?, ?> map) || !(map.get("Filters") instanceof List<?> filters)) {
            throw new IllegalArgumentException(where + ".FilterCriteria needs a Filters list");
        }
        List<String> patterns = new ArrayList<>();
        for (Object filter : filters) {
            Object pattern = filter instanceof Map<?, ?> f ? f.get("Pattern") : null;
            if (pattern == null) {
                throw new IllegalArgumentException(where + ".FilterCriteria.Filters entries need a Pattern");
            }
            patterns.add(pattern instanceof String s ? s : MAPPER.valueToTree(pattern).toString());
        }
        return of(patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The patterns as given, for messages. */
    public List<String> patterns() {
        return sources;
    }

    /** Whether the record, in the JSON form Lambda filters on, is delivered. */
    public boolean matches(JsonNode event) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (JsonNode pattern : patterns) {
            if (matchesObject(pattern, event)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alternative : field.getValue()) {
                    any |= matchesObject(alternative, event);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            JsonNode value = event == null || !event.isObject() ? null : event.get(field.getKey());
            JsonNode expected = field.getValue();
            boolean ok = expected.isObject() ? value != null && matchesNested(expected, value)
                    : matchesLeaf(expected, value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesNested(JsonNode pattern, JsonNode value) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (matchesObject(pattern, element)) {
                    return true;
                }
            }
            return false;
        }
        return matchesObject(pattern, value);
    }

    /** {@code expected} is the pattern's array of alternatives; {@code value} is null when the field is absent. */
    private static boolean matchesLeaf(JsonNode expected, JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(candidates::add);
        } else if (value != null) {
            candidates.add(value);
        }
        for (JsonNode alternative : expected) {
            if (alternative.isObject() && alternative.has("exists")) {
                if (alternative.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
                continue;
            }
            for (JsonNode candidate : candidates) {
                if (matchesValue(alternative, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesValue(JsonNode alternative, JsonNode value) {
        if (!alternative.isObject()) {
            return equal(alternative, value);
        }
        Map.Entry<String, JsonNode> operator = alternative.properties().iterator().next();
        JsonNode argument = operator.getValue();
        switch (operator.getKey()) {
            case "prefix":
                return value.isTextual() && value.asText().startsWith(argument.asText());
            case "suffix":
                return value.isTextual() && value.asText().endsWith(argument.asText());
            case "equals-ignore-case":
                return value.isTextual() && value.asText().equalsIgnoreCase(argument.asText());
            case "anything-but":
                if (argument.isArray()) {
                    for (JsonNode excluded : argument) {
                        if (equal(excluded, value)) {
                            return false;
                        }
                    }
                    return true;
                }
                if (argument.isObject() && argument.has("prefix")) {
                    return !(value.isTextual() && value.asText().startsWith(argument.get("prefix").asText()));
                }
                return !equal(argument, value);
            case "numeric":
                return value.isNumber() && numeric(argument, value.decimalValue());
            default:
                throw new IllegalStateException("unvalidated operator " + operator.getKey());
        }
    }

    private static boolean numeric(JsonNode conditions, BigDecimal actual) {
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            String op = conditions.get(i).asText();
            int cmp = actual.compareTo(conditions.get(i + 1).decimalValue());
            boolean ok = switch (op) {
                case "=" -> cmp == 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> throw new IllegalStateException("unvalidated numeric operator " + op);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNull()) {
            return value.isNull();
        }
        if (expected.isNumber()) {
            return value.isNumber() && expected.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        return expected.isTextual() && value.isTextual() && expected.asText().equals(value.asText());
    }

    /** Rejects what Lambda would reject when the event source mapping is created. */
    private static void validate(JsonNode pattern, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("$or")) {
                if (!value.isArray() || value.size() < 2) {
                    throw new IllegalArgumentException("\"$or\" needs a list of at least two patterns in " + source);
                }
                value.forEach(alternative -> validate(alternative, source));
            } else if (value.isObject()) {
                validate(value, source);
            } else if (!value.isArray() || value.isEmpty()) {
                throw new IllegalArgumentException("Filter field \"" + field.getKey()
                        + "\" must be an object or a non-empty list of values in " + source);
            } else {
                value.forEach(alternative -> validateAlternative(field.getKey(), alternative, source));
            }
        }
    }

    private static void validateAlternative(String field, JsonNode alternative, String source) {
        if (!alternative.isObject()) {
            if (!(alternative.isTextual() || alternative.isNumber() || alternative.isNull())) {
                throw new IllegalArgumentException("Filter field \"" + field + "\" has an unsupported value "
                        + alternative + " in " + source);
            }
            return;
        }
        if (alternative.size() != 1) {
            throw new IllegalArgumentException("Filter field \"" + field + "\": one operator per object, got "
                    + alternative + " in " + source);
        }
        String operator = alternative.fieldNames().next();
        JsonNode argument = alternative.get(operator);
        boolean valid = switch (operator) {
            case "prefix", "suffix", "equals-ignore-case" -> argument.isTextual();
            case "exists" -> argument.isBoolean();
            case "anything-but" -> argument.isTextual() || argument.isNumber() || argument.isArray()
                    || (argument.isObject() && argument.size() == 1 && argument.path("prefix").isTextual());
            case "numeric" -> validNumeric(argument);
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("Filter field \"" + field + "\": unsupported or malformed "
                    + alternative + " in " + source);
        }
    }

    private static boolean validNumeric(JsonNode argument) {
        if (!argument.isArray() || argument.isEmpty() || argument.size() % 2 != 0 || argument.size() > 4) {
            return false;
        }
        for (int i = 0; i < argument.size(); i += 2) {
            if (!List.of("=", "<", "<=", ">", ">=").contains(argument.get(i).asText()) || !argument.get(i + 1).isNumber()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return patterns.isEmpty() ? "FilterCriteria[none]" : "FilterCriteria" + sources;
    }
}
