package vn.pakn.photo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.Upload;

class PhotoCheckTest {
    private static final String BUCKET = "uploads";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final InMemoryPhotoBuckets buckets = new InMemoryPhotoBuckets();
    private final InMemoryCheckLedger ledger = new InMemoryCheckLedger();
    private final PhotoCheck check = new PhotoCheck(buckets, ledger, new PhotoInspector(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> logLines = new ArrayList<>();
    private Consumer<String> previousSink;

    @BeforeEach
    void captureLogs() {
        previousSink = Log.redirect(logLines::add);
    }

    @AfterEach
    void restoreLogs() {
        Log.redirect(previousSink);
    }

    /** An issued slot and the object the client PUT for it. */
    private UploadedObject uploaded(String uploadId, ImageType declared, byte[] bytes) {
        ledger.addUpload(new Upload(uploadId, Upload.objectKeyFor(uploadId), declared, bytes.length, NOW,
                NOW.plus(Duration.ofMinutes(15)), PhotoStatus.PENDING, null, null));
        UploadedObject object = new UploadedObject(BUCKET, Upload.objectKeyFor(uploadId));
        buckets.upload(object, bytes);
        return object;
    }

    @Test
    void jpegWithLocation_originalPublicCopyAndThumbnailStoredAndAccepted() {
        byte[] bytes = TestImages.jpegWithLocation(TestImages.quadrants(640, 480), 0);
        UploadedObject object = uploaded("U1", ImageType.JPEG, bytes);

        assertEquals(List.of(), check.checkAll(List.of(object)));

        assertArrayEquals(bytes, buckets.photos.get("original/U1.jpg").bytes(), "original kept as uploaded");
        assertEquals("image/jpeg", buckets.photos.get("original/U1.jpg").contentType());
        byte[] publicCopy = buckets.photos.get("public/U1.jpg").bytes();
        assertFalse(TestImages.contains(publicCopy, TestImages.GPS_MARKER));
        assertEquals("image/jpeg", buckets.photos.get("public/U1.jpg").contentType());
        assertEquals(320, TestImages.decode(buckets.photos.get("thumb/U1.jpg").bytes()).getWidth());
        assertEquals("image/jpeg", buckets.photos.get("thumb/U1.jpg").contentType());
        assertEquals(new CheckOutcome(PhotoStatus.ACCEPTED, null, "original/U1.jpg", "public/U1.jpg", null,
                "thumb/U1.jpg", NOW), ledger.outcome("U1"));
        assertEquals(PhotoStatus.ACCEPTED, ledger.uploads.get("U1").upload().status());
    }

    @Test
    void pngSample_acceptedWithPngKeysAndContentType() {
        UploadedObject object = uploaded("U2", ImageType.PNG, TestImages.sample("pothole.png"));

        check.checkAll(List.of(object));

        assertEquals("image/png", buckets.photos.get("original/U2.png").contentType());
        assertEquals("image/png", buckets.photos.get("public/U2.png").contentType());
        assertNotNull(buckets.photos.get("thumb/U2.jpg"));
        assertEquals(PhotoStatus.ACCEPTED, ledger.outcome("U2").status());
    }

    @Test
    void webp_acceptedWithPublicCopyButNoThumbnail() {
        UploadedObject object = uploaded("U3", ImageType.WEBP, TestImages.webpWithLocation());

        check.checkAll(List.of(object));

        assertEquals("image/webp", buckets.photos.get("public/U3.webp").contentType());
        assertFalse(buckets.photos.containsKey("thumb/U3.jpg"));
        assertNull(ledger.outcome("U3").thumbnailKey());
        assertEquals("public/U3.webp", ledger.outcome("U3").publicKey());
    }

    @Test
    void heic_acceptedWithOriginalOnlyAndTheReasonRecorded() {
        UploadedObject object = uploaded("U4", ImageType.HEIC, TestImages.heic());

        check.checkAll(List.of(object));

        assertEquals(List.of("original/U4.heic"), List.copyOf(buckets.photos.keySet()));
        assertEquals("image/heic", buckets.photos.get("original/U4.heic").contentType());
        CheckOutcome outcome = ledger.outcome("U4");
        assertEquals(PhotoStatus.ACCEPTED, outcome.status());
        assertNull(outcome.publicKey());
        assertEquals("heic-public-copy-unsupported", outcome.noPublicCopyReason());
        assertNull(outcome.thumbnailKey());
    }

    @Test
    void notAnImage_movedToQuarantineAndRecorded() {
        byte[] text = TestImages.sample("not-an-image.jpg");
        UploadedObject object = uploaded("U5", ImageType.JPEG, text);

        check.checkAll(List.of(object));

        assertArrayEquals(text, buckets.photos.get("quarantine/U5").bytes());
        assertEquals("application/octet-stream", buckets.photos.get("quarantine/U5").contentType());
        assertFalse(buckets.hasUpload(object), "removed from the uploads bucket");
        assertEquals(List.of("quarantine/U5"), List.copyOf(buckets.photos.keySet()));
        assertEquals(CheckOutcome.quarantined(QuarantineReason.NOT_AN_IMAGE, NOW), ledger.outcome("U5"));
        assertEquals("not-an-image", ledger.uploads.get("U5").upload().reason());
    }

    @Test
    void everyRejection_quarantinedWithItsReason() {
        byte[] jpeg = TestImages.sample("pothole.jpg");
        Map<String, byte[]> cases = Map.of(
                "type-mismatch", TestImages.sample("pothole.png"),
                "corrupt-image", Arrays.copyOf(jpeg, jpeg.length / 2),
                "too-large", TestImages.concat(jpeg, new byte[10 * 1024 * 1024]));
        cases.forEach((reason, bytes) -> {
            UploadedObject object = uploaded(reason, ImageType.JPEG, bytes);
            check.checkAll(List.of(object));
            assertEquals(reason, ledger.outcome(reason).reason());
            assertTrue(buckets.photos.containsKey("quarantine/" + reason));
        });
        ledger.addUpload(new Upload("size", Upload.objectKeyFor("size"), ImageType.JPEG, jpeg.length + 5L, NOW, NOW,
                PhotoStatus.PENDING, null, null));
        buckets.upload(new UploadedObject(BUCKET, "incoming/size"), jpeg);
        check.checkAll(List.of(new UploadedObject(BUCKET, "incoming/size")));
        assertEquals("size-mismatch", ledger.outcome("size").reason());
    }

    @Test
    void uploadClaimedBySubmission_outcomeCopiedToTheComplaint() {
        UploadedObject object = uploaded("U6", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        ledger.claim("U6", "C1");

        check.checkAll(List.of(object));

        CheckOutcome onComplaint = ledger.complaintPhotos.get("C1").get("U6");
        assertEquals(PhotoStatus.ACCEPTED, onComplaint.status());
        assertEquals("public/U6.jpg", onComplaint.publicKey());
    }

    @Test
    void quarantinedUploadClaimed_complaintShowsQuarantineReason() {
        UploadedObject object = uploaded("U7", ImageType.JPEG, TestImages.sample("not-an-image.jpg"));
        ledger.claim("U7", "C2");

        check.checkAll(List.of(object));

        assertEquals(CheckOutcome.quarantined(QuarantineReason.NOT_AN_IMAGE, NOW), ledger.complaintPhotos.get("C2").get("U7"));
    }

    @Test
    void unclaimedUpload_noComplaintTouched() {
        UploadedObject object = uploaded("U8", ImageType.JPEG, TestImages.sample("pothole.jpg"));

        check.checkAll(List.of(object));

        assertTrue(ledger.writes.stream().noneMatch(w -> w.startsWith("complaint")));
    }

    @Test
    void unknownUploadId_quarantinedAndNothingRecorded() {
        UploadedObject object = new UploadedObject(BUCKET, "incoming/NO-SLOT");
        buckets.upload(object, TestImages.sample("pothole.jpg"));

        assertEquals(List.of(), check.checkAll(List.of(object)));

        assertTrue(buckets.photos.containsKey("quarantine/NO-SLOT"));
        assertFalse(buckets.hasUpload(object));
        assertTrue(ledger.writes.isEmpty());
        assertTrue(logLines.stream().anyMatch(l -> l.contains("photo.unknown-upload-quarantined") && l.contains("NO-SLOT")));
    }

    @Test
    void keyOutsideIncoming_ignoredWithALogLine() {
        UploadedObject object = new UploadedObject(BUCKET, "elsewhere/file.jpg");
        buckets.upload(object, TestImages.sample("pothole.jpg"));

        assertEquals(List.of(), check.checkAll(List.of(object)));

        assertTrue(buckets.writes.isEmpty());
        assertTrue(buckets.hasUpload(object));
        assertTrue(logLines.stream().anyMatch(l -> l.contains("photo.key-ignored")));
    }

    @Test
    void redeliveryAfterQuarantine_noFurtherSideEffects() {
        UploadedObject object = uploaded("U9", ImageType.JPEG, TestImages.sample("not-an-image.jpg"));
        ledger.claim("U9", "C3");
        check.checkAll(List.of(object));
        List<String> bucketWrites = List.copyOf(buckets.writes);
        List<String> ledgerWrites = List.copyOf(ledger.writes);
        CheckOutcome first = ledger.outcome("U9");

        assertEquals(List.of(), check.checkAll(List.of(object)));

        assertEquals(bucketWrites, buckets.writes);
        assertEquals(first, ledger.outcome("U9"));
        // The complaint entry is written again with the same values (a no-op), nothing else.
        assertEquals(ledgerWrites.size() + 1, ledger.writes.size());
        assertEquals("complaint C3 U9", ledger.writes.get(ledger.writes.size() - 1));
    }

    @Test
    void redeliveryAfterAcceptance_sameStateAndNoRewrites() {
        UploadedObject object = uploaded("U10", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        check.checkAll(List.of(object));
        List<String> bucketWrites = List.copyOf(buckets.writes);
        CheckOutcome first = ledger.outcome("U10");

        check.checkAll(List.of(object));

        assertEquals(bucketWrites, buckets.writes);
        assertEquals(first, ledger.outcome("U10"));
    }

    @Test
    void overwriteThroughStillValidUrlAfterAcceptance_checkedPhotoNotReplaced() {
        UploadedObject object = uploaded("U11", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        check.checkAll(List.of(object));
        byte[] publicCopy = buckets.photos.get("public/U11.jpg").bytes();

        buckets.upload(object, TestImages.jpegWithLocation(TestImages.quadrants(50, 50), 0));
        check.checkAll(List.of(object));

        assertArrayEquals(publicCopy, buckets.photos.get("public/U11.jpg").bytes());
    }

    @Test
    void complaintUpdateFailed_eventFailsAndRedeliveryCompletesIt() {
        UploadedObject object = uploaded("U12", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        ledger.claim("U12", "C4");
        ledger.complaintUpdatesToFail = 1;

        assertEquals(List.of("U12"), check.checkAll(List.of(object)));
        assertNull(ledger.complaintPhotos.get("C4").get("U12"));

        assertEquals(List.of(), check.checkAll(List.of(object)));
        assertEquals(PhotoStatus.ACCEPTED, ledger.complaintPhotos.get("C4").get("U12").status());
    }

    @Test
    void oneRecordFails_othersStillCheckedAndFailureLoggedWithUploadId() {
        UploadedObject failing = uploaded("U13", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        UploadedObject fine = uploaded("U14", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        buckets.failingReads.add(failing.key());

        List<String> failed = check.checkAll(List.of(failing, fine));

        assertEquals(List.of("U13"), failed);
        assertEquals(PhotoStatus.ACCEPTED, ledger.outcome("U14").status());
        assertNull(ledger.outcome("U13"));
        assertTrue(logLines.stream().anyMatch(l -> l.contains("photo.check-failed") && l.contains("\"uploadId\":\"U13\"")));
    }

    @Test
    void objectGoneBeforeAnyCheck_nothingRecorded() {
        UploadedObject object = uploaded("U15", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        buckets.uploads.clear();

        assertEquals(List.of(), check.checkAll(List.of(object)));

        assertNull(ledger.outcome("U15"));
        assertTrue(buckets.writes.isEmpty());
    }

    @Test
    void concurrentCheckRecordedFirst_itsOutcomeIsTheOneOnTheComplaint() {
        UploadedObject object = uploaded("U16", ImageType.JPEG, TestImages.sample("pothole.jpg"));
        ledger.claim("U16", "C5");
        CheckOutcome earlier = CheckOutcome.quarantined(QuarantineReason.CORRUPT_IMAGE, NOW.minusSeconds(1));
        CheckLedger racing = new CheckLedger() {
            @Override
            public Optional<CheckedUpload> record(String uploadId, CheckOutcome outcome) {
                ledger.record(uploadId, earlier);
                return ledger.record(uploadId, outcome);
            }

            @Override
            public Optional<CheckedUpload> find(String uploadId) {
                return ledger.find(uploadId);
            }

            @Override
            public boolean applyToComplaint(String complaintId, String uploadId, CheckOutcome outcome) {
                return ledger.applyToComplaint(complaintId, uploadId, outcome);
            }
        };

        new PhotoCheck(buckets, racing, new PhotoInspector(), Clock.fixed(NOW, ZoneOffset.UTC)).checkAll(List.of(object));

        assertEquals(earlier, ledger.outcome("U16"));
        assertEquals(earlier, ledger.complaintPhotos.get("C5").get("U16"));
    }
}
