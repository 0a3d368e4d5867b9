package vn.pakn.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.pakn.aws.http.Caller;

/** Admin API events as API Gateway sends them after its JWT authorizer: claims as strings. */
final class AdminEvents {
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z]+)}");

    private AdminEvents() {
    }

    /** An administrator's claims, with the registered claims a real token carries. */
    static Map<String, String> admin() {
        Map<String, String> claims = new HashMap<>();
        claims.put("iss", "https://auth.example.gov.vn/");
        claims.put("aud", "pakn-agency");
        claims.put("exp", "4102444800");
        claims.put("iat", "1767225600");
        claims.put(Caller.CLAIM_OFFICER, "quan-tri-01");
        claims.put(Caller.CLAIM_ROLE, "admin");
        return claims;
    }

    static Map<String, String> officer(String agencyId) {
        Map<String, String> claims = admin();
        claims.put(Caller.CLAIM_OFFICER, "can-bo-01");
        claims.put(Caller.CLAIM_AGENCY, agencyId);
        claims.put(Caller.CLAIM_ROLE, "agency");
        return claims;
    }

    /**
     * @param routeKey e.g. {@code PUT /v1/admin/areas/{code}}
     * @param values   the path parameters' values, in order
     * @param claims   null for a request that reached the function without the authorizer
     * @param body     JSON, or null for none
     */
    static APIGatewayV2HTTPEvent request(Map<String, String> claims, String routeKey, String body, String... values) {
        String[] parts = routeKey.split(" ", 2);
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher m = PARAMETER.matcher(parts[1]);
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (m.find()) {
            String value = i < values.length ? values[i] : "x";
            i++;
            parameters.put(m.group(1), value);
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(routeKey);
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(parts[0]);
        http.setPath(path.toString());
        context.setHttp(http);
        if (claims != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, null));
            context.setAuthorizer(authorizer);
        }
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path.toString())
                .withRequestContext(context).withPathParameters(parameters.isEmpty() ? null : parameters)
                .withHeaders(headers).withBody(body).build();
    }
}
