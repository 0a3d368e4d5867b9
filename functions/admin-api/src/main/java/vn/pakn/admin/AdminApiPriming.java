package vn.pakn.admin;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.http.Caller;
import vn.pakn.aws.lambda.SnapStartPriming;
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
public class AdminApiPriming extends SnapStartPriming {
    private static final Map<String, String> CLAIMS = Map.of(
            Caller.CLAIM_OFFICER, "snapstart-priming",
            Caller.CLAIM_ROLE, Caller.Role.ADMIN.claimValue());

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
    }

    @Override
    protected void primeRequests() {
        api.handle(signedIn(CLAIMS, AdminApi.LIST_CATEGORIES, "/v1/admin/categories", Map.of(), null));
        api.handle(signedIn(CLAIMS, AdminApi.LIST_AGENCIES, "/v1/admin/agencies", Map.of(), null));
        // Refused for its missing name before anything is read or written: warms the JSON and validation path.
        api.handle(signedIn(CLAIMS, AdminApi.PUT_CATEGORY, "/v1/admin/categories/snapstart-priming",
                Map.of("code", "snapstart-priming"), "{\"code\": \"snapstart-priming\"}"));
        try {
            String none = env.require(AgencyQueues.PREFIX_VARIABLE) + "snapstart-priming";
            sqs.get().getQueueUrl(b -> b.queueName(none));
        } catch (RuntimeException missing) {
            // QueueDoesNotExist, as it should: the client and its request path are warm all the same.
        }
        presigner.get().presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(o -> o.bucket(env.require("PHOTOS_BUCKET")).key("original/snapstart-priming.jpg")));
    }
}
