package vn.pakn.aws;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a function was deployed with. In Lambda they are the process
 * environment; the local runtime and tests hand each function its own map, read from
 * template.yaml, because many functions share one JVM there.
 */
public final class FunctionEnvironment {
    private final Map<String, String> values;
    private final boolean processEnvironment;

    private FunctionEnvironment(Map<String, String> values, boolean processEnvironment) {
        this.values = Map.copyOf(values);
        this.processEnvironment = processEnvironment;
    }

    public static FunctionEnvironment of(Map<String, String> values) {
        return new FunctionEnvironment(values, false);
    }

    public static FunctionEnvironment system() {
        return new FunctionEnvironment(System.getenv(), true);
    }

    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name
                    + " is not set: template.yaml must set it for this function");
        }
        return value;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    public int intValue(String name, int defaultValue) {
        return get(name).map(Integer::parseInt).orElse(defaultValue);
    }

    /** True in Lambda: credentials then come from the standard provider chain, not from this map. */
    public boolean isProcessEnvironment() {
        return processEnvironment;
    }
}
