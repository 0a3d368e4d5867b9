package vn.pakn.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {

    private static final Map<String, String> LOCAL = Map.of("AWS_REGION", "ap-southeast-1",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4566", "AWS_ACCESS_KEY_ID", "key",
            "AWS_SECRET_ACCESS_KEY", "secret");

    @Test
    void dynamoDbBuiltAhead_isConfiguredFromTheEnvironmentLikeOneBuiltOnDemand() {
        AwsClients clients = new AwsClients(FunctionEnvironment.of(LOCAL)).buildDynamoDbAhead();
        try (DynamoDbClient ahead = clients.dynamoDb(); DynamoDbClient onDemand = clients.dynamoDb()) {
            assertNotSame(ahead, onDemand, "the client built ahead is handed out once; later calls build their own");
            assertEquals(URI.create("http://127.0.0.1:4566"), ahead.serviceClientConfiguration().endpointOverride().orElseThrow());
            assertEquals(Region.AP_SOUTHEAST_1, ahead.serviceClientConfiguration().region());
            assertEquals(onDemand.serviceClientConfiguration().endpointOverride(),
                    ahead.serviceClientConfiguration().endpointOverride());
        }
    }

    @Test
    void dynamoDbBuiltAhead_failingToBuild_throwsWhatBuildingOnDemandThrows() {
        Map<String, String> broken = Map.of("AWS_REGION", "ap-southeast-1", "AWS_ENDPOINT_URL_DYNAMODB", "http://bad host:1",
                "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret");
        IllegalArgumentException onDemand = assertThrows(IllegalArgumentException.class,
                () -> new AwsClients(FunctionEnvironment.of(broken)).dynamoDb());
        AwsClients clients = new AwsClients(FunctionEnvironment.of(broken)).buildDynamoDbAhead();
        IllegalArgumentException ahead = assertThrows(IllegalArgumentException.class, clients::dynamoDb,
                "a Lambda init error names the bad setting, not a wrapper from the background thread");
        assertEquals(onDemand.getMessage(), ahead.getMessage());
    }
}
