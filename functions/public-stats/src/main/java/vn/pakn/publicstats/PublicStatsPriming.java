package vn.pakn.publicstats;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Context;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import vn.pakn.aws.log.Log;

/**
 * SnapStart priming: before the snapshot, answer a default query and a grouped one so the
 * snapshot holds loaded classes, a warm mapper, the SDK client with its endpoint resolved and
 * the reference cache filled. Reads only: the endpoint never writes.
 */
@Context
public class PublicStatsPriming implements Resource {
    private final PublicStatsApi api;

    public PublicStatsPriming(PublicStatsApi api) {
        this.api = api;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: "today" is read per request and the reference cache expires by time.
    }

    void prime() {
        api.handle(event(Map.of()));
        api.handle(event(Map.of(StatsQuery.GROUP_BY, "category")));
        Log.info("snapstart.primed");
    }

    private static APIGatewayV2HTTPEvent event(Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(PublicStatsApi.STATS).withRawPath("/v1/public/stats")
                .withQueryStringParameters(query).withHeaders(Map.of()).build();
    }
}
