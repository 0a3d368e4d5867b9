package vn.pakn.domain.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintRepository;
import vn.pakn.domain.fakes.InMemoryUploads;
import vn.pakn.domain.fakes.MovableClock;

class IntakeServiceTest {
    private final InMemoryUploads uploads = new InMemoryUploads();
    private final InMemoryComplaintRepository complaints = new InMemoryComplaintRepository(uploads);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T03:00:00Z"));
    private final IntakeService service = new IntakeService(new FixedReferenceData(), complaints, uploads, uploads,
            clock, Duration.ofMinutes(15)).waitingForFirstAttempts(Duration.ZERO);

    @Test
    void validSubmission_isStoredReceivedWithItsFirstEvent() {
        SubmitReceipt receipt = service.submit(request(r -> { }), null, "fp");

        var stored = complaints.byId.get(receipt.id());
        assertEquals(Status.RECEIVED, stored.complaint().status());
        assertEquals(1, stored.complaint().version());
        assertEquals(1, stored.events().size());
        assertEquals(Status.RECEIVED, stored.events().get(0).to());
        assertNull(stored.events().get(0).from());
        assertTrue(CitizenSecret.matches(receipt.citizenSecret(), stored.complaint().secretHash()));
        assertNotEquals(receipt.citizenSecret(), stored.complaint().secretHash());
        assertEquals(clock.instant(), receipt.receivedAt());
    }

    @Test
    void trackingCodeCollision_drawsAnotherCode() {
        complaints.collisionsToSimulate = 2;
        SubmitReceipt receipt = service.submit(request(r -> { }), null, "fp");
        assertEquals(3, complaints.createCalls);
        assertEquals(receipt.id(), complaints.idByTrackingCode.get(receipt.trackingCode()));
    }

    @Test
    void sameIdempotencyKeyAndBody_returnsTheFirstReceipt() {
        SubmitReceipt first = service.submit(request(r -> { }), "key-12345678", "fp-a");
        SubmitReceipt again = service.submit(request(r -> { }), "key-12345678", "fp-a");
        assertEquals(first, again);
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void sameIdempotencyKeyOtherBody_isRefusedAndWritesNothing() {
        service.submit(request(r -> { }), "key-12345678", "fp-a");
        InputError e = assertThrows(InputError.class, () -> service.submit(request(r -> { }), "key-12345678", "fp-b"));
        assertEquals(InputError.Kind.UNPROCESSABLE, e.kind());
        assertEquals("Idempotency-Key", e.field());
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void firstSubmissionWithKey_readsNoIdempotencyRecord() {
        service.submit(request(r -> { }), "key-12345678", "fp-a");
        assertEquals(0, complaints.reservationReads, "reserving the derived code finds retries; no read up front");
        assertEquals(1, complaints.createCalls);
    }

    @Test
    void sameKey_otherFunctionOfTheDeployment_getsTheFirstReceipt() {
        SubmitReceipt first = service.submit(request(r -> { }), "key-12345678", "fp-a");
        IntakeService other = new IntakeService(new FixedReferenceData(), complaints, uploads, uploads, clock,
                Duration.ofMinutes(15));

        assertEquals(first, other.submit(request(r -> { }), "key-12345678", "fp-a"));
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void keysOfOtherClients_getTheirOwnComplaintsCodesAndSecrets() {
        SubmitReceipt a = service.submit(request(r -> { }), "key-aaaaaaaa", "fp");
        SubmitReceipt b = service.submit(request(r -> { }), "key-bbbbbbbb", "fp");
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.trackingCode(), b.trackingCode());
        assertNotEquals(a.citizenSecret(), b.citizenSecret());
        assertEquals(2, complaints.byId.size());
    }

    @Test
    void keyedCodeHeldByAnotherComplaint_takesTheKeysNextCode_andTheRetryFindsIt() {
        complaints.collisionsToSimulate = 1;
        SubmitReceipt first = service.submit(request(r -> { }), "key-12345678", "fp-a");
        assertEquals(2, complaints.createCalls);

        SubmitReceipt again = service.submit(request(r -> r.category = "no-such-category"), "key-12345678", "fp-a");

        assertEquals(first, again, "a refused retry walks the key's codes to the one it holds");
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void firstAttemptStoppedAfterReservingItsCode_retryWaitsForIt_thenFinishesTheComplaint() {
        complaints.stopAfterReserving = true;
        assertThrows(IllegalStateException.class, () -> service.submit(request(r -> { }), "key-12345678", "fp-a"));
        assertTrue(complaints.byId.isEmpty(), "nothing of the complaint was written, and nobody was told it was");

        InputError wait = assertThrows(InputError.class, () -> service.submit(request(r -> { }), "key-12345678", "fp-a"));
        assertEquals("submission_in_progress", wait.code());
        assertEquals(InputError.Kind.CONFLICT, wait.kind());
        assertTrue(complaints.byId.isEmpty());

        clock.advance(Duration.ofMinutes(2));
        SubmitReceipt finished = service.submit(request(r -> { }), "key-12345678", "fp-a");

        var stored = complaints.byId.get(finished.id());
        assertEquals(Status.RECEIVED, stored.complaint().status());
        assertEquals(Instant.parse("2026-11-22T03:00:00Z"), finished.receivedAt(), "received when first sent");
        assertTrue(CitizenSecret.matches(finished.citizenSecret(), stored.complaint().secretHash()));
        assertEquals(finished, service.submit(request(r -> { }), "key-12345678", "fp-a"));
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void sameKeyAfterTheReplayWindow_isANewSubmission() {
        SubmitReceipt first = service.submit(request(r -> { }), "key-12345678", "fp-a");
        clock.advance(IdempotencyRecord.REPLAY_WINDOW.plusMinutes(1));

        SubmitReceipt later = service.submit(request(r -> { }), "key-12345678", "fp-b");

        assertNotEquals(first.id(), later.id());
        assertNotEquals(first.trackingCode(), later.trackingCode());
        assertEquals(2, complaints.byId.size());
        assertEquals(later, service.submit(request(r -> { }), "key-12345678", "fp-b"), "and is replayed in turn");
    }

    @Test
    void refusedAfterReservingItsCode_freesTheKeyForACorrectedBody() {
        UploadSlot slot = service.createUploadSlot("image/jpeg", 100L);
        uploads.put(slot.uploadId(), 100, "image/jpeg");
        service.submit(request(r -> r.photos = List.of(slot.uploadId())), "key-aaaaaaaa", "fp-a");
        UploadSlot mine = service.createUploadSlot("image/jpeg", 100L);
        uploads.put(mine.uploadId(), 100, "image/jpeg");
        // Another complaint claims the photo between this submission's check and its write.
        uploads.claimOnNextFind(mine.uploadId(), "01KOTHERCOMPLAINT000000000");

        InputError e = assertThrows(InputError.class,
                () -> service.submit(request(r -> r.photos = List.of(mine.uploadId())), "key-bbbbbbbb", "fp-b"));
        assertEquals("upload_in_use", e.code());
        assertEquals(1, complaints.reservations.size(), "only the first complaint's code stays reserved");

        SubmitReceipt corrected = service.submit(request(r -> { }), "key-bbbbbbbb", "fp-c");
        assertEquals(corrected.id(), complaints.idByTrackingCode.get(corrected.trackingCode()));
    }

    @Test
    void retryOfSubmissionWithPhotos_returnsTheFirstReceipt_thoughItsPhotosAreTaken() {
        UploadSlot slot = service.createUploadSlot("image/jpeg", 8347L);
        uploads.put(slot.uploadId(), 8347, "image/jpeg");
        SubmitReceipt first = service.submit(request(r -> r.photos = List.of(slot.uploadId())), "key-12345678", "fp-a");

        SubmitReceipt again = service.submit(request(r -> r.photos = List.of(slot.uploadId())), "key-12345678", "fp-a");

        assertEquals(first, again);
        assertEquals(1, complaints.byId.size());
        assertEquals(first.id(), uploads.byId.get(slot.uploadId()).complaintId());
    }

    @Test
    void otherBodyWithTakenPhotosUnderUsedKey_isRefusedAsKeyReused() {
        UploadSlot slot = service.createUploadSlot("image/jpeg", 8347L);
        uploads.put(slot.uploadId(), 8347, "image/jpeg");
        service.submit(request(r -> r.photos = List.of(slot.uploadId())), "key-12345678", "fp-a");

        InputError e = assertThrows(InputError.class, () -> service.submit(
                request(r -> r.photos = List.of(slot.uploadId())), "key-12345678", "fp-b"));

        assertEquals("idempotency_key_reused", e.code());
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void invalidBodyUnderUsedKey_isRefusedAsKeyReused() {
        service.submit(request(r -> { }), "key-12345678", "fp-a");
        InputError e = assertThrows(InputError.class,
                () -> service.submit(request(r -> r.category = "no-such-category"), "key-12345678", "fp-b"));
        assertEquals("idempotency_key_reused", e.code());
    }

    @Test
    void invalidBodyUnderNewKey_getsItsOwnRefusal_andWritesNothing() {
        InputError e = assertThrows(InputError.class,
                () -> service.submit(request(r -> r.category = "no-such-category"), "key-12345678", "fp-a"));
        assertEquals("unknown_category", e.code());
        assertTrue(complaints.byId.isEmpty());
        assertTrue(complaints.reservations.isEmpty());
    }

    @Test
    void photoOfAnotherComplaintUnderNewKey_isRefusedAsInUse() {
        UploadSlot slot = service.createUploadSlot("image/jpeg", 100L);
        uploads.put(slot.uploadId(), 100, "image/jpeg");
        service.submit(request(r -> r.photos = List.of(slot.uploadId())), "key-aaaaaaaa", "fp-a");

        InputError e = assertThrows(InputError.class,
                () -> service.submit(request(r -> r.photos = List.of(slot.uploadId())), "key-bbbbbbbb", "fp-b"));

        assertEquals("upload_in_use", e.code());
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void photoUploaded_isClaimedByTheComplaint() {
        UploadSlot slot = service.createUploadSlot("image/jpeg", 8347L);
        uploads.put(slot.uploadId(), 8347, "image/jpeg");

        SubmitReceipt receipt = service.submit(request(r -> r.photos = List.of(slot.uploadId())), null, "fp");

        assertEquals(receipt.id(), uploads.byId.get(slot.uploadId()).complaintId());
        assertEquals(PhotoStatus.PENDING, complaints.byId.get(receipt.id()).complaint().photos().get(0).status());
    }

    @Test
    void photoOfAnotherComplaint_isRefused() {
        UploadSlot slot = service.createUploadSlot("image/jpeg", 100L);
        uploads.put(slot.uploadId(), 100, "image/jpeg");
        service.submit(request(r -> r.photos = List.of(slot.uploadId())), null, "fp");

        InputError e = assertThrows(InputError.class,
                () -> service.submit(request(r -> r.photos = List.of(slot.uploadId())), null, "fp2"));
        assertEquals("upload_in_use", e.code());
        assertEquals("photos[0]", e.field());
        assertEquals(1, complaints.byId.size());
    }

    @Test
    void photoNotYetUploaded_isRefused() {
        UploadSlot slot = service.createUploadSlot("image/png", 100L);
        InputError e = assertThrows(InputError.class,
                () -> service.submit(request(r -> r.photos = List.of(slot.uploadId())), null, "fp"));
        assertEquals("upload_missing", e.code());
        assertTrue(complaints.byId.isEmpty());
    }

    @Test
    void unknownUpload_isRefused() {
        InputError e = assertThrows(InputError.class,
                () -> service.submit(request(r -> r.photos = List.of("01JXXXXXXXXXXXXXXXXXXXXXXX")), null, "fp"));
        assertEquals("unknown_upload", e.code());
    }

    @Test
    void uploadedObjectDiffersFromSlot_isRefused() {
        UploadSlot slot = service.createUploadSlot("image/png", 100L);
        uploads.put(slot.uploadId(), 100, "image/jpeg");
        assertEquals("unsupported_type", assertThrows(InputError.class,
                () -> service.submit(request(r -> r.photos = List.of(slot.uploadId())), null, "fp")).code());
    }

    @Test
    void quarantinedPhoto_isRefused() {
        UploadSlot slot = service.createUploadSlot("image/jpeg", 53L);
        Upload u = uploads.byId.get(slot.uploadId());
        uploads.byId.put(u.id(), new Upload(u.id(), u.objectKey(), u.type(), u.contentLength(), u.createdAt(),
                u.urlExpiresAt(), PhotoStatus.QUARANTINED, null, "not-an-image"));
        assertEquals("upload_rejected", assertThrows(InputError.class,
                () -> service.submit(request(r -> r.photos = List.of(slot.uploadId())), null, "fp")).code());
    }

    @Test
    void uploadSlot_signsTypeAndLengthAndExpires() {
        UploadSlot slot = service.createUploadSlot("image/webp", 2048L);
        assertEquals("image/webp", slot.headers().get("Content-Type"));
        assertEquals("2048", slot.headers().get("Content-Length"));
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), slot.expiresAt());
        assertTrue(slot.url().toString().contains(Upload.objectKeyFor(slot.uploadId())));
    }

    @Test
    void uploadSlotForWrongTypeOrSize_isRefusedBeforeAnyRecord() {
        assertEquals("unsupported_type", assertThrows(InputError.class,
                () -> service.createUploadSlot("application/pdf", 10L)).code());
        assertEquals("too_large", assertThrows(InputError.class,
                () -> service.createUploadSlot("image/jpeg", UploadPolicy.MAX_BYTES + 1)).code());
        assertEquals("out_of_range", assertThrows(InputError.class,
                () -> service.createUploadSlot("image/jpeg", 0L)).code());
        assertTrue(uploads.byId.isEmpty());
    }

    @Test
    void track_showsHistoryWithoutReporter() {
        SubmitReceipt receipt = service.submit(request(r -> { }), null, "fp");
        PublicComplaintView view = service.track(receipt.trackingCode().toLowerCase());
        assertEquals(Status.RECEIVED, view.status());
        assertEquals("noise", view.category().code());
        assertEquals(1, view.history().size());
        assertFalse(view.toString().contains("Nguyễn"));
        assertFalse(view.toString().contains("0912 345 678") || view.toString().contains("0912345678"));
    }

    @Test
    void track_unknownOrMistypedCode() {
        assertEquals("invalid_format", assertThrows(InputError.class, () -> service.track("nope")).code());
        String unused = vn.pakn.domain.complaint.TrackingCode.generate();
        assertEquals(InputError.Kind.NOT_FOUND, assertThrows(InputError.class, () -> service.track(unused)).kind());
    }

    /** A mutable builder so each test states only what differs from a valid request. */
    static final class Draft {
        String category = "noise";
        String description = "Karaoke sau 23 giờ mỗi đêm";
        Double lat = 21.1861;
        Double lon = 106.0763;
        boolean locationGiven = true;
        String areaCode = "24-kinh-bac";
        List<String> photos = new ArrayList<>();
        String name = "Nguyễn Văn A";
        String phone = "0912 345 678";
        String email = "a@example.vn";
        Boolean hide = true;
        String channel = "mobile";
    }

    static SubmitRequest request(Consumer<Draft> change) {
        Draft d = new Draft();
        change.accept(d);
        return new SubmitRequest(d.category, d.description, d.lat, d.lon, d.locationGiven, d.areaCode, d.photos,
                d.name, d.phone, d.email, d.hide, d.channel);
    }
}
