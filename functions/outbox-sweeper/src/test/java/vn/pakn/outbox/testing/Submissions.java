package vn.pakn.outbox.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoUploadRepository;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.IdempotencyRecord;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.intake.Upload;

/**
 * Stores complaints exactly as the citizen API does: one transaction with the complaint (pending
 * its intake message), its first event, tracking code reserved under an idempotency key, and a claimed photo upload.
 */
public final class Submissions {
    /** The reporter's phone: must never appear on a queue. */
    public static final String REPORTER_PHONE = "0912345678";

    private final DynamoDbClient dynamo;
    private final String table;

    public Submissions(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Submits a complaint received now; returns its id. */
    public String submit() {
        return submitAt(Instant.now());
    }

    /** Submits a complaint as if received at {@code receivedAt}; returns its id. */
    public String submitAt(Instant receivedAt) {
        String id = Ids.newId(receivedAt);
        String uploadId = Ids.newId(receivedAt.minusSeconds(40));
        Upload upload = new Upload(uploadId, Upload.objectKeyFor(uploadId), ImageType.JPEG, 482_113L,
                receivedAt.minusSeconds(40), receivedAt.plus(Duration.ofMinutes(15)), PhotoStatus.PENDING, null, null);
        new DynamoUploadRepository(dynamo, table).create(upload);

        String secret = CitizenSecret.generate();
        String trackingCode = TrackingCode.generate();
        Complaint complaint = new Complaint(id, trackingCode, Status.RECEIVED, 1, "roads", "24-kinh-bac",
                new GeoPoint(21.1861, 106.0763),
                "Ổ gà lớn trước số 12 đường Nguyễn Trãi, xe máy dễ ngã khi trời mưa.",
                List.of(new Photo(upload.id(), ImageType.JPEG.contentType(), PhotoStatus.PENDING, null)),
                new Reporter("Nguyễn Thị Lan", REPORTER_PHONE, "lan.nguyen@example.vn"), true, Channel.MOBILE,
                receivedAt, receivedAt, CitizenSecret.hash(secret));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.MOBILE), receivedAt, null);
        IdempotencyRecord idempotency = new IdempotencyRecord(sha256("idem-" + id), sha256(id), id, trackingCode,
                receivedAt);

        CreateOutcome outcome = new DynamoComplaintRepository(dynamo, table)
                .create(new NewComplaint(complaint, first, List.of(upload), idempotency));
        if (!(outcome instanceof CreateOutcome.Created)) {
            throw new IllegalStateException("complaint not stored: " + outcome);
        }
        return id;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
