package vn.pakn.agency;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;
import vn.pakn.aws.http.Caller;

/** Agency API events as API Gateway sends them after its JWT authorizer: claims as strings. */
final class AgencyEvents {
    private AgencyEvents() {
    }

    /** The claims of an officer of {@code agencyId}, with the registered claims a real token carries. */
    static Map<String, String> officer(String agencyId, String officerId) {
        Map<String, String> claims = new HashMap<>();
        claims.put("iss", "https://auth.example.gov.vn/");
        claims.put("aud", "pakn-agency");
        claims.put("exp", "4102444800");
        claims.put("iat", "1767225600");
        claims.put(Caller.CLAIM_OFFICER, officerId);
        claims.put(Caller.CLAIM_AGENCY, agencyId);
        claims.put(Caller.CLAIM_ROLE, "agency");
        return claims;
    }

    static Map<String, String> admin(String officerId) {
        Map<String, String> claims = officer("x", officerId);
        claims.remove(Caller.CLAIM_AGENCY);
        claims.put(Caller.CLAIM_ROLE, "admin");
        return claims;
    }

    static APIGatewayV2HTTPEvent list(Map<String, String> claims, Map<String, String> query) {
        return event(claims, AgencyApi.LIST, "/v1/agency/complaints", Map.of(), query, null);
    }

    static APIGatewayV2HTTPEvent get(Map<String, String> claims, String id) {
        return event(claims, AgencyApi.GET, "/v1/agency/complaints/" + id, Map.of("id", id), null, null);
    }

    static APIGatewayV2HTTPEvent act(Map<String, String> claims, String id, String action, String body) {
        return event(claims, AgencyApi.ACT, "/v1/agency/complaints/" + id + "/actions/" + action,
                Map.of("id", id, "action", action), null, body);
    }

    /** @param claims null for a request that reached the function without the authorizer */
    static APIGatewayV2HTTPEvent event(Map<String, String> claims, String route, String path,
                                       Map<String, String> pathParameters, Map<String, String> query, String body) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(route);
        if (claims != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, null));
            context.setAuthorizer(authorizer);
        }
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route).withRawPath(path)
                .withRequestContext(context).withPathParameters(pathParameters)
                .withQueryStringParameters(query).withHeaders(headers).withBody(body).build();
    }
}
