package vn.pakn.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.http.Caller;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.sqs.AgencyQueues;

/**
 * SnapStart priming: before the snapshot, run requests through the API so the snapshot holds
 * loaded classes, a warm mapper, SDK clients with resolved endpoints and signers, the claims
 * reader and the reference table's reads. The admin API is the rarely used one, so nearly every
 * request it gets is a cold start: priming matters most here. Reads only, and a change refused
 * before any write: priming must write nothing. The SQS client and the presigner, which requests
 * build on first need, are built and used here (a look-up of a queue that does not exist, a
 * presign, which is local), so that a restored environment has them as one built at init would.
 */
@Context
public class AdminApiPriming implements Resource {
    private final AdminApi api;
    private final BeanProvider<SqsClient> sqs;
    private final BeanProvider<S3Presigner> presigner;
    private final FunctionEnvironment env;

    public AdminApiPriming(AdminApi api, BeanProvider<SqsClient> sqs, BeanProvider<S3Presigner> presigner,
                           FunctionEnvironment env) {
        this.api = api;
        this.sqs = sqs;
        this.presigner = presigner;
        this.env = env;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the admin API reads the reference table afresh on every request.
    }

    /** Also called by benchmarks and tests to prove priming has no side effects. */
    void prime() {
        api.handle(event(AdminApi.LIST_CATEGORIES, "/v1/admin/categories", Map.of(), null));
        api.handle(event(AdminApi.LIST_AGENCIES, "/v1/admin/agencies", Map.of(), null));
        // Refused for its missing name before anything is read or written: warms the JSON and validation path.
        api.handle(event(AdminApi.PUT_CATEGORY, "/v1/admin/categories/snapstart-priming",
                Map.of("code", "snapstart-priming"), "{\"code\": \"snapstart-priming\"}"));
        try {
            String none = env.require(AgencyQueues.PREFIX_VARIABLE) + "snapstart-priming";
            sqs.get().getQueueUrl(b -> b.queueName(none));
        } catch (RuntimeException missing) {
            // QueueDoesNotExist, as it should: the client and its request path are warm all the same.
        }
        presigner.get().presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(o -> o.bucket(env.require("PHOTOS_BUCKET")).key("original/snapstart-priming.jpg")));
        Log.info("snapstart.primed");
    }

    private static APIGatewayV2HTTPEvent event(String route, String path, Map<String, String> pathParameters,
                                               String body) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(Map.of(
                Caller.CLAIM_OFFICER, "snapstart-priming",
                Caller.CLAIM_ROLE, Caller.Role.ADMIN.claimValue()), null));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        return APIGatewayV2HTTPEvent.builder().withRouteKey(route).withRawPath(path).withRequestContext(context)
                .withPathParameters(pathParameters)
                .withHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"))
                .withBody(body).build();
    }
}
