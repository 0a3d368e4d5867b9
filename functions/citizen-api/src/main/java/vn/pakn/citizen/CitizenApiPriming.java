package vn.pakn.citizen;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.lambda.SnapStartPriming;
import vn.pakn.aws.s3.S3UploadStorage;
import vn.pakn.domain.intake.Upload;

/**
 * SnapStart priming: before the snapshot, run real requests through the API so the snapshot
 * holds loaded classes, a warm object mapper, SDK clients with resolved endpoints and signers,
 * and the validation path. Only reads and a refused submission: priming must write nothing. The
 * S3 client and presigner, which requests build on first need, are built and used here, so that
 * a restored environment has them as one built at init would.
 * Outside Lambda (no CRaC runtime) registering is harmless and nothing runs.
 */
@Context
public class CitizenApiPriming extends SnapStartPriming {
    private final CitizenApi api;
    private final BeanProvider<S3Client> s3;
    private final BeanProvider<S3Presigner> presigner;
    private final FunctionEnvironment env;

    public CitizenApiPriming(CitizenApi api, BeanProvider<S3Client> s3, BeanProvider<S3Presigner> presigner,
                             FunctionEnvironment env) {
        this.api = api;
        this.s3 = s3;
        this.presigner = presigner;
        this.env = env;
    }

    @Override
    protected void primeRequests() {
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/categories").withRawPath("/v1/categories")
                .withHeaders(Map.of()).build());
        // Under a key, as clients send it: loads the deployment's idempotency secret (the first function of a
        // deployment to need it makes it) and, refused, looks the key's first tracking code up.
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/complaints").withRawPath("/v1/complaints")
                .withHeaders(Map.of("content-type", "application/json", "idempotency-key", "priming-0000"))
                .withBody("{\"category\": \"priming\", \"description\": \"priming\", \"areaCode\": \"none\"}").build());
        // Refused before any read (no secret): warms the action routes without touching a complaint.
        api.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(CitizenActionRoutes.CONFIRM)
                .withRawPath("/v1/complaints/AAAA-AAAA/confirm").withPathParameters(Map.of("trackingCode", "AAAA-AAAA"))
                .withHeaders(Map.of("content-type", "application/json")).withBody("{\"rating\": 5}").build());
        // The same clients the requests use (singletons); a presign is local, a HEAD of no object a read.
        S3UploadStorage uploads = new S3UploadStorage(s3.get(), presigner.get(), env.require("UPLOADS_BUCKET"));
        String key = Upload.objectKeyFor("PRIMING");
        uploads.presignPut(key, "image/jpeg", 1, Duration.ofMinutes(1));
        try {
            uploads.head(key);
        } catch (RuntimeException refused) {
            // Without s3:ListBucket, S3 answers 403 for a missing object: the request path is warm all the same.
        }
    }
}
