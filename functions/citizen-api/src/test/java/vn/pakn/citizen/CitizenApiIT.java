package vn.pakn.citizen;

import org.junit.jupiter.api.BeforeAll;
import vn.pakn.local.aws.LocalAwsServices;

/** The citizen scenarios on the embedded DynamoDB Local, ElasticMQ and s3proxy. */
class CitizenApiIT extends CitizenApiScenarios {
    @BeforeAll
    static void start() throws Exception {
        boot(LocalAwsServices.start(line -> { }, java.util.Map.of()));
    }
}
