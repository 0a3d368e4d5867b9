package vn.pakn.agency;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;

/** Lambda entry point of the agency API (HTTP API, payload 2.0, behind the AgencyJwt authorizer). */
public class AgencyApiHandler extends PaknHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    AgencyApi api;

    public AgencyApiHandler() {
        super();
    }

    public AgencyApiHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return api.handle(event);
    }
}
