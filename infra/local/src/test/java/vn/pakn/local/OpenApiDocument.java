package vn.pakn.local;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import vn.pakn.local.aws.SamTemplate;

/**
 * docs/openapi.yaml, read for tests: its operations, its local {@code $ref}s followed, and JSON
 * Schema validators for the schemas it holds, with {@code $ref}s to its components resolved inside
 * the document itself (never over the network) by the OpenAPI 3.1 dialect, formats asserted.
 */
final class OpenApiDocument {
    /** The document's retrieval IRI for the validator; nothing is fetched from it. */
    static final String BASE_IRI = "https://pakn.invalid/docs/openapi.yaml";
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final JsonNode root;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger probes = new AtomicInteger();

    /**
     * One operation of the document.
     *
     * @param pointer JSON pointer of the operation object, e.g. {@code /paths/~1v1~1areas/get}
     */
    record Operation(String method, String path, String pointer, JsonNode node) {
        String id() {
            return node.path("operationId").asText(null);
        }

        /** As in an HTTP API route key: {@code GET /v1/areas}. */
        String routeKey() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** A node reached by following {@code $ref}s, with the pointer where it really lives. */
    record Resolved(String pointer, JsonNode node) {
    }

    private OpenApiDocument(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
        String json;
        try {
            json = JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Formats are annotations only by default in 2020-12; a contract test wants them checked.
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH).build();
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE_IRI, json)).schemaRegistryConfig(config));
    }

    static OpenApiDocument load() {
        Path file = SamTemplate.locateTemplate().getParent().resolve("docs/openapi.yaml");
        try {
            return new OpenApiDocument(file, new YAMLMapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    Path path() {
        return path;
    }

    JsonNode root() {
        return root;
    }

    JsonNode at(String pointer) {
        return root.at(JsonPointer.compile(pointer));
    }

    List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : root.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode op = p.getValue().get(method);
                if (op != null) {
                    out.add(new Operation(method, p.getKey(), "/paths/" + escape(p.getKey()) + "/" + method, op));
                }
            }
        }
        return out;
    }

    /** The path item's parameters, then the operation's (which win by name and location), resolved. */
    List<JsonNode> parameters(Operation op) {
        Map<String, JsonNode> byKey = new java.util.LinkedHashMap<>();
        JsonNode pathItem = root.path("paths").path(op.path());
        for (JsonNode list : List.of(pathItem.path("parameters"), op.node().path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode resolved = resolve("", p).node();
                byKey.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * Follows {@code $ref}s (local ones only) from {@code node}.
     *
     * @param pointer where {@code node} lives
     * @throws IllegalArgumentException for a reference outside the document or to nothing
     */
    Resolved resolve(String pointer, JsonNode node) {
        String at = pointer;
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalArgumentException("A cycle of $refs from " + pointer);
            }
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("Not a reference inside the document: " + ref + " at " + at);
            }
            at = ref.substring(1);
            current = at(at);
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("Dangling $ref " + ref);
            }
        }
        return new Resolved(at, current);
    }

    /** A validator for the schema at {@code pointer} (a Schema Object of this document). */
    Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            if (at(p).isMissingNode()) {
                throw new IllegalArgumentException("No schema at " + p);
            }
            // A reference to its place in the document, so that "#/components/..." resolves there; the
            // document is read once and its subschemas compiled as they are reached.
            JsonNode reference = JSON.createObjectNode().put("$ref", BASE_IRI + "#" + fragment(p));
            return registry.getSchema(SchemaLocation.of("urn:pakn:openapi:" + probes.incrementAndGet()), reference);
        });
    }

    /** Problems of {@code value} against the schema at {@code pointer}, one line each; empty when it conforms. */
    List<String> problems(String pointer, JsonNode value) {
        List<String> out = new ArrayList<>();
        for (Error e : schema(pointer).validate(value)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage() + " (" + e.getEvaluationPath() + ")");
        }
        return out;
    }

    /** A JSON pointer as a URI fragment (RFC 6901, section 6): path templates' braces percent-encoded. */
    private static String fragment(String pointer) {
        return pointer.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    }

    /** JSON pointer escaping of one reference token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
