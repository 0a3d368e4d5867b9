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

/**
 * The DynamoDB repository's rules held in maps: all-or-nothing without a key; with one, the
 * tracking code reserved first, then the complaint. {@link #stopAfterReserving} plays a function
 * that stops between the two.
 */
public final class InMemoryComplaintRepository implements ComplaintRepository {
    public final Map<String, ComplaintHistory> byId = new ConcurrentHashMap<>();
    public final Map<String, String> idByTrackingCode = new ConcurrentHashMap<>();
    /** Tracking codes reserved under an idempotency key, whether or not their complaint was written. */
    public final Map<String, IdempotencyRecord> reservations = new ConcurrentHashMap<>();
    private final InMemoryUploads uploads;
    private final byte[] idempotencySecret = "in-memory idempotency secret, 32".getBytes();
    /** How many of the next creates find their tracking code already taken. */
    public int collisionsToSimulate;
    /** The next create under a key reserves its code, then fails as a function stopped there would. */
    public boolean stopAfterReserving;
    public int createCalls;
    /** Look-ups of reservations: each is a read, a round trip, in DynamoDB. */
    public int reservationReads;

    public InMemoryComplaintRepository(InMemoryUploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public synchronized CreateOutcome create(NewComplaint nc) {
        createCalls++;
        Complaint c = nc.complaint();
        IdempotencyRecord holder = reservations.get(c.trackingCode());
        if (holder != null && !holder.complaintId().equals(c.id())) {
            return nc.idempotency() != null && nc.idempotency().keyHash().equals(holder.keyHash())
                    ? new CreateOutcome.IdempotencyKeyTaken(holder) : new CreateOutcome.TrackingCodeTaken();
        }
        if (collisionsToSimulate > 0) {
            collisionsToSimulate--;
            idByTrackingCode.put(c.trackingCode(), "01KCOMPLAINTWITHTHISCODE00");
            return new CreateOutcome.TrackingCodeTaken();
        }
        if (holder == null && idByTrackingCode.containsKey(c.trackingCode())) {
            return new CreateOutcome.TrackingCodeTaken();
        }
        if (nc.idempotency() != null) {
            reservations.put(c.trackingCode(), nc.idempotency());
            idByTrackingCode.put(c.trackingCode(), c.id());
            if (stopAfterReserving) {
                stopAfterReserving = false;
                throw new IllegalStateException("stopped after reserving the tracking code");
            }
        }
        return writeComplaint(nc);
    }

    @Override
    public Optional<IdempotencyRecord> findReservation(String trackingCode) {
        reservationReads++;
        IdempotencyRecord reservation = reservations.get(trackingCode);
        String holder = idByTrackingCode.get(trackingCode);
        // A code taken without a key has no binding, as its item in DynamoDB.
        return reservation != null || holder == null ? Optional.ofNullable(reservation)
                : Optional.of(new IdempotencyRecord(null, null, holder, trackingCode, null));
    }

    @Override
    public boolean isWritten(String complaintId) {
        return byId.containsKey(complaintId);
    }

    @Override
    public synchronized CreateOutcome completeReserved(NewComplaint nc) {
        return byId.containsKey(nc.complaint().id()) ? new CreateOutcome.Created() : writeComplaint(nc);
    }

    @Override
    public synchronized void release(IdempotencyRecord reservation) {
        if (reservations.remove(reservation.trackingCode(), reservation)) {
            idByTrackingCode.remove(reservation.trackingCode(), reservation.complaintId());
        }
    }

    @Override
    public byte[] idempotencySecret() {
        return idempotencySecret.clone();
    }

    @Override
    public Optional<ComplaintHistory> findByTrackingCode(String trackingCode) {
        return Optional.ofNullable(idByTrackingCode.get(trackingCode)).map(byId::get);
    }

    private CreateOutcome writeComplaint(NewComplaint nc) {
        Complaint c = nc.complaint();
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
        return new CreateOutcome.Created();
    }
}
