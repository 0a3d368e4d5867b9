package vn.pakn.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Intrinsic resolution against a deployment whose physical resources are filled in by hand.
 * The services point at an external (unreachable) endpoint, which starts nothing and calls nothing.
 */
class LocalDeploymentTest {

    private static final String QUEUE_URL = "http://127.0.0.1:9/000000000000/Queue.fifo";
    private static final String QUEUE_ARN = "arn:aws:sqs:ap-southeast-1:000000000000:Queue.fifo";
    private static final String STREAM_ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/orders-dev/stream/2026";

    private LocalAwsServices services;

    @BeforeEach
    void services() {
        services = LocalAwsServices.start(s -> { },
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_REGION", "ap-southeast-1"));
        assertEquals(List.of(), services.embeddedServers());
    }

    @AfterEach
    void close() {
        services.close();
    }

    private LocalDeployment deployment(Map<String, String> overrides) {
        LocalDeployment d = new LocalDeployment(SamTemplateTest.fixture("intrinsics.yaml"), services, overrides);
        d.add(new LocalDeployment.Table("Table", "orders-dev",
                "arn:aws:dynamodb:ap-southeast-1:000000000000:table/orders-dev", STREAM_ARN));
        d.add(new LocalDeployment.Queue("Queue", "Queue.fifo", QUEUE_URL, QUEUE_ARN));
        d.add(new LocalDeployment.Bucket("Bucket", "pakn-local-bucket", "arn:aws:s3:::pakn-local-bucket"));
        return d;
    }

    private LocalDeployment deployment() {
        return deployment(Map.of());
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    private static Map<String, Object> getAtt(String id, String attribute) {
        return Map.of("Fn::GetAtt", List.of(id, attribute));
    }

    private static Map<String, Object> fn(String name, Object argument) {
        return Map.of("Fn::" + name, argument);
    }

    @Test
    void refResolvesParametersPseudoParametersAndResources() {
        LocalDeployment d = deployment();
        assertEquals("dev", d.resolve(ref("Stage")));
        assertEquals(List.of("a", "b", "c"), d.resolve(ref("Zones")), "CommaDelimitedList becomes a list");
        assertEquals("ap-southeast-1", d.resolve(ref("AWS::Region")));
        assertEquals("000000000000", d.resolve(ref("AWS::AccountId")));
        assertEquals("pakn-local", d.resolve(ref("AWS::StackName")));
        assertEquals("aws", d.resolve(ref("AWS::Partition")));
        assertEquals("amazonaws.com", d.resolve(ref("AWS::URLSuffix")));
        assertEquals("orders-dev", d.resolve(ref("Table")), "a table's Ref is its name");
        assertEquals(QUEUE_URL, d.resolve(ref("Queue")), "a queue's Ref is its URL, as in CloudFormation");
        assertEquals("pakn-local-bucket", d.resolve(ref("Bucket")));
        assertEquals("Fn", d.resolve(ref("Fn")), "a function's Ref is its name, the logical id locally");
    }

    @Test
    void parameterOverridesWin() {
        LocalDeployment d = deployment(Map.of("Stage", "prod", "Required", "given"));
        assertEquals("prod", d.resolve(ref("Stage")));
        assertEquals("given", d.resolve(ref("Required")));
        assertEquals(2048, d.resolve(fn("FindInMap", List.of("Sizes", ref("Stage"), "Memory"))));
        assertThrows(IllegalArgumentException.class, () -> deployment(Map.of("Nope", "x")));
    }

    @Test
    void getAttResolvesTheAttributesTheTemplateUses() {
        LocalDeployment d = deployment();
        assertEquals("arn:aws:dynamodb:ap-southeast-1:000000000000:table/orders-dev", d.resolve(getAtt("Table", "Arn")));
        assertEquals(STREAM_ARN, d.resolve(getAtt("Table", "StreamArn")));
        assertEquals(QUEUE_ARN, d.resolve(getAtt("Queue", "Arn")));
        assertEquals("Queue.fifo", d.resolve(getAtt("Queue", "QueueName")));
        assertEquals(QUEUE_URL, d.resolve(getAtt("Queue", "QueueUrl")));
        assertEquals("arn:aws:s3:::pakn-local-bucket", d.resolve(getAtt("Bucket", "Arn")));
        assertEquals("arn:aws:lambda:ap-southeast-1:000000000000:function:Fn", d.resolve(getAtt("Fn", "Arn")));
        assertEquals("https://cdn.cloudfront.invalid", d.resolve(fn("Sub", "https://${Cdn.DomainName}")),
                "a distribution is not emulated: its name is one no real site has");
    }

    @Test
    void subReplacesParametersResourcesAttributesAndPseudoParameters() {
        LocalDeployment d = deployment();
        assertEquals("arn:aws:dynamodb:ap-southeast-1:000000000000:table/orders-dev/index/gsi1",
                d.resolve(fn("Sub", "${Table.Arn}/index/gsi1")));
        assertEquals("pakn-dev-uploads-000000000000-ap-southeast-1",
                d.resolve(fn("Sub", "pakn-${Stage}-uploads-${AWS::AccountId}-${AWS::Region}")));
        assertEquals("orders-dev|" + QUEUE_URL + "|Queue.fifo", d.resolve(fn("Sub", "${Table}|${Queue}|${Queue.QueueName}")));
        assertEquals("x-orders-dev-dev", d.resolve(fn("Sub", List.of("x-${Name}-${Stage}", Map.of("Name", ref("Table"))))));
        assertEquals("literal ${Stage} and dev", d.resolve(fn("Sub", "literal ${!Stage} and ${Stage}")));
        assertEquals("no variables", d.resolve(fn("Sub", "no variables")));
    }

    @Test
    void conditionsDriveIf() {
        LocalDeployment plain = deployment();
        assertFalse(plain.condition("HasEmail"), "Email defaults to empty");
        assertEquals("small", plain.resolve(fn("If", List.of("HasEmail", "big", "small"))));
        assertFalse(plain.condition("ProdWithEmail"));

        LocalDeployment withEmail = deployment(Map.of("Email", "ops@example.vn", "Stage", "prod"));
        assertTrue(withEmail.condition("HasEmail"));
        assertTrue(withEmail.condition("ProdWithEmail"));
        assertEquals("big", withEmail.resolve(fn("If", List.of("HasEmail", "big", "small"))));
        assertEquals("ops@example.vn", withEmail.resolve(fn("If", List.of("HasEmail", ref("Email"), ref("AWS::NoValue")))));
        assertEquals(true, withEmail.resolve(Map.of("Condition", "IsProd")));
    }

    @Test
    void noValueRemovesTheKeyOrItem() {
        LocalDeployment d = deployment();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("Keep", "k");
        value.put("Drop", fn("If", List.of("HasEmail", "x", ref("AWS::NoValue"))));
        value.put("List", List.of("a", ref("AWS::NoValue"), "b"));
        assertEquals(Map.of("Keep", "k", "List", List.of("a", "b")), d.resolve(value));
        assertNull(d.resolve(ref("AWS::NoValue")));
    }

    @Test
    void listAndBooleanFunctions() {
        LocalDeployment d = deployment();
        assertEquals("a:dev:b", d.resolve(fn("Join", List.of(":", List.of("a", ref("Stage"), "b")))));
        assertEquals("y", d.resolve(fn("Select", List.of(1, fn("Split", List.of(",", "x,y,z"))))));
        assertEquals("b", d.resolve(fn("Select", List.of("1", ref("Zones")))));
        assertEquals(List.of("", "a", ""), d.resolve(fn("Split", List.of("|", "|a|"))));
        assertEquals(true, d.resolve(fn("Equals", List.of(ref("Stage"), "dev"))));
        assertEquals(true, d.resolve(fn("Equals", List.of("5", 5))), "compared as strings");
        assertEquals(false, d.resolve(fn("Not", List.of(fn("Equals", List.of("a", "a"))))));
        assertEquals(true, d.resolve(fn("Or", List.of(Map.of("Condition", "IsProd"), fn("Equals", List.of("a", "a"))))));
        assertEquals(false, d.resolve(fn("And", List.of(Map.of("Condition", "IsProd"), fn("Equals", List.of("a", "a"))))));
        assertEquals("aGVsbG8=", d.resolve(fn("Base64", "hello")));
        assertEquals(List.of("ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"), d.resolve(fn("GetAZs", "")));
        assertEquals(512, d.resolve(fn("FindInMap", List.of("Sizes", "dev", "Memory"))));
    }

    @Test
    void unresolvableValuesNameWhatIsMissing() {
        LocalDeployment d = deployment();
        assertMessage(() -> d.resolve(ref("Missing")), "Missing");
        assertMessage(() -> d.resolve(getAtt("Missing", "Arn")), "Missing", "Arn");
        assertMessage(() -> d.resolve(getAtt("Queue", "Colour")), "Queue", "Colour");
        assertMessage(() -> d.resolve(fn("Sub", "${Table.Nope}")), "Table", "Nope");
        assertMessage(() -> d.resolve(ref("Api")), "Api", "AWS::Serverless::HttpApi", "not provisioned locally");
        assertMessage(() -> d.resolve(ref("Topic")), "Topic", "HasEmail");
        assertMessage(() -> d.resolve(ref("Dlq")), "Dlq", "not been provisioned");
        assertMessage(() -> d.resolve(ref("Required")), "Required", "no default");
        assertMessage(() -> d.resolve(fn("ImportValue", "shared-vpc")), "Fn::ImportValue");
        assertMessage(() -> d.resolve(fn("If", List.of("NoSuchCondition", "a", "b"))), "NoSuchCondition");
        assertMessage(() -> d.table("Queue"), "Queue");
    }

    @Test
    void functionEnvironmentResolvesTemplateVariablesAndAddsClientAndLambdaVariables() {
        LocalDeployment d = deployment();
        Map<String, String> env = d.functionEnvironment(d.template().function("Fn"));
        assertEquals("orders-dev", env.get("TABLE"));
        assertEquals(QUEUE_URL, env.get("QUEUE_URL"));
        assertEquals(QUEUE_ARN, env.get("QUEUE_ARN"));
        assertEquals("3", env.get("COUNT"));
        assertEquals("true", env.get("ENABLED"));
        assertEquals("from-function", env.get("SHARED"));
        assertEquals("INFO", env.get("LOG_LEVEL"));
        assertFalse(env.containsKey("OPTIONAL"), "AWS::NoValue drops the variable");
        assertEquals("Fn", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
        services.clientEnvironment().forEach((k, v) -> assertEquals(v, env.get(k), k));
        assertEquals("http://127.0.0.1:9", env.get("AWS_ENDPOINT_URL_SQS"));
        assertEquals("true", env.get("AWS_S3_FORCE_PATH_STYLE"));

        LocalDeployment empty = new LocalDeployment(d.template(), services, Map.of());
        assertMessage(() -> empty.functionEnvironment(d.template().function("Fn")), "Fn", "TABLE");
    }

    @Test
    void lookUpsByLogicalIdAndArn() {
        LocalDeployment d = deployment();
        assertEquals("orders-dev", d.tableName("Table"));
        assertEquals(STREAM_ARN, d.streamArn("Table"));
        assertEquals(QUEUE_URL, d.queueUrl("Queue"));
        assertEquals(QUEUE_ARN, d.queueArn("Queue"));
        assertEquals("pakn-local-bucket", d.bucketName("Bucket"));
        assertEquals(Optional.of("Queue"), d.queueLogicalIdByArn(QUEUE_ARN));
        assertEquals(Optional.empty(), d.queueLogicalIdByArn("arn:aws:sqs:ap-southeast-1:000000000000:Other"));
        assertEquals(Optional.of("Table"), d.tableLogicalIdByStreamArn(STREAM_ARN));
        assertEquals(Optional.of("Queue"), d.queueLogicalIdByArn((String) d.resolve(
                d.template().function("Fn").eventsOfType("SQS").get(0).properties().get("Queue"))),
                "an SQS event source resolves to an ARN that leads back to its queue");
    }

    @Test
    void referencesAreFoundForOrdering() {
        List<String> refs = new ArrayList<>();
        Provisioner.collectReferences(Map.of(
                "A", ref("One"),
                "B", List.of(getAtt("Two", "Arn")),
                "C", fn("Sub", "${Three.Arn}/${AWS::Region}/${!Literal}"),
                "D", fn("Sub", List.of("${Local}-${Four}", Map.of("Local", ref("Five"))))), refs);
        assertEquals(List.of("AWS::Region", "Five", "Four", "One", "Three", "Two"), refs.stream().sorted().toList());
    }

    static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention " + fragment);
        }
    }
}
