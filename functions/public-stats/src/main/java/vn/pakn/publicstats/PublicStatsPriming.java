package vn.pakn.publicstats;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Context;
import java.util.Map;
import vn.pakn.aws.lambda.SnapStartPriming;

/**
 * SnapStart priming: before the snapshot, answer a default query and a grouped one so the
 * snapshot holds loaded classes, a warm mapper, the SDK client with its endpoint resolved and
 * the reference cache filled. Reads only: the endpoint never writes.
 */
@Context
public class PublicStatsPriming extends SnapStartPriming {
    private final PublicStatsApi api;

    public PublicStatsPriming(PublicStatsApi api) {
        this.api = api;
    }

    @Override
    protected void primeRequests() {
        api.handle(event(Map.of()));
        api.handle(event(Map.of(StatsQuery.GROUP_BY, "category")));
    }

    private static APIGatewayV2HTTPEvent event(Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(PublicStatsApi.STATS).withRawPath("/v1/public/stats")
                .withQueryStringParameters(query).withHeaders(Map.of()).build();
    }
}
