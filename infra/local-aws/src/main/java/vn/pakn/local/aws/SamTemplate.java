package vn.pakn.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The SAM template as plain maps, read with the CloudFormation short-form tags rewritten to their
 * long form ({@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}), so that one
 * resolver handles both spellings. Values stay unresolved here: resolving needs physical
 * resources, which {@link LocalDeployment} has.
 */
public final class SamTemplate {

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    // SAM's own defaults, used when neither the function nor Globals sets a value.
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /** A template parameter; {@code defaultValue} is null when the template gives none. */
    public record Parameter(String name, String type, Object defaultValue) {}

    /**
     * One entry of {@code Resources}. {@code condition} is the name in the resource's
     * {@code Condition} attribute, or null.
     */
    public record Resource(String logicalId, String type, Map<String, Object> properties, String condition,
            List<String> dependsOn) {}

    private final Path path;
    private final Map<String, Parameter> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final Map<String, Resource> resources;
    private final Map<String, Object> globalFunction;

    private SamTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.parameters = readParameters(map(root.get("Parameters"), "Parameters"));
        this.conditions = Collections.unmodifiableMap(map(root.get("Conditions"), "Conditions"));
        this.mappings = Collections.unmodifiableMap(map(root.get("Mappings"), "Mappings"));
        this.resources = readResources(map(root.get("Resources"), "Resources"));
        this.globalFunction = map(map(root.get("Globals"), "Globals").get("Function"), "Globals.Function");
    }

    /** Reads the template at {@code path}. */
    public static SamTemplate load(Path path) {
        try {
            return new SamTemplate(path, parseYaml(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SAM template " + path, e);
        }
    }

    /** Reads the project's own template.yaml, found by {@link #locateTemplate()}. */
    public static SamTemplate load() {
        return load(locateTemplate());
    }

    /** Reads a template from text (fixtures in tests). */
    public static SamTemplate parse(String yaml) {
        return new SamTemplate(null, parseYaml(yaml));
    }

    /**
     * Finds the project's template.yaml. Failsafe sets system property {@code pakn.root} to the
     * Maven project directory, because a module's tests run with the module as working directory:
     * if that directory holds template.yaml it is the one; otherwise (and without the property)
     * the search walks up from it (or the working directory) to the nearest directory holding both
     * template.yaml and pom.xml, so a module built on its own with {@code -f} still finds the root.
     */
    public static Path locateTemplate() {
        String root = System.getProperty("pakn.root");
        Path start;
        if (root != null && !root.isBlank()) {
            start = Path.of(root).toAbsolutePath().normalize();
            if (Files.isRegularFile(start.resolve("template.yaml"))) {
                return start.resolve("template.yaml");
            }
        } else {
            start = Path.of("").toAbsolutePath();
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("template.yaml").normalize();
            }
        }
        throw new IllegalStateException("No template.yaml next to a pom.xml at or above " + start
                + (root == null ? "" : " (system property pakn.root)")
                + "; set system property pakn.root to the project root");
    }

    /** Where the template was read from; null for {@link #parse(String)}. */
    public Path path() {
        return path;
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The {@code Conditions} section, unevaluated. */
    public Map<String, Object> conditions() {
        return conditions;
    }

    /** The {@code Mappings} section. */
    public Map<String, Object> mappings() {
        return mappings;
    }

    /** Resources by logical id, in template order. */
    public Map<String, Resource> resources() {
        return resources;
    }

    public Resource resource(String logicalId) {
        Resource resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in the template");
        }
        return resource;
    }

    /** Resources of one CloudFormation type, in template order. */
    public List<Resource> resourcesOfType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** {@code AWS::Serverless::Function} resources with {@code Globals.Function} merged in. */
    public List<FunctionSpec> functions() {
        List<FunctionSpec> functions = new ArrayList<>();
        for (Resource resource : resourcesOfType(SERVERLESS_FUNCTION)) {
            functions.add(toFunction(resource));
        }
        return List.copyOf(functions);
    }

    public FunctionSpec function(String logicalId) {
        Resource resource = resource(logicalId);
        if (!resource.type().equals(SERVERLESS_FUNCTION)) {
            throw new IllegalArgumentException(logicalId + " is a " + resource.type() + ", not a function");
        }
        return toFunction(resource);
    }

    private FunctionSpec toFunction(Resource resource) {
        Map<String, Object> props = resource.properties();
        Map<String, Object> env = new LinkedHashMap<>(variables(globalFunction, "Globals.Function"));
        env.putAll(variables(props, resource.logicalId()));
        List<EventSpec> events = new ArrayList<>();
        map(props.get("Events"), resource.logicalId() + ".Events").forEach((name, event) -> {
            Map<String, Object> e = map(event, resource.logicalId() + ".Events." + name);
            events.add(new EventSpec(name, (String) e.get("Type"),
                    Collections.unmodifiableMap(map(e.get("Properties"), name + ".Properties"))));
        });
        return new FunctionSpec(resource.logicalId(),
                string(merged(props, "Handler")),
                string(merged(props, "CodeUri")),
                string(merged(props, "Runtime")),
                integer(merged(props, "MemorySize"), DEFAULT_MEMORY_MB, resource.logicalId() + ".MemorySize"),
                integer(merged(props, "Timeout"), DEFAULT_TIMEOUT_SECONDS, resource.logicalId() + ".Timeout"),
                Collections.unmodifiableMap(env),
                List.copyOf(events));
    }

    private Object merged(Map<String, Object> props, String key) {
        return props.containsKey(key) ? props.get(key) : globalFunction.get(key);
    }

    private static Map<String, Object> variables(Map<String, Object> owner, String where) {
        return map(map(owner.get("Environment"), where + ".Environment").get("Variables"),
                where + ".Environment.Variables");
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static int integer(Object value, int fallback, String where) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number, got " + value, e);
        }
    }

    private static Map<String, Parameter> readParameters(Map<String, Object> section) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        section.forEach((name, spec) -> {
            Map<String, Object> s = map(spec, "Parameters." + name);
            parameters.put(name, new Parameter(name, (String) s.get("Type"), s.get("Default")));
        });
        return Collections.unmodifiableMap(parameters);
    }

    private static Map<String, Resource> readResources(Map<String, Object> section) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        section.forEach((id, spec) -> {
            Map<String, Object> s = map(spec, "Resources." + id);
            Object type = s.get("Type");
            if (!(type instanceof String)) {
                throw new IllegalArgumentException("Resource " + id + " has no Type");
            }
            Object dependsOn = s.get("DependsOn");
            List<String> deps = dependsOn == null ? List.of()
                    : dependsOn instanceof List<?> list ? list.stream().map(Object::toString).toList()
                    : List.of(dependsOn.toString());
            resources.put(id, new Resource(id, (String) type,
                    Collections.unmodifiableMap(map(s.get("Properties"), id + ".Properties")),
                    (String) s.get("Condition"), deps));
        });
        return Collections.unmodifiableMap(resources);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(where + " must be a mapping, got " + value);
    }

    private static Map<String, Object> parseYaml(String yaml) {
        LoaderOptions options = new LoaderOptions();
        Object root = new Yaml(new CloudFormationConstructor(options)).load(yaml);
        return map(root, "template");
    }

    /** Rewrites each short-form intrinsic tag to the long-form single-key map CloudFormation uses. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            for (String fn : List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "If", "ImportValue",
                    "Join", "Not", "Or", "Select", "Split", "Sub", "Transform", "Length", "ToJsonString")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
        }

        Object body(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(key, body(node));
                return intrinsic;
            }
        }

        /** {@code !GetAtt A.B.C} splits at the first dot only: nested attribute names keep theirs. */
        private class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object body = body(node);
                if (body instanceof String s) {
                    int dot = s.indexOf('.');
                    if (dot <= 0 || dot == s.length() - 1) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + s);
                    }
                    body = new ArrayList<>(List.of(s.substring(0, dot), s.substring(dot + 1)));
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put("Fn::GetAtt", body);
                return intrinsic;
            }
        }
    }

    @Override
    public String toString() {
        return "SamTemplate[" + Objects.requireNonNullElse(path, "<text>") + ", " + resources.size() + " resources]";
    }
}
