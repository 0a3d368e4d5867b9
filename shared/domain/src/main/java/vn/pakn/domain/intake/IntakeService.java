package vn.pakn.domain.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/** The citizen's side of intake: upload slots, submission and tracking. */
public final class IntakeService {
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:\\-]{8,128}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final int MAX_ATTEMPTS = 5;
    /**
     * Longer than a submitting function may run (the citizen API's and Open311's timeout in the
     * template is 20 s; keep this above it): a reservation older than this has a first attempt
     * that finished or was stopped.
     */
    static final Duration FIRST_ATTEMPT_BOUND = Duration.ofMinutes(1);

    private final ReferenceData reference;
    private final SubmissionValidator validator;
    private final ComplaintRepository complaints;
    private final UploadRepository uploads;
    private final UploadStorage storage;
    private final Clock clock;
    private final Duration uploadUrlTtl;
    private volatile IdempotencyKeys idempotencyKeys;
    private Duration firstAttemptWait = Duration.ofSeconds(2);

    public IntakeService(ReferenceData reference, ComplaintRepository complaints, UploadRepository uploads,
                         UploadStorage storage, Clock clock, Duration uploadUrlTtl) {
        this.reference = reference;
        this.validator = new SubmissionValidator(reference);
        this.complaints = complaints;
        this.uploads = uploads;
        this.storage = storage;
        this.clock = clock;
        this.uploadUrlTtl = uploadUrlTtl;
    }

    public UploadSlot createUploadSlot(String contentType, Long contentLength) {
        ImageType type = UploadPolicy.check(contentType, contentLength);
        Instant now = clock.instant();
        String id = Ids.newId(now);
        String key = Upload.objectKeyFor(id);
        Instant expiresAt = now.plus(uploadUrlTtl);
        // Record first: an object that lands without a record would be unclaimable litter.
        uploads.create(new Upload(id, key, type, contentLength, now, expiresAt, PhotoStatus.PENDING, null, null));
        var url = storage.presignPut(key, type.contentType(), contentLength, uploadUrlTtl);
        return new UploadSlot(id, url,
                Map.of("Content-Type", type.contentType(), "Content-Length", Long.toString(contentLength)),
                expiresAt, UploadPolicy.MAX_BYTES);
    }

    /**
     * Accepts a complaint. With an idempotency key, a retry of the same body gets the first
     * answer again (within {@link IdempotencyRecord#REPLAY_WINDOW}) and a different body under the
     * same key is refused.
     *
     * <p>The key is not looked up first: its tracking code and citizen secret are derived from it
     * ({@link IdempotencyKeys}), so reserving the code is what finds a retry, and a read before
     * every submission would cost each of them a round trip for the sake of the rare retry. A
     * retry can also be refused before that, because its first attempt took its photos (or the
     * reference data changed since): a refusal under a key looks the key up too.
     *
     * @param fingerprint a hash of the request body as sent, compared across retries
     */
    public SubmitReceipt submit(SubmitRequest request, String idempotencyKey, String fingerprint) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw InputError.invalid("invalid_format", IDEMPOTENCY_HEADER,
                    "Idempotency-Key phải dài 8-128 ký tự gồm chữ, số và - _ . :",
                    "Idempotency-Key must be 8-128 letters, digits or - _ . :");
        }
        IdempotencyKeys keys = idempotencyKey == null ? null : idempotencyKeys();
        SubmissionValidator.Valid valid;
        try {
            valid = validator.validate(request);
        } catch (InputError refused) {
            return replayOrThrow(refused, keys, idempotencyKey, fingerprint);
        }
        Instant now = clock.instant();
        String id = Ids.newId(now);
        String secret = keys == null ? CitizenSecret.generate() : keys.citizenSecret(idempotencyKey, id);
        IdempotencyRecord reserved = null;
        int codeAttempt = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Upload> claimed;
            try {
                claimed = checkUploads(valid.uploadIds());
            } catch (InputError refused) {
                if (reserved != null) {
                    complaints.release(reserved);
                }
                return replayOrThrow(refused, keys, idempotencyKey, fingerprint);
            }
            String trackingCode = keys == null ? TrackingCode.generate() : keys.trackingCode(idempotencyKey, codeAttempt);
            IdempotencyRecord idempotency = keys == null ? null
                    : new IdempotencyRecord(keys.keyHash(idempotencyKey), fingerprint, id, trackingCode, now);
            CreateOutcome outcome = complaints.create(newComplaint(valid, id, trackingCode, now, secret, claimed, idempotency));
            if (outcome instanceof CreateOutcome.Created) {
                return new SubmitReceipt(id, trackingCode, Status.RECEIVED, now, secret);
            }
            if (outcome instanceof CreateOutcome.IdempotencyKeyTaken taken) {
                if (taken.earlier().replayableAt(now)) {
                    return resume(taken.earlier(), valid, keys, idempotencyKey, fingerprint);
                }
                codeAttempt++;
            } else if (outcome instanceof CreateOutcome.TrackingCodeTaken) {
                codeAttempt++;
            } else if (idempotency != null) {
                // UploadChanged or Contended: the code stays reserved for this complaint; re-read the uploads.
                reserved = idempotency;
            }
        }
        throw new IllegalStateException("Could not store the complaint after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * A retry of a submission that reserved its tracking code: the first answer if the complaint
     * was written in full, else the first attempt's writing finished. Not while the first attempt
     * may still be writing: it writes the complaint without conditions, which after a finish would
     * overwrite what the router had made of it since.
     */
    private SubmitReceipt resume(IdempotencyRecord earlier, SubmissionValidator.Valid valid, IdempotencyKeys keys,
                                 String idempotencyKey, String fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw keyReused();
        }
        String secret = keys.citizenSecret(idempotencyKey, earlier.complaintId());
        SubmitReceipt receipt = new SubmitReceipt(earlier.complaintId(), earlier.trackingCode(), Status.RECEIVED,
                earlier.receivedAt(), secret);
        if (isWrittenSoon(earlier.complaintId())) {
            return receipt;
        }
        if (clock.instant().isBefore(earlier.receivedAt().plus(FIRST_ATTEMPT_BOUND))) {
            throw InputError.conflict("submission_in_progress", IDEMPOTENCY_HEADER,
                    "Phản ánh này đang được tiếp nhận. Hãy gửi lại sau ít giây.",
                    "This submission is still being received. Send it again in a few seconds.");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Upload> claimed;
            try {
                claimed = checkUploads(valid.uploadIds());
            } catch (InputError refused) {
                complaints.release(earlier);
                throw refused;
            }
            CreateOutcome outcome = complaints.completeReserved(newComplaint(valid, earlier.complaintId(),
                    earlier.trackingCode(), earlier.receivedAt(), secret, claimed, earlier));
            if (outcome instanceof CreateOutcome.Created) {
                return receipt;
            }
        }
        throw new IllegalStateException("Could not finish the complaint after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Whether the complaint is written, or is within {@link #firstAttemptWait}: a retry sent at the
     * same time as its first attempt (a double tap, a client that gave up early) finds the first
     * attempt writing, which takes milliseconds, and gets its answer instead of being told to wait.
     */
    private boolean isWrittenSoon(String complaintId) {
        long deadline = System.nanoTime() + firstAttemptWait.toNanos();
        while (!complaints.isWritten(complaintId)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** How long a retry waits for its first attempt's writing before it is told to send again later. */
    IntakeService waitingForFirstAttempts(Duration wait) {
        this.firstAttemptWait = wait;
        return this;
    }

    private IdempotencyKeys idempotencyKeys() {
        IdempotencyKeys keys = idempotencyKeys;
        if (keys == null) {
            // A race builds it twice from the same secret: harmless.
            keys = new IdempotencyKeys(complaints.idempotencySecret());
            idempotencyKeys = keys;
        }
        return keys;
    }

    private static NewComplaint newComplaint(SubmissionValidator.Valid valid, String id, String trackingCode,
                                             Instant receivedAt, String secret, List<Upload> claimed,
                                             IdempotencyRecord idempotency) {
        Complaint complaint = new Complaint(id, trackingCode, Status.RECEIVED, 1, valid.category().code(),
                valid.areaCode(), valid.location(), valid.description(),
                claimed.stream().map(u -> new Photo(u.id(), u.type().contentType(), u.status(), u.reason())).toList(),
                valid.reporter(), valid.hideIdentity(), valid.channel(), receivedAt, receivedAt,
                CitizenSecret.hash(secret));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(valid.channel()), receivedAt, null, forAgency(valid), null);
        return new NewComplaint(complaint, first, claimed, idempotency);
    }

    public PublicComplaintView track(String trackingCode) {
        String code = TrackingCode.normalize(trackingCode).orElseThrow(() -> InputError.invalid(
                "invalid_format", "trackingCode",
                "Mã theo dõi không đúng. Hãy kiểm tra lại từng ký tự.",
                "This is not a valid tracking code. Check each character."));
        ComplaintHistory history = complaints.findByTrackingCode(code).orElseThrow(() -> InputError.notFound(
                "not_found", "trackingCode",
                "Không tìm thấy phản ánh với mã này.", "No complaint has this tracking code."));
        var complaint = history.complaint();
        Category category = reference.category(complaint.categoryCode()).orElse(null);
        var area = complaint.areaCode() == null ? null : reference.areas().find(complaint.areaCode()).orElse(null);
        var agency = complaint.handling() == null ? null : reference.agency(complaint.handling().agencyId()).orElse(null);
        return PublicComplaintView.of(history, category, area, agency);
    }

    /**
     * The first event's private note: the channel's own note and the client-hosted media links,
     * which have no place in the public history (a link may show a face or a number plate).
     */
    private static String forAgency(SubmissionValidator.Valid valid) {
        List<String> lines = new ArrayList<>();
        if (valid.privateNote() != null) {
            lines.add(valid.privateNote());
        }
        for (String link : valid.mediaLinks()) {
            lines.add("media: " + link);
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** The first answer when {@code refused} is a retry's (its key is on record), else the refusal. */
    private SubmitReceipt replayOrThrow(InputError refused, IdempotencyKeys keys, String idempotencyKey,
                                        String fingerprint) {
        if (keys == null) {
            throw refused;
        }
        String keyHash = keys.keyHash(idempotencyKey);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var reservation = complaints.findReservation(keys.trackingCode(idempotencyKey, attempt));
            if (reservation.isEmpty()) {
                break;
            }
            IdempotencyRecord earlier = reservation.get();
            if (keyHash.equals(earlier.keyHash()) && earlier.replayableAt(clock.instant())
                    && complaints.isWritten(earlier.complaintId())) {
                if (!earlier.fingerprint().equals(fingerprint)) {
                    throw keyReused();
                }
                return new SubmitReceipt(earlier.complaintId(), earlier.trackingCode(), Status.RECEIVED,
                        earlier.receivedAt(), keys.citizenSecret(idempotencyKey, earlier.complaintId()));
            }
        }
        throw refused;
    }

    private static InputError keyReused() {
        return new InputError(InputError.Kind.UNPROCESSABLE, "idempotency_key_reused", IDEMPOTENCY_HEADER,
                new vn.pakn.domain.error.LocalizedText(
                        "Idempotency-Key này đã được dùng cho một phản ánh khác.",
                        "This Idempotency-Key was already used for a different request."));
    }

    private List<Upload> checkUploads(List<String> uploadIds) {
        List<Upload> claimed = new ArrayList<>();
        for (int i = 0; i < uploadIds.size(); i++) {
            String field = "photos[" + i + "]";
            InputError unknown = InputError.invalid("unknown_upload", field,
                    "Không tìm thấy ảnh tải lên này. Hãy tải ảnh lên lại.",
                    "Unknown upload. Upload the photo again.");
            String id = uploadIds.get(i);
            // Ids are ours (ULIDs); anything else cannot exist and need not cost a read.
            if (!UPLOAD_ID.matcher(id).matches()) {
                throw unknown;
            }
            Upload upload = uploads.find(id).orElseThrow(() -> unknown);
            if (upload.complaintId() != null) {
                throw InputError.conflict("upload_in_use", field,
                        "Ảnh này đã thuộc một phản ánh khác.", "This photo already belongs to another complaint.");
            }
            if (upload.status() == PhotoStatus.QUARANTINED) {
                throw InputError.invalid("upload_rejected", field,
                        "Tệp này không phải ảnh hợp lệ.", "This file is not a valid photo.");
            }
            if (upload.status() == PhotoStatus.PENDING) {
                StoredObject object = storage.head(upload.objectKey()).orElseThrow(() -> InputError.invalid(
                        "upload_missing", field,
                        "Ảnh chưa được tải lên xong. Hãy tải ảnh lên rồi gửi lại.",
                        "The photo has not been uploaded yet. Upload it, then send again."));
                if (object.size() > UploadPolicy.MAX_BYTES || object.size() != upload.contentLength()) {
                    throw InputError.invalid("too_large", field,
                            "Kích thước ảnh không khớp với khai báo hoặc vượt quá 10 MiB.",
                            "The photo's size differs from the one declared or exceeds 10 MiB.");
                }
                if (ImageType.fromContentType(object.contentType()).orElse(null) != upload.type()) {
                    throw InputError.invalid("unsupported_type", field,
                            "Loại tệp không khớp với khai báo.", "The file type differs from the one declared.");
                }
            }
            claimed.add(upload);
        }
        return claimed;
    }
}
