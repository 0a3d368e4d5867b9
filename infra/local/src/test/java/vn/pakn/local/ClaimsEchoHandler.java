package vn.pakn.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import vn.pakn.aws.http.Caller;
import vn.pakn.aws.http.HttpResponses;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.error.InputError;

/**
 * The test template's handler: answers with the caller {@link Caller} reads from the authorizer's
 * claims and the raw claims, or, on a route without the authorizer, that it is open.
 */
public final class ClaimsEchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Invocations across instances: a refused request must never reach the function. */
    static final AtomicInteger INVOCATIONS = new AtomicInteger();

    public ClaimsEchoHandler(java.util.Map<String, String> environment) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        INVOCATIONS.incrementAndGet();
        ObjectNode body = Json.object();
        if (event.getRequestContext().getAuthorizer() == null) {
            return HttpResponses.json(200, body.put("open", true));
        }
        body.set("claims", Json.MAPPER.valueToTree(event.getRequestContext().getAuthorizer().getJwt().getClaims()));
        try {
            Caller caller = Caller.from(event);
            body.put("officer", caller.officerId()).put("agency", caller.agencyId()).put("role", caller.role().name());
            return HttpResponses.json(200, body);
        } catch (InputError e) {
            return HttpResponses.error(e);
        }
    }
}
