package vn.pakn.aws.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import vn.pakn.domain.error.InputError;

/**
 * A JSON object read field by field with the expected type, so each error names the exact
 * field (e.g. {@code location.lat}) and says what was expected. JSON null reads as absent.
 */
public final class StrictObject {
    private final ObjectNode node;
    private final String path;

    StrictObject(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Fields a client may send; anything else is probably a typo and must not be ignored silently. */
    public StrictObject allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw InputError.invalid("unknown_field", field(name),
                        "Trường này không được hỗ trợ.", "This field is not supported.");
            }
        }
        return this;
    }

    /** The object as the client sent it, for a hash that must not read the body a second time. */
    public JsonNode asSent() {
        return node;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public String string(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "chuỗi ký tự", "a string");
        }
        return value.asText();
    }

    public Double number(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw wrongType(name, "số", "a number");
        }
        return value.doubleValue();
    }

    public Long integer(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "số nguyên", "an integer");
        }
        return value.longValue();
    }

    public Boolean bool(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "true hoặc false", "true or false");
        }
        return value.booleanValue();
    }

    public StrictObject object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "đối tượng JSON", "an object");
        }
        return new StrictObject((ObjectNode) value, field(name));
    }

    /** @param maxItems checked before the items, so a huge array costs nothing more */
    public List<String> strings(String name, int maxItems, InputError tooMany) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(name, "danh sách", "an array");
        }
        if (value.size() > maxItems) {
            throw tooMany;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw InputError.invalid("invalid_type", field(name) + "[" + i + "]",
                        "Phải là chuỗi ký tự.", "Must be a string.");
            }
            out.add(value.get(i).asText());
        }
        return out;
    }

    private InputError wrongType(String name, String vi, String en) {
        return InputError.invalid("invalid_type", field(name), "Phải là " + vi + ".", "Must be " + en + ".");
    }

    private String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
