package vn.pakn.agency;

import io.micronaut.context.annotation.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.pakn.aws.http.Caller;
import vn.pakn.aws.lambda.SnapStartPriming;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.reference.ReferenceData;

/**
 * SnapStart priming: before the snapshot, run requests through the API so the snapshot holds
 * loaded classes, a warm mapper, SDK clients with resolved endpoints and signers, the claims
 * reader, an index query and a presigned link. Reads only, for an agency that does not exist,
 * and an action on a complaint that does not exist: priming must write nothing.
 */
@Context
public class AgencyApiPriming extends SnapStartPriming {
    private static final Map<String, String> CLAIMS = Map.of(
            Caller.CLAIM_OFFICER, "snapstart-priming",
            Caller.CLAIM_AGENCY, "snapstart-priming",
            Caller.CLAIM_ROLE, Caller.Role.AGENCY.claimValue());
    private static final String NO_SUCH_COMPLAINT = "00000000000000000000000000";

    private final AgencyApi api;
    private final PhotoLinks photos;
    private final ReferenceData reference;

    public AgencyApiPriming(AgencyApi api, PhotoLinks photos, ReferenceData reference) {
        this.api = api;
        this.photos = photos;
        this.reference = reference;
    }

    @Override
    protected void primeRequests() {
        api.handle(signedIn(CLAIMS, AgencyApi.LIST, "/v1/agency/complaints", Map.of(), null));
        api.handle(signedIn(CLAIMS, AgencyApi.GET, "/v1/agency/complaints/" + NO_SUCH_COMPLAINT,
                Map.of("id", NO_SUCH_COMPLAINT), null));
        api.handle(signedIn(CLAIMS, AgencyApi.ACT,
                "/v1/agency/complaints/" + NO_SUCH_COMPLAINT + "/actions/acknowledge",
                Map.of("id", NO_SUCH_COMPLAINT, "action", "acknowledge"), "{\"expectedVersion\": 2}"));
        reference.agencies();
        Instant now = Instant.now();
        photos.photos(new Complaint(NO_SUCH_COMPLAINT, "PRIM-ING0", Status.ASSIGNED, 2, "priming", null, null,
                "priming", List.of(new Photo(NO_SUCH_COMPLAINT, "image/jpeg", PhotoStatus.ACCEPTED, null)), null,
                false, Channel.OTHER, now, now, "priming"));
    }
}
