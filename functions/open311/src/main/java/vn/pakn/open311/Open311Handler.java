package vn.pakn.open311;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.inject.Inject;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;

/** Lambda entry point of the Open311 GeoReport v2 API (HTTP API, payload 2.0). */
public class Open311Handler extends PaknHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    Open311Api api;

    public Open311Handler() {
        super();
    }

    public Open311Handler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return api.handle(event);
    }
}
