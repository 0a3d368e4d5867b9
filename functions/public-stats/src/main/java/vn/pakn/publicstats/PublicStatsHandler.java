package vn.pakn.publicstats;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;

/** Lambda entry point of the public statistics (HTTP API, payload 2.0, no authorizer). */
public class PublicStatsHandler extends PaknHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    PublicStatsApi api;

    public PublicStatsHandler() {
        super();
    }

    public PublicStatsHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return api.handle(event);
    }
}
