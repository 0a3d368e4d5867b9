package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is a valid OpenAPI 3.1 document that tools can read: it passes the official
 * OpenAPI 3.1 JSON Schema, every Schema Object in it is valid JSON Schema 2020-12 and compiles,
 * every {@code $ref} resolves inside the document, and every operation is named, tagged and
 * declares its path parameters. Whether it describes the API truthfully is OpenApiContractIT's job.
 */
class OpenApiDocumentTest {
    /** The official schema of OpenAPI 3.1 documents (see src/test/resources/openapi/README.md). */
    private static final String OAS_SCHEMA_ID = "https://spec.openapis.org/oas/3.1/schema/2025-11-23";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> STANDARD_FORMATS = Set.of("date-time", "date", "uri", "email");

    private final OpenApiDocument doc = OpenApiDocument.load();

    @Test
    void document_passesTheOfficialOpenApi31Schema() throws IOException {
        String oasSchema;
        try (InputStream in = getClass().getResourceAsStream("/openapi/oas-3.1-schema.json")) {
            oasSchema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(OAS_SCHEMA_ID, oasSchema))).getSchema(SchemaLocation.of(OAS_SCHEMA_ID));
        List<Error> errors = schema.validate(doc.root());
        assertTrue(errors.isEmpty(), "docs/openapi.yaml is not valid OpenAPI 3.1:\n" + lines(errors));
        assertTrue(doc.root().path("openapi").asText().startsWith("3.1."), "the validator reads 3.1 semantics");
    }

    @Test
    void everySchemaObject_isValidJsonSchema_andCompiles() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        List<String> problems = new ArrayList<>();
        forEachSchema((pointer, schema) -> {
            metaSchema.validate(schema).forEach(e -> problems.add(pointer + ": " + e.getMessage()));
            try {
                // Compiling resolves every $ref it holds; an empty instance then walks the validators once.
                doc.schema(pointer).validate(com.fasterxml.jackson.databind.node.NullNode.getInstance());
            } catch (RuntimeException e) {
                problems.add(pointer + ": does not compile: " + e);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyRef_resolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        walk("", doc.root(), (pointer, node) -> {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                refs.add(pointer);
                try {
                    doc.resolve(pointer, node);
                } catch (IllegalArgumentException e) {
                    throw new AssertionError(pointer + ": " + e.getMessage(), e);
                }
            }
        });
        assertTrue(refs.size() > 50, "the shapes are shared through components, not repeated");
    }

    @Test
    void everyComponent_isUsed() {
        Set<String> referenced = new HashSet<>();
        walk("", doc.root(), (pointer, node) -> {
            if (node.has("$ref")) {
                referenced.add(node.get("$ref").asText());
            }
        });
        List<String> unused = new ArrayList<>();
        for (String kind : List.of("schemas", "responses", "parameters", "headers")) {
            doc.root().path("components").path(kind).fieldNames().forEachRemaining(name -> {
                String ref = "#/components/" + kind + "/" + name;
                if (!referenced.contains(ref)) {
                    unused.add(ref);
                }
            });
        }
        assertEquals(List.of(), unused, "components nothing refers to");
    }

    @Test
    void everyOperation_hasAUniqueOperationId_andOneDeclaredTag() {
        Set<String> tags = new TreeSet<>();
        doc.root().path("tags").forEach(t -> tags.add(t.path("name").asText()));
        assertEquals(Set.of("citizen", "agency", "admin", "public"), tags, "one tag per audience");
        Set<String> ids = new HashSet<>();
        Set<String> used = new TreeSet<>();
        for (OpenApiDocument.Operation op : doc.operations()) {
            String id = op.id();
            assertTrue(id != null && id.matches("[a-z][A-Za-z0-9]*"), op.routeKey() + ": operationId " + id);
            assertTrue(ids.add(id), "operationId used twice: " + id);
            JsonNode opTags = op.node().path("tags");
            assertEquals(1, opTags.size(), op.routeKey() + " names one audience");
            assertTrue(tags.contains(opTags.get(0).asText()), op.routeKey() + ": undeclared tag " + opTags);
            used.add(opTags.get(0).asText());
            assertFalse(op.node().path("summary").asText().isBlank(), op.routeKey() + " has a summary");
        }
        assertEquals(tags, used, "every audience has operations");
    }

    @Test
    void everyPathVariable_isDeclaredAsARequiredPathParameter_andNothingElse() {
        for (OpenApiDocument.Operation op : doc.operations()) {
            Set<String> inPath = new TreeSet<>();
            Matcher m = PATH_VARIABLE.matcher(op.path());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : doc.parameters(op)) {
                assertTrue(p.has("schema"), op.routeKey() + ": parameter " + p.path("name") + " has a schema");
                if (p.path("in").asText().equals("path")) {
                    declared.add(p.path("name").asText());
                    assertTrue(p.path("required").asBoolean(), op.routeKey() + ": path parameter "
                            + p.path("name") + " must be required");
                }
            }
            assertEquals(inPath, declared, op.routeKey() + ": path parameters");
        }
    }

    /** One error shape for pakn's refusals, the gateway's for its own; 2xx answers say what they carry. */
    @Test
    void everyResponse_hasItsShape_andErrorsUseTheErrorSchemas() {
        Set<String> errorShapes = Set.of("#/components/schemas/Error", "#/components/schemas/GatewayMessage");
        for (OpenApiDocument.Operation op : doc.operations()) {
            assertFalse(op.node().path("responses").isEmpty(), op.routeKey() + " has responses");
            for (Map.Entry<String, JsonNode> r : op.node().path("responses").properties()) {
                String where = op.routeKey() + " " + r.getKey();
                assertTrue(r.getKey().matches("[1-5]\\d\\d"), where + ": explicit status codes only");
                JsonNode response = doc.resolve(op.pointer(), r.getValue()).node();
                JsonNode schema = response.path("content").path("application/json").path("schema");
                int status = Integer.parseInt(r.getKey());
                if (status == 304) {
                    assertTrue(schema.isMissingNode(), where + " has no body");
                    continue;
                }
                assertFalse(schema.isMissingNode(), where + " documents a JSON body");
                if (status >= 400) {
                    List<String> refs = new ArrayList<>();
                    if (schema.has("$ref")) {
                        refs.add(schema.get("$ref").asText());
                    }
                    schema.path("anyOf").forEach(s -> refs.add(s.path("$ref").asText()));
                    assertFalse(refs.isEmpty(), where + " refers to an error schema");
                    assertTrue(errorShapes.containsAll(refs), where + ": " + refs);
                }
            }
        }
    }

    @Test
    void agencyAndAdminOperations_needTheJwt_citizenActionsTheSecret_othersNothing() {
        JsonNode schemes = doc.root().path("components").path("securitySchemes");
        assertEquals("bearer", schemes.path("AgencyJwt").path("scheme").asText());
        assertEquals("X-Citizen-Secret", schemes.path("CitizenSecret").path("name").asText());
        assertTrue(doc.root().path("security").isMissingNode(), "no default: open routes are the rule");
        for (OpenApiDocument.Operation op : doc.operations()) {
            String tag = op.node().path("tags").path(0).asText();
            Set<String> security = new TreeSet<>();
            op.node().path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(security::add));
            Set<String> expected = switch (tag) {
                case "agency", "admin" -> Set.of("AgencyJwt");
                case "citizen" -> op.path().matches(".*/(info|confirm|reopen)") ? Set.of("CitizenSecret") : Set.of();
                default -> Set.of();
            };
            assertEquals(expected, security, op.routeKey());
            if (security.contains("AgencyJwt")) {
                assertTrue(op.node().path("responses").has("401"), op.routeKey() + " documents the gateway's 401");
                assertTrue(op.node().path("responses").has("403"), op.routeKey() + " documents the role check");
            }
        }
    }

    @Test
    void formats_areOnesTheValidatorAsserts() {
        List<String> unknown = new ArrayList<>();
        forEachSchema((pointer, schema) -> walk(pointer, schema, (p, node) -> {
            JsonNode format = node.get("format");
            if (format != null && format.isTextual() && !STANDARD_FORMATS.contains(format.asText())) {
                unknown.add(p + ": " + format.asText());
            }
        }));
        assertEquals(List.of(), unknown);
    }

    // ---------------------------------------------------------------- helpers

    /** Each Schema Object: the components' schemas and every {@code schema} of a parameter, header or media type. */
    private void forEachSchema(BiConsumer<String, JsonNode> visit) {
        doc.root().path("components").path("schemas").properties()
                .forEach(e -> visit.accept("/components/schemas/" + OpenApiDocument.escape(e.getKey()), e.getValue()));
        for (String top : List.of("paths", "components")) {
            walk("/" + top, doc.root().path(top), (pointer, node) -> {
                if (!pointer.startsWith("/components/schemas") && node.has("schema") && node.get("schema").isObject()) {
                    visit.accept(pointer + "/schema", node.get("schema"));
                }
            });
        }
    }

    private static void walk(String pointer, JsonNode node, BiConsumer<String, JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(pointer, node);
            node.properties().forEach(e -> walk(pointer + "/" + OpenApiDocument.escape(e.getKey()), e.getValue(), visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(pointer + "/" + i, node.get(i), visit);
            }
        }
    }

    private static String lines(List<Error> errors) {
        StringBuilder out = new StringBuilder();
        errors.forEach(e -> out.append("  ").append(e.getInstanceLocation()).append(": ").append(e.getMessage()).append('\n'));
        return out.toString();
    }
}
