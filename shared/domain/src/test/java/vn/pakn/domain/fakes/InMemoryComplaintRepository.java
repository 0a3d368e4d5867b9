package vn.pakn.domain.fakes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.ComplaintRepository;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.IdempotencyRecord;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.intake.Upload;

/** Same all-or-nothing rules as the DynamoDB transaction, held in maps. */
public final class InMemoryComplaintRepository implements ComplaintRepository {
    public final Map<String, ComplaintHistory> byId = new ConcurrentHashMap<>();
    public final Map<String, String> idByTrackingCode = new ConcurrentHashMap<>();
    public final Map<String, IdempotencyRecord> idempotency = new ConcurrentHashMap<>();
    private final InMemoryUploads uploads;
    /** How many of the next creates find their tracking code already taken. */
    public int collisionsToSimulate;
    public int createCalls;
    /** Look-ups of idempotency records: each is a read, a round trip, in DynamoDB. */
    public int idempotencyReads;

    public InMemoryComplaintRepository(InMemoryUploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public synchronized CreateOutcome create(NewComplaint nc) {
        createCalls++;
        Complaint c = nc.complaint();
        if (idByTrackingCode.containsKey(c.trackingCode()) || collisionsToSimulate > 0) {
            collisionsToSimulate = Math.max(0, collisionsToSimulate - 1);
            return new CreateOutcome.TrackingCodeTaken();
        }
        if (nc.idempotency() != null && idempotency.containsKey(nc.idempotency().key())) {
            return new CreateOutcome.IdempotencyKeyTaken();
        }
        for (Upload seen : nc.claimedUploads()) {
            Upload now = uploads.byId.get(seen.id());
            if (now == null || now.complaintId() != null || now.status() != seen.status()) {
                return new CreateOutcome.UploadChanged(seen.id());
            }
        }
        Map<String, Upload> claimed = new HashMap<>();
        for (Upload u : nc.claimedUploads()) {
            claimed.put(u.id(), new Upload(u.id(), u.objectKey(), u.type(), u.contentLength(), u.createdAt(),
                    u.urlExpiresAt(), u.status(), c.id(), u.reason()));
        }
        uploads.byId.putAll(claimed);
        byId.put(c.id(), new ComplaintHistory(c, List.of(nc.firstEvent())));
        idByTrackingCode.put(c.trackingCode(), c.id());
        if (nc.idempotency() != null) {
            idempotency.put(nc.idempotency().key(), nc.idempotency());
        }
        return new CreateOutcome.Created();
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(String key) {
        idempotencyReads++;
        return Optional.ofNullable(idempotency.get(key));
    }

    @Override
    public Optional<ComplaintHistory> findByTrackingCode(String trackingCode) {
        return Optional.ofNullable(idByTrackingCode.get(trackingCode)).map(byId::get);
    }
}
