package vn.pakn.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;

/** Lambda entry point of the admin API (HTTP API, payload 2.0, behind the AgencyJwt authorizer, role admin). */
public class AdminApiHandler extends PaknHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    AdminApi api;

    public AdminApiHandler() {
        super();
    }

    public AdminApiHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return api.handle(event);
    }
}
