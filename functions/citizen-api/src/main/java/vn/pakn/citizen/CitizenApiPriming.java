package vn.pakn.citizen;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Context;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import vn.pakn.aws.log.Log;

/**
 * SnapStart priming: before the snapshot, run real requests through the API so the snapshot
 * holds loaded classes, a warm object mapper, SDK clients with resolved endpoints and signers,
 * and the validation path. Only reads and a refused submission: priming must write nothing.
 * Outside Lambda (no CRaC runtime) registering is harmless and nothing runs.
 */
@Context
public class CitizenApiPriming implements Resource {
    private final CitizenApi api;

    public CitizenApiPriming(CitizenApi api) {
        this.api = api;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the reference cache expires by time, and the clock has moved on.
    }

    /** Also called by benchmarks and tests to prove priming has no side effects. */
    void prime() {
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/categories").withRawPath("/v1/categories")
                .withHeaders(Map.of()).build());
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/complaints").withRawPath("/v1/complaints")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"category\": \"priming\", \"description\": \"priming\", \"areaCode\": \"none\"}").build());
        // Refused before any read (no secret): warms the action routes without touching a complaint.
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(CitizenActionRoutes.CONFIRM)
                .withRawPath("/v1/complaints/AAAA-AAAA/confirm").withPathParameters(Map.of("trackingCode", "AAAA-AAAA"))
                .withHeaders(Map.of("content-type", "application/json")).withBody("{\"rating\": 5}").build());
        Log.info("snapstart.primed");
    }
}
