package vn.pakn.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    static SamTemplate fixture(String name) {
        try (InputStream in = SamTemplateTest.class.getResourceAsStream("/fixtures/" + name)) {
            return SamTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void locatesTheProjectTemplateFromTheModuleDirectory() {
        Path template = SamTemplate.locateTemplate();
        assertEquals("template.yaml", template.getFileName().toString());
        assertTrue(Files.isRegularFile(template.resolveSibling("pom.xml")));
        assertTrue(Files.isDirectory(template.resolveSibling("infra").resolve("local-aws")),
                "the root found should be the checkout that holds this module: " + template);
    }

    @Test
    void paknRootPropertyWinsAndMustHoldATemplate(@TempDir Path dir) throws IOException {
        String before = System.getProperty("pakn.root");
        try {
            System.setProperty("pakn.root", dir.toString());
            IllegalStateException missing = assertThrows(IllegalStateException.class, SamTemplate::locateTemplate);
            assertTrue(missing.getMessage().contains(dir.toString()), missing.getMessage());

            Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
            assertEquals(dir.resolve("template.yaml").toRealPath(), SamTemplate.locateTemplate().toRealPath());
        } finally {
            if (before == null) {
                System.clearProperty("pakn.root");
            } else {
                System.setProperty("pakn.root", before);
            }
        }
    }

    @Test
    void readsTheRealTemplatesFunctionsWithGlobalsMerged() {
        SamTemplate template = SamTemplate.load();
        Map<String, FunctionSpec> functions = template.functions().stream()
                .collect(Collectors.toMap(FunctionSpec::logicalId, f -> f));

        assertTrue(functions.keySet().containsAll(Set.of("CitizenApiFunction", "PhotoCheckFunction",
                "OutboxRelayFunction", "OutboxSweeperFunction")), functions.keySet().toString());
        for (FunctionSpec f : functions.values()) {
            assertEquals("INFO", f.environmentVariables().get("LOG_LEVEL"), f.logicalId() + " lacks Globals' LOG_LEVEL");
            assertTrue(f.environmentVariables().containsKey("JAVA_TOOL_OPTIONS"), f.logicalId());
            assertEquals("java21", f.runtime(), f.logicalId());
            assertTrue(f.handler() != null && f.handler().startsWith("vn.pakn."), f.logicalId() + ": " + f.handler());
            assertTrue(f.codeUri().endsWith("-lambda.jar"), f.codeUri());
            assertFalse(f.events().isEmpty(), f.logicalId() + " has no events");
        }

        FunctionSpec citizen = functions.get("CitizenApiFunction");
        assertEquals("vn.pakn.citizen.CitizenApiHandler", citizen.handler());
        assertEquals(1024, citizen.memorySize(), "MemorySize from Globals");
        assertEquals(20, citizen.timeoutSeconds(), "Timeout from Globals");
        assertEquals(Map.of("Ref", "ComplaintsTable"), citizen.environmentVariables().get("COMPLAINTS_TABLE"));
        assertEquals("900", citizen.environmentVariables().get("UPLOAD_URL_TTL_SECONDS"));
        List<EventSpec> routes = citizen.eventsOfType("HttpApi");
        assertTrue(routes.size() >= 5, "the citizen API routes, at least the intake ones");
        EventSpec track = routes.stream().filter(e -> e.name().equals("TrackComplaint")).findFirst().orElseThrow();
        assertEquals("GET", track.properties().get("Method"));
        assertEquals("/v1/complaints/{trackingCode}", track.properties().get("Path"));
        assertEquals(Map.of("Ref", "HttpApi"), track.properties().get("ApiId"));

        FunctionSpec photo = functions.get("PhotoCheckFunction");
        assertEquals(1536, photo.memorySize(), "the function's own MemorySize wins");
        assertEquals(30, photo.timeoutSeconds());
        EventSpec upload = photo.events().get(0);
        assertEquals("S3", upload.type());
        assertEquals(Map.of("Ref", "UploadsBucket"), upload.properties().get("Bucket"));

        EventSpec stream = functions.get("OutboxRelayFunction").events().get(0);
        assertEquals("DynamoDB", stream.type());
        assertEquals(Map.of("Fn::GetAtt", List.of("ComplaintsTable", "StreamArn")), stream.properties().get("Stream"));
        assertEquals(100, stream.properties().get("BatchSize"));

        assertEquals("Schedule", functions.get("OutboxSweeperFunction").events().get(0).type());
    }

    @Test
    void readsTheRealTemplatesParametersAndResources() {
        SamTemplate template = SamTemplate.load();
        assertEquals("dev", template.parameters().get("Stage").defaultValue());
        assertEquals("", template.parameters().get("AlarmEmail").defaultValue());
        assertEquals("AWS::DynamoDB::Table", template.resource("ComplaintsTable").type());
        assertEquals("HasAlarmEmail", template.resource("AlarmSubscription").condition());
        assertEquals(List.of("ComplaintsTable", "ReferenceTable", "StatsTable"),
                template.resourcesOfType("AWS::DynamoDB::Table").stream().map(SamTemplate.Resource::logicalId).toList());
        Map<String, Object> redrive = SamTemplate.map(template.resource("IntakeQueue").properties().get("RedrivePolicy"), "");
        assertEquals(Map.of("Fn::GetAtt", List.of("IntakeDeadLetterQueue", "Arn")), redrive.get("deadLetterTargetArn"));
        assertEquals(Map.of("Fn::Sub", "pakn-${Stage}-uploads-${AWS::AccountId}-${AWS::Region}"),
                template.resource("UploadsBucket").properties().get("BucketName"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlarmEmail"), "")))),
                template.conditions().get("HasAlarmEmail"));
    }

    @Test
    void shortFormTagsBecomeLongForm() {
        Map<String, Object> p = fixture("short-form.yaml").resource("Thing").properties();
        assertEquals(Map.of("Ref", "Stage"), p.get("Ref"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), p.get("GetAttScalar"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")), p.get("GetAttNested"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "QueueName")), p.get("GetAttSequence"));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-${Stage}"), p.get("SubScalar"));
        assertEquals(Map.of("Fn::Sub", List.of("${Name}.fifo", Map.of("Name", Map.of("Ref", "Stage")))), p.get("SubMap"));
        assertEquals(Map.of("Fn::Join", List.of(":", List.of("a", Map.of("Ref", "Stage")))), p.get("Join"));
        assertEquals(Map.of("Fn::If", List.of("IsProd", "big", "small")), p.get("If"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")), p.get("Equals"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of("a", "b")))), p.get("Not"));
        assertEquals(Map.of("Fn::And", List.of(Map.of("Condition", "IsProd"), Map.of("Fn::Equals", List.of("a", "a")))),
                p.get("And"));
        assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "IsProd"), Map.of("Fn::Equals", List.of("a", "a")))),
                p.get("Or"));
        assertEquals(Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of(",", "x,y,z")))), p.get("Select"));
        assertEquals(Map.of("Fn::FindInMap", List.of("Sizes", Map.of("Ref", "Stage"), "Memory")), p.get("FindInMap"));
        assertEquals(Map.of("Fn::GetAZs", ""), p.get("GetAZs"));
        assertEquals(Map.of("Fn::ImportValue", "shared-vpc-id"), p.get("ImportValue"));
        assertEquals(Map.of("Fn::Base64", "hello"), p.get("Base64"));
        assertEquals(Map.of("Condition", "IsProd"), p.get("Condition"));
        assertEquals("just text", p.get("Plain"));
    }

    @Test
    void functionValuesOverrideGlobalsKeyByKey() {
        SamTemplate template = fixture("intrinsics.yaml");
        FunctionSpec fn = template.function("Fn");
        assertEquals("from-function", fn.environmentVariables().get("SHARED"));
        assertEquals("INFO", fn.environmentVariables().get("LOG_LEVEL"));
        assertEquals("example.DefaultHandler", fn.handler(), "Handler from Globals");
        assertEquals(256, fn.memorySize());
        assertEquals(20, fn.timeoutSeconds());
        assertEquals("example.Other", template.function("Other").handler());
        assertNull(template.function("Other").codeUri());
        assertEquals(List.of("Consume"), fn.eventsOfType("SQS").stream().map(EventSpec::name).toList());
        assertThrows(IllegalArgumentException.class, () -> template.function("Table"));
    }

    @Test
    void malformedShortFormIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamTemplate.parse("Resources:\n  A:\n    Type: X\n    Properties:\n      P: !GetAtt NoDot\n"));
        assertTrue(e.getMessage().contains("NoDot"), e.getMessage());
    }
}
