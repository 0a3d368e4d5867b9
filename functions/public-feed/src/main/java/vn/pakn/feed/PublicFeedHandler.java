package vn.pakn.feed;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;

/** Lambda entry point of the public feed (HTTP API, payload 2.0, no authorizer). */
public class PublicFeedHandler extends PaknHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    PublicFeedApi api;

    public PublicFeedHandler() {
        super();
    }

    public PublicFeedHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return api.handle(event);
    }
}
