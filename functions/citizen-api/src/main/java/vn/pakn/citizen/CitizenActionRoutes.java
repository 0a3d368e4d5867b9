package vn.pakn.citizen;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Set;
import vn.pakn.aws.http.HttpResponses;
import vn.pakn.aws.http.JsonRequest;
import vn.pakn.aws.http.StrictObject;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.lifecycle.Command;

/**
 * The citizen's answers once an agency has the complaint: {@code info}, {@code confirm} and
 * {@code reopen}. The secret travels in the {@value #SECRET_HEADER} header, never in the body,
 * so bodies hold only what the action records and a logged or replayed body carries no credential.
 */
final class CitizenActionRoutes {
    static final String SECRET_HEADER = "X-Citizen-Secret";
    static final String INFO = "POST /v1/complaints/{trackingCode}/info";
    static final String CONFIRM = "POST /v1/complaints/{trackingCode}/confirm";
    static final String REOPEN = "POST /v1/complaints/{trackingCode}/reopen";

    private final CitizenActions actions;

    CitizenActionRoutes(CitizenActions actions) {
        this.actions = actions;
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String secret = JsonRequest.header(event, SECRET_HEADER);
        if (secret == null || secret.isBlank()) {
            // Before reading the body: without the secret nothing else matters.
            throw CitizenActions.secretRequired();
        }
        Command command = command(event.getRouteKey(), JsonRequest.objectBody(event));
        Map<String, String> params = event.getPathParameters();
        CitizenActions.Outcome outcome = actions.act(params == null ? null : params.get("trackingCode"), secret, command);
        var recorded = outcome.transition().event();
        Log.info("citizen.action", "complaintId", recorded.complaintId(), "action", command.action().wireName(),
                "seq", recorded.seq(), "status", recorded.to().name());
        return HttpResponses.json(200, ComplaintJson.publicView(outcome.view()));
    }

    private static Command command(String route, StrictObject body) {
        return switch (route) {
            case INFO -> new Command.ProvideInfo(body.allowOnly(Set.of("answer")).string("answer"));
            case CONFIRM -> {
                body.allowOnly(Set.of("rating", "comment"));
                Long rating = body.integer("rating");
                if (rating == null) {
                    throw InputError.required("rating");
                }
                // Clamped, not cast: 2^32 + 1 must not wrap round to a valid 1.
                int clamped = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, rating));
                yield new Command.Confirm(clamped, body.string("comment"));
            }
            case REOPEN -> new Command.Reopen(body.allowOnly(Set.of("note")).string("note"));
            default -> throw new IllegalArgumentException("Not a citizen action route: " + route);
        };
    }
}
