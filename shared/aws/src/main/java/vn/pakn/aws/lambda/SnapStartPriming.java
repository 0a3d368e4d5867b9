package vn.pakn.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import vn.pakn.aws.log.Log;

/**
 * SnapStart priming of an API function: before the snapshot, {@link #prime()} runs requests through
 * the API, so the snapshot holds loaded classes, a warm mapper, SDK clients with resolved endpoints
 * and signers. A subclass is a {@code @Context} bean (created with the application context, so it
 * is registered before the checkpoint). Priming must write nothing: it reads, or makes requests
 * that are refused before any write.
 */
public abstract class SnapStartPriming implements Resource {

    protected SnapStartPriming() {
        Core.getGlobalContext().register(this);
    }

    /** Runs the priming requests. Also called by benchmarks and tests to prove it has no side effects. */
    protected abstract void primeRequests();

    public final void prime() {
        primeRequests();
        Log.info("snapstart.primed");
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    /**
     * Nothing to refresh by default: reference caches expire by time, "now" is read per request and
     * presigned links are made per request.
     */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /** An HTTP API (payload 2.0) request as API Gateway passes it after the JWT authorizer accepted {@code claims}. */
    protected static APIGatewayV2HTTPEvent signedIn(Map<String, String> claims, String route, String path,
                                                    Map<String, String> pathParameters, String body) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, null));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        return APIGatewayV2HTTPEvent.builder().withRouteKey(route).withRawPath(path).withRequestContext(context)
                .withPathParameters(pathParameters)
                .withHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"))
                .withBody(body).build();
    }
}
