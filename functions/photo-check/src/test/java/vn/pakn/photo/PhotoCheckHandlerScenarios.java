package vn.pakn.photo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.dynamo.DynamoComplaintRepository;
import vn.pakn.aws.dynamo.DynamoUploadRepository;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.intake.Upload;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/**
 * PhotoCheckFunction against real AWS-compatible services provisioned from template.yaml, invoked
 * with S3 notification JSON read the way the Lambda Java runtime reads it. Subclasses choose the
 * services: embedded here, LocalStack where Docker exists.
 */
abstract class PhotoCheckHandlerScenarios {
    private static LocalAwsServices services;
    private static PhotoCheckHandler handler;
    private static DynamoDbClient dynamo;
    private static S3Client s3;
    private static String table;
    private static String uploadsBucket;
    private static String photosBucket;
    private static DynamoUploadRepository uploads;
    private static DynamoComplaintRepository complaints;

    static void deploy(LocalAwsServices started) {
        services = started;
        LocalDeployment deployment = Provisioner.provision(SamTemplate.load(), services, progress -> { });
        handler = new PhotoCheckHandler(deployment.functionEnvironment(
                deployment.template().function("PhotoCheckFunction")));
        dynamo = services.dynamoDb();
        s3 = services.s3();
        table = deployment.tableName("ComplaintsTable");
        uploadsBucket = deployment.bucketName("UploadsBucket");
        photosBucket = deployment.bucketName("PhotosBucket");
        uploads = new DynamoUploadRepository(dynamo, table);
        complaints = new DynamoComplaintRepository(dynamo, table);
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (handler != null) {
            handler.close();
        }
        if (services != null) {
            services.close();
        }
    }

    /** What the citizen API and the client do: issue a slot, then PUT the bytes to its key. */
    private static Upload slotAndPut(ImageType declared, byte[] bytes) {
        Instant now = Instant.now();
        String id = Ids.newId(now);
        Upload upload = new Upload(id, Upload.objectKeyFor(id), declared, bytes.length, now,
                now.plus(Duration.ofMinutes(15)), PhotoStatus.PENDING, null, null);
        uploads.create(upload);
        s3.putObject(b -> b.bucket(uploadsBucket).key(upload.objectKey()).contentType(declared.contentType()),
                RequestBody.fromBytes(bytes));
        return upload;
    }

    /** What a submission does: one transaction writes the complaint and claims the upload. */
    private static String submitClaiming(Upload upload) {
        String[] complaintId = new String[1];
        assertInstanceOf(CreateOutcome.Created.class, trySubmitClaiming(upload, complaintId));
        return complaintId[0];
    }

    /** @param upload as the submission read it */
    private static CreateOutcome trySubmitClaiming(Upload upload, String[] complaintIdOut) {
        Instant now = Instant.now();
        String complaintId = Ids.newId(now);
        Complaint complaint = new Complaint(complaintId, "T" + complaintId.substring(16), Status.RECEIVED, 1, "roads",
                "24-kinh-bac", new GeoPoint(21.18, 106.07), "Ổ gà trước cổng trường",
                List.of(new Photo(upload.id(), upload.type().contentType(), upload.status(), null)),
                new Reporter(null, null, null), false, Channel.MOBILE, now, now, "secret-hash");
        ComplaintEvent first = new ComplaintEvent(complaintId, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.MOBILE), now, null);
        complaintIdOut[0] = complaintId;
        return complaints.create(new NewComplaint(complaint, first, List.of(upload), null));
    }

    private static S3Event eventFor(Upload upload, long size) {
        return S3EventFixtures.objectCreated(uploadsBucket, upload.objectKey(), size);
    }

    private static Map<String, AttributeValue> uploadItem(String uploadId) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(ComplaintKeys.uploadKey(uploadId))).item();
    }

    private static Map<String, AttributeValue> complaintItem(String complaintId) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(ComplaintKeys.stateKey(complaintId))).item();
    }

    private static byte[] photo(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(photosBucket).key(key)).asByteArray();
    }

    private static HeadObjectResponse headPhoto(String key) {
        return s3.headObject(b -> b.bucket(photosBucket).key(key));
    }

    private static boolean uploadExists(Upload upload) {
        try {
            s3.headObject(b -> b.bucket(uploadsBucket).key(upload.objectKey()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Every object key in the photos bucket with its ETag, to compare states. */
    private static Map<String, String> photosBucketListing() {
        Map<String, String> listing = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(photosBucket)).contents()) {
            listing.put(o.key(), o.eTag());
        }
        return listing;
    }

    @Test
    void claimedJpegWithLocation_checkedStrippedAndShownOnTheComplaint() {
        byte[] bytes = TestImages.jpegWithLocation(TestImages.quadrants(1024, 768), 0);
        Upload upload = slotAndPut(ImageType.JPEG, bytes);
        String complaintId = submitClaiming(upload);
        S3Event event = eventFor(upload, bytes.length);
        assertEquals(1, event.getRecords().size(), "the runtime's serializer reads capitalised Records");

        handler.handleRequest(event, null);

        String id = upload.id();
        assertArrayEquals(bytes, photo("original/" + id + ".jpg"));
        assertEquals("image/jpeg", headPhoto("original/" + id + ".jpg").contentType());
        byte[] publicCopy = photo("public/" + id + ".jpg");
        assertFalse(TestImages.contains(publicCopy, TestImages.GPS_MARKER));
        assertFalse(TestImages.contains(publicCopy, TestImages.XMP_MARKER));
        assertArrayEquals(TestImages.pixels(TestImages.decode(bytes)), TestImages.pixels(TestImages.decode(publicCopy)));
        assertEquals("image/jpeg", headPhoto("public/" + id + ".jpg").contentType());
        assertEquals(320, TestImages.decode(photo("thumb/" + id + ".jpg")).getWidth());
        assertEquals("image/jpeg", headPhoto("thumb/" + id + ".jpg").contentType());

        Map<String, AttributeValue> item = uploadItem(id);
        assertEquals("ACCEPTED", Attr.str(item, "status"));
        assertEquals("original/" + id + ".jpg", Attr.str(item, "originalKey"));
        assertEquals("public/" + id + ".jpg", Attr.str(item, "publicKey"));
        assertEquals("thumb/" + id + ".jpg", Attr.str(item, "thumbnailKey"));
        assertNotNull(Instant.parse(Attr.str(item, "checkedAt")));
        assertNull(item.get("reason"));
        assertEquals(complaintId, Attr.str(item, "complaintId"), "the claim is untouched");

        Complaint complaint = complaints.findById(complaintId).orElseThrow().complaint();
        assertEquals(PhotoStatus.ACCEPTED, complaint.photos().get(0).status());
        assertEquals(1, complaint.version(), "a photo check is not a lifecycle event");
        Map<String, AttributeValue> entry = Attr.map(complaintItem(complaintId), "photos").get(id).m();
        assertEquals("public/" + id + ".jpg", Attr.str(entry, "publicKey"));
        assertEquals("thumb/" + id + ".jpg", Attr.str(entry, "thumbnailKey"));
        assertEquals(0L, Attr.num(entry, "idx"));
    }

    @Test
    void textFileNamedJpg_quarantinedAndRemovedFromUploads() {
        byte[] text = TestImages.sample("not-an-image.jpg");
        Upload upload = slotAndPut(ImageType.JPEG, text);
        String complaintId = submitClaiming(upload);

        handler.handleRequest(eventFor(upload, text.length), null);

        assertArrayEquals(text, photo("quarantine/" + upload.id()));
        assertEquals("application/octet-stream", headPhoto("quarantine/" + upload.id()).contentType());
        assertFalse(uploadExists(upload));
        assertFalse(photosBucketListing().keySet().stream().anyMatch(k -> k.contains(upload.id()) && !k.startsWith("quarantine/")));
        Map<String, AttributeValue> item = uploadItem(upload.id());
        assertEquals("QUARANTINED", Attr.str(item, "status"));
        assertEquals("not-an-image", Attr.str(item, "reason"));
        assertNull(item.get("originalKey"));
        Photo photo = complaints.findById(complaintId).orElseThrow().complaint().photos().get(0);
        assertEquals(PhotoStatus.QUARANTINED, photo.status());
        assertEquals("not-an-image", photo.reason());
    }

    @Test
    void unclaimedPng_acceptedWithoutTouchingAnyComplaint() {
        byte[] png = TestImages.sample("pothole.png");
        Upload upload = slotAndPut(ImageType.PNG, png);

        handler.handleRequest(eventFor(upload, png.length), null);

        assertEquals("image/png", headPhoto("public/" + upload.id() + ".png").contentType());
        assertEquals(240, TestImages.decode(photo("thumb/" + upload.id() + ".jpg")).getHeight());
        assertEquals("ACCEPTED", Attr.str(uploadItem(upload.id()), "status"));
        assertNull(uploadItem(upload.id()).get("complaintId"));
    }

    @Test
    void sameEventTwice_sameStateEverywhere() {
        byte[] jpeg = TestImages.sample("pothole.jpg");
        Upload accepted = slotAndPut(ImageType.JPEG, jpeg);
        String acceptedComplaint = submitClaiming(accepted);
        byte[] text = TestImages.sample("not-an-image.jpg");
        Upload rejected = slotAndPut(ImageType.JPEG, text);
        String rejectedComplaint = submitClaiming(rejected);
        S3Event acceptedEvent = eventFor(accepted, jpeg.length);
        S3Event rejectedEvent = eventFor(rejected, text.length);
        handler.handleRequest(acceptedEvent, null);
        handler.handleRequest(rejectedEvent, null);
        List<Object> first = List.of(uploadItem(accepted.id()), uploadItem(rejected.id()),
                complaintItem(acceptedComplaint), complaintItem(rejectedComplaint), photosBucketListing(),
                uploadExists(accepted), uploadExists(rejected));

        handler.handleRequest(acceptedEvent, null);
        handler.handleRequest(rejectedEvent, null);

        List<Object> second = List.of(uploadItem(accepted.id()), uploadItem(rejected.id()),
                complaintItem(acceptedComplaint), complaintItem(rejectedComplaint), photosBucketListing(),
                uploadExists(accepted), uploadExists(rejected));
        assertEquals(first, second);
        assertEquals("ACCEPTED", Attr.str(uploadItem(accepted.id()), "status"));
        assertEquals("QUARANTINED", Attr.str(uploadItem(rejected.id()), "status"));
    }

    @Test
    void objectWithoutIssuedSlot_quarantinedAndNothingRecorded() {
        String id = Ids.newId(Instant.now());
        byte[] jpeg = TestImages.sample("pothole.jpg");
        s3.putObject(b -> b.bucket(uploadsBucket).key(Upload.objectKeyFor(id)), RequestBody.fromBytes(jpeg));

        handler.handleRequest(S3EventFixtures.objectCreated(uploadsBucket, Upload.objectKeyFor(id), jpeg.length), null);

        assertArrayEquals(jpeg, photo("quarantine/" + id));
        assertTrue(uploadItem(id).isEmpty(), "no upload item is invented");
    }

    @Test
    void oneRecordFails_theOtherIsStillCheckedAndTheInvocationFails() {
        byte[] jpeg = TestImages.sample("pothole.jpg");
        Upload good = slotAndPut(ImageType.JPEG, jpeg);
        Upload elsewhere = slotAndPut(ImageType.JPEG, jpeg);
        List<S3EventNotificationRecord> records = new ArrayList<>();
        records.addAll(S3EventFixtures.objectCreated("no-such-bucket", elsewhere.objectKey(), jpeg.length).getRecords());
        records.addAll(eventFor(good, jpeg.length).getRecords());

        assertThrows(PhotoCheckHandler.PhotoCheckFailedException.class,
                () -> handler.handleRequest(new S3Event(records), null));

        assertEquals("ACCEPTED", Attr.str(uploadItem(good.id()), "status"));
        assertEquals("PENDING", Attr.str(uploadItem(elsewhere.id()), "status"));
    }

    @Test
    void checkedBeforeSubmission_submissionThatReadPendingIsRefused() {
        byte[] jpeg = TestImages.sample("pothole.jpg");
        Upload readBySubmission = slotAndPut(ImageType.JPEG, jpeg);

        handler.handleRequest(eventFor(readBySubmission, jpeg.length), null);
        CreateOutcome outcome = trySubmitClaiming(readBySubmission, new String[1]);

        // The submission must read the upload again and show the checked status: no stale PENDING on a complaint.
        assertEquals(new CreateOutcome.UploadChanged(readBySubmission.id()), outcome);
        assertNull(uploadItem(readBySubmission.id()).get("complaintId"));
    }

    @Test
    void ledger_firstRecordedOutcomeStands() {
        Upload upload = slotAndPut(ImageType.JPEG, TestImages.sample("pothole.jpg"));
        DynamoCheckLedger ledger = new DynamoCheckLedger(dynamo, table);
        CheckOutcome first = CheckOutcome.quarantined(QuarantineReason.CORRUPT_IMAGE, Instant.parse("2026-11-22T10:00:00Z"));
        CheckOutcome second = new CheckOutcome(PhotoStatus.ACCEPTED, null, "original/x.jpg", "public/x.jpg", null,
                "thumb/x.jpg", Instant.parse("2026-11-22T10:00:01Z"));

        assertEquals(first, ledger.record(upload.id(), first).orElseThrow().outcome());
        assertEquals(first, ledger.record(upload.id(), second).orElseThrow().outcome());
        assertEquals(first, ledger.find(upload.id()).orElseThrow().outcome());
        assertTrue(ledger.record(Ids.newId(Instant.now()), first).isEmpty(), "no item is created for an unknown upload");
    }
}
