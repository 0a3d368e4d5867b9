package vn.pakn.feed;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Context;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.intake.ImageType;

/**
 * SnapStart priming: before the snapshot, run requests through the API so the snapshot holds
 * loaded classes, a warm mapper, SDK clients with resolved endpoints and signers, an index query
 * and a presigned link. Reads only.
 */
@Context
public class PublicFeedPriming implements Resource {
    private static final String NO_SUCH_COMPLAINT = "00000000000000000000000000";

    private final PublicFeedApi api;
    private final PublicPhotoLinks photos;

    public PublicFeedPriming(PublicFeedApi api, PublicPhotoLinks photos) {
        this.api = api;
        this.photos = photos;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the reference cache expires by time, and presigned links are made per request.
    }

    void prime() {
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(PublicFeedApi.LIST).withRawPath("/v1/public/complaints")
                .withQueryStringParameters(Map.of("limit", "1")).build());
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(PublicFeedApi.GET)
                .withRawPath("/v1/public/complaints/" + NO_SUCH_COMPLAINT)
                .withPathParameters(Map.of("id", NO_SUCH_COMPLAINT)).build());
        photos.link(NO_SUCH_COMPLAINT, ImageType.JPEG);
        Log.info("snapstart.primed");
    }
}
