package vn.pakn.aws.assignment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.outbox.AgencyQueueDirectory;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.PhotoKeys;

/**
 * The message an agency finds on its own queue when it gains a complaint; the contract is
 * docs/assignment-message.schema.json. It is the one place reporter contact leaves pakn, because
 * the agency may need to call the citizen. Photo links are presigned and short-lived: the agency
 * API hands out fresh ones.
 */
public final class AssignmentMessages {
    public static final Duration PHOTO_URL_TTL = Duration.ofHours(1);

    private final Supplier<S3Presigner> presigner;
    private final String photosBucket;
    private final Clock clock;

    public AssignmentMessages(S3Presigner presigner, String photosBucket, Clock clock) {
        this(() -> presigner, photosBucket, clock);
    }

    /** With the presigner asked for on first need (see {@code S3UploadStorage}'s lazy constructor). */
    public AssignmentMessages(Supplier<S3Presigner> presigner, String photosBucket, Clock clock) {
        this.presigner = presigner;
        this.photosBucket = photosBucket;
        this.clock = clock;
    }

    public OutboxMessage forAgency(String agencyId, Complaint c, ComplaintEvent event) {
        Handling h = c.handling();
        ObjectNode body = Json.object();
        body.put("type", "complaint.assigned");
        body.put("schemaVersion", 1);
        body.put("complaintId", c.id());
        body.put("eventSeq", event.seq());
        body.put("reason", event.type());
        body.put("trackingCode", c.trackingCode());
        body.put("agencyId", agencyId);
        body.put("status", c.status().name());
        body.put("category", c.categoryCode());
        body.put("areaCode", c.areaCode());
        if (c.location() != null) {
            body.putObject("location").put("lat", c.location().lat()).put("lon", c.location().lon());
        }
        body.put("description", c.description());
        body.put("channel", c.channel().wireName());
        body.put("receivedAt", c.receivedAt().toString());
        body.put("assignedAt", h.assignedAt().toString());
        body.put("acknowledgeBy", h.acknowledgeBy().toString());
        body.put("dueAt", h.resolveBy().toString());
        body.put("transfers", h.transfers());
        body.put("reopens", h.reopens());
        body.put("note", event.note());
        body.put("hideIdentityFromPublic", c.hideIdentity());
        Reporter r = c.reporter();
        if (r != null && !r.isEmpty()) {
            ObjectNode reporter = body.putObject("reporter");
            reporter.put("name", r.name());
            reporter.put("phone", r.phone());
            reporter.put("email", r.email());
        } else {
            body.putNull("reporter");
        }
        body.set("photos", photos(c));
        String destination = AgencyQueueDirectory.destination(agencyId);
        return new OutboxMessage(ComplaintKeys.complaintPk(c.id()),
                ComplaintKeys.outboxSk(event.seq(), destination), destination,
                c.id(), c.id() + "#" + event.seq(), Json.write(body), event.at());
    }

    /** Fresh links to the accepted photos' originals, for the message and for the agency API. */
    public ArrayNode photos(Complaint c) {
        ArrayNode photos = Json.array();
        Instant expiresAt = clock.instant().plus(PHOTO_URL_TTL);
        for (Photo p : c.photos()) {
            ObjectNode photo = photos.addObject();
            photo.put("uploadId", p.uploadId());
            photo.put("status", p.status().name());
            if (p.status() == PhotoStatus.ACCEPTED) {
                ImageType type = ImageType.fromContentType(p.contentType()).orElseThrow();
                var url = presigner.get().presignGetObject(g -> g.signatureDuration(PHOTO_URL_TTL)
                        .getObjectRequest(o -> o.bucket(photosBucket).key(PhotoKeys.original(p.uploadId(), type))));
                photo.put("url", url.url().toString());
                photo.put("expiresAt", expiresAt.toString());
            }
        }
        return photos;
    }
}
