package vn.pakn.local.events;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.LocalDeployment;

/** Typed, resolved access to an event source's {@code Properties}, with errors naming the template entry. */
final class EventProperties {

    private final LocalDeployment deployment;
    private final Map<String, Object> properties;
    private final String where;

    EventProperties(LocalDeployment deployment, FunctionSpec function, EventSpec event) {
        this.deployment = deployment;
        this.properties = event.properties();
        this.where = function.logicalId() + ".Events." + event.name();
    }

    String where() {
        return where;
    }

    boolean has(String key) {
        return properties.containsKey(key) && properties.get(key) != null;
    }

    Object resolved(String key) {
        return has(key) ? deployment.resolve(properties.get(key)) : null;
    }

    String string(String key) {
        Object value = resolved(key);
        return value == null ? null : value.toString();
    }

    String requiredString(String key) {
        String value = string(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + " needs " + key);
        }
        return value;
    }

    int integer(String key, int fallback) {
        Object value = resolved(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "." + key + " must be a number, got " + value, e);
        }
    }

    boolean bool(String key, boolean fallback) {
        Object value = resolved(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(where + "." + key + " must be true or false, got " + value);
        }
        return Boolean.parseBoolean(text);
    }

    /** A list property, or a single value taken as a list of one. */
    List<String> strings(String key) {
        Object value = resolved(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object value = resolved(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(where + "." + key + " must be a mapping, got " + value);
    }
}
