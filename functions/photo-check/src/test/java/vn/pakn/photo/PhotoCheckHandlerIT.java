package vn.pakn.photo;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import vn.pakn.local.aws.LocalAwsServices;

/** The photo check scenarios on the embedded DynamoDB Local and s3proxy. */
class PhotoCheckHandlerIT extends PhotoCheckHandlerScenarios {
    @BeforeAll
    static void start() {
        deploy(LocalAwsServices.start(progress -> { }, Map.of()));
    }
}
