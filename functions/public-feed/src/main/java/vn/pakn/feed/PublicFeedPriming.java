package vn.pakn.feed;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Context;
import java.util.Map;
import vn.pakn.aws.lambda.SnapStartPriming;
import vn.pakn.domain.intake.ImageType;

/**
 * SnapStart priming: before the snapshot, run requests through the API so the snapshot holds
 * loaded classes, a warm mapper, SDK clients with resolved endpoints and signers, an index query
 * and a presigned link. Reads only.
 */
@Context
public class PublicFeedPriming extends SnapStartPriming {
    private static final String NO_SUCH_COMPLAINT = "00000000000000000000000000";

    private final PublicFeedApi api;
    private final PublicPhotoLinks photos;

    public PublicFeedPriming(PublicFeedApi api, PublicPhotoLinks photos) {
        this.api = api;
        this.photos = photos;
    }

    @Override
    protected void primeRequests() {
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(PublicFeedApi.LIST).withRawPath("/v1/public/complaints")
                .withQueryStringParameters(Map.of("limit", "1")).build());
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(PublicFeedApi.GET)
                .withRawPath("/v1/public/complaints/" + NO_SUCH_COMPLAINT)
                .withPathParameters(Map.of("id", NO_SUCH_COMPLAINT)).build());
        photos.link(NO_SUCH_COMPLAINT, ImageType.JPEG);
    }
}
