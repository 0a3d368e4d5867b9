package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * The hook for routes whose event names an authorizer ({@code Auth.Authorizer}, or the API's
 * {@code DefaultAuthorizer}). API Gateway runs the authorizer before the function; a local
 * implementation (a JWT check against the template's {@code JwtConfiguration}) plugs in here
 * through {@link HttpApiGateway#withAuthorizer(HttpApiAuthorizer)}.
 */
@FunctionalInterface
public interface HttpApiAuthorizer {

    /**
     * Decides one request.
     *
     * @param configuration the authorizer's entry under the API's {@code Auth.Authorizers}, resolved
     *     (e.g. {@code IdentitySource}, {@code JwtConfiguration.issuer} and {@code audience})
     * @param event the event the function would receive; allow by returning the
     *     {@code requestContext.authorizer} it should carry (JWT claims and scopes)
     */
    Decision authorize(HttpApiRoute route, Map<String, Object> configuration, APIGatewayV2HTTPEvent event);

    /** Allowed (with the authorizer context for the event) or denied (with API Gateway's response). */
    record Decision(APIGatewayV2HTTPEvent.RequestContext.Authorizer context, HttpApiResponse denial) {

        public static Decision allow(APIGatewayV2HTTPEvent.RequestContext.Authorizer context) {
            return new Decision(context, null);
        }

        /** API Gateway's 401 {@code {"message":"Unauthorized"}}: no token or an invalid one. */
        public static Decision unauthorized() {
            return new Decision(null, HttpApiResponse.gatewayError(401, "Unauthorized"));
        }

        /** API Gateway's 403 {@code {"message":"Forbidden"}}: a valid token without the route's scopes. */
        public static Decision forbidden() {
            return new Decision(null, HttpApiResponse.gatewayError(403, "Forbidden"));
        }

        public boolean allowed() {
            return denial == null;
        }
    }

    /**
     * Until a local JWT authorizer exists, protected routes refuse every request, as API Gateway
     * refuses requests it cannot authorise: never open by accident.
     */
    static HttpApiAuthorizer denyAll() {
        return (route, configuration, event) -> Decision.unauthorized();
    }
}
