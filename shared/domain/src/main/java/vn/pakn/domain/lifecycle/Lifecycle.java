package vn.pakn.domain.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.sla.WorkingCalendar;

/** Applies commands to complaints by the rules of {@link Action}; pure, so every rule is unit-tested. */
public final class Lifecycle {
    public static final int MAX_TEXT = 4000;

    private final ReferenceData reference;

    public Lifecycle(ReferenceData reference) {
        this.reference = reference;
    }

    public Transition apply(Complaint c, Command command, Actor actor, Instant now) {
        Action action = command.action();
        if (!action.allowedFrom(c.status())) {
            throw notAllowed(c.status(), action, actor);
        }
        Handling h = c.handling();
        if (command instanceof Command.Route r) {
            Agency agency = enabledAgency(r.agencyId(), "agencyId");
            Handling assigned = Handling.assigned(agency.id(), now, ackBy(c, now), resolveBy(c, now));
            return transition(c, action, Status.ASSIGNED, assigned, actor, now, r.note(), null, agency.id());
        }
        if (command instanceof Command.Acknowledge a) {
            return transition(c, action, Status.ACKNOWLEDGED, h.acknowledged(now), actor, now, a.note(), null, null);
        }
        if (command instanceof Command.Start s) {
            return transition(c, action, Status.IN_PROGRESS, h, actor, now, s.note(), null, null);
        }
        if (command instanceof Command.RequestInfo q) {
            String question = requiredText(q.question(), "question");
            return transition(c, action, Status.NEEDS_INFO, h.paused(now, c.status()), actor, now, question, null, null);
        }
        if (command instanceof Command.ProvideInfo p) {
            String answer = requiredText(p.answer(), "answer");
            Instant resolveBy = calendar().extendForPause(h.resolveBy(), h.pausedAt(), now);
            return transition(c, action, h.resumeTo(), h.resumed(resolveBy), actor, now, null, answer, null);
        }
        if (command instanceof Command.Resolve r) {
            String response = requiredText(r.response(), "response");
            return transition(c, action, Status.RESOLVED, h.resolved(now, response), actor, now, response, null, null);
        }
        if (command instanceof Command.Reject r) {
            if (r.reason() == null) {
                throw InputError.invalid("required", "reason",
                        "Hãy chọn lý do: duplicate-of, invalid hoặc not-actionable.",
                        "Choose a reason: duplicate-of, invalid or not-actionable.");
            }
            if (r.reason() == RejectReason.DUPLICATE_OF && (r.duplicateOf() == null || r.duplicateOf().isBlank())) {
                throw InputError.required("duplicateOf");
            }
            String note = optionalText(r.note(), "note");
            return transition(c, action, Status.REJECTED,
                    h.rejected(now, r.reason().wireName(), r.duplicateOf()), actor, now,
                    note == null ? r.reason().wireName() : note, null, null);
        }
        if (command instanceof Command.Transfer t) {
            String reason = requiredText(t.reason(), "reason");
            Agency to = enabledAgency(t.toAgencyId(), "toAgencyId");
            if (to.id().equals(h.agencyId())) {
                throw InputError.invalid("same_agency", "toAgencyId",
                        "Phản ánh đã thuộc cơ quan này.", "The complaint is already with this agency.");
            }
            Handling moved = h.reassigned(to.id(), now, ackBy(c, now), resolveBy(c, now), 1, 0);
            return transition(c, action, Status.ASSIGNED, moved, actor, now, reason, null, to.id());
        }
        if (command instanceof Command.Escalate e) {
            Agency current = reference.agency(h.agencyId()).orElse(null);
            String parentId = current == null ? null : current.parentId();
            if (parentId == null) {
                throw InputError.conflict("no_parent_agency", null,
                        "Cơ quan này không có cấp trên để chuyển lên.", "This agency has no parent to escalate to.");
            }
            Agency parent = enabledAgency(parentId, "parent");
            Handling moved = h.reassigned(parent.id(), now, ackBy(c, now), resolveBy(c, now), 0, 1);
            return transition(c, action, Status.ASSIGNED, moved, actor, now,
                    e.reason() == null || e.reason().isBlank() ? "escalated" : e.reason(), null, parent.id());
        }
        if (command instanceof Command.Confirm k) {
            if (k.rating() < 1 || k.rating() > 5) {
                throw InputError.invalid("out_of_range", "rating",
                        "Đánh giá từ 1 đến 5 sao.", "The rating must be from 1 to 5.");
            }
            String comment = optionalText(k.comment(), "comment");
            return transition(c, action, Status.CLOSED, h.closed(now, k.rating()), actor, now, null, comment, null);
        }
        if (command instanceof Command.Reopen r) {
            String note = requiredText(r.note(), "note");
            Handling reopened = h.reopened(now, ackBy(c, now), resolveBy(c, now));
            return transition(c, action, Status.REOPENED, reopened, actor, now, null, note, h.agencyId());
        }
        if (command instanceof Command.AutoClose a) {
            return transition(c, action, Status.CLOSED, h.closed(now, null), actor, now, "closed without the citizen's answer", null, null);
        }
        if (command instanceof Command.MarkOverdue m) {
            if (h.currentDeadlineReported()) {
                throw InputError.conflict("already_overdue", null, "Đã đánh dấu quá hạn.", "Already marked overdue.");
            }
            return transition(c, action, c.status(), h.markedOverdue(), actor, now, m.which(), null, null);
        }
        if (command instanceof Command.PublishPhotos p) {
            return publishPhotos(c, p, actor, now);
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    /**
     * Marks photos publishable or not. The public note says only which way; the upload ids go in
     * the private note, so withdrawn photos are not pointed at in public.
     */
    private Transition publishPhotos(Complaint c, Command.PublishPhotos p, Actor actor, Instant now) {
        if (p.publishable() == null) {
            throw InputError.required("publishable");
        }
        if (p.uploadIds() == null || p.uploadIds().isEmpty()) {
            throw InputError.required("uploadIds");
        }
        boolean publishable = p.publishable();
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < p.uploadIds().size(); i++) {
            String uploadId = p.uploadIds().get(i);
            String field = "uploadIds[" + i + "]";
            Photo photo = c.photos().stream().filter(x -> x.uploadId().equals(uploadId)).findFirst()
                    .orElseThrow(() -> InputError.invalid("unknown_upload", field,
                            "Phản ánh này không có ảnh với mã này.", "This complaint has no photo with this upload id."));
            if (photo.status() == PhotoStatus.QUARANTINED) {
                throw InputError.invalid("upload_rejected", field,
                        "Tệp này không phải ảnh hợp lệ và không bao giờ được hiển thị.",
                        "This file is not a valid photo and is never shown.");
            }
            if (publishable && photo.status() == PhotoStatus.PENDING) {
                throw InputError.invalid("upload_not_checked", field,
                        "Ảnh chưa được kiểm tra xong. Hãy thử lại sau ít phút.",
                        "The photo has not been checked yet. Try again in a few minutes.");
            }
            if (publishable && !photo.hasPublicCopy()) {
                throw InputError.invalid("no_public_copy", field,
                        "Ảnh này (ví dụ HEIC) không có bản sao đã xoá vị trí nên không thể công khai.",
                        "This photo (e.g. HEIC) has no copy without its location, so it cannot be published.");
            }
            chosen.add(uploadId);
        }
        List<String> changed = new ArrayList<>();
        List<Photo> photos = new ArrayList<>();
        for (Photo photo : c.photos()) {
            if (chosen.contains(photo.uploadId()) && photo.publishable() != publishable) {
                changed.add(photo.uploadId());
                photos.add(photo.withPublishable(publishable));
            } else {
                photos.add(photo);
            }
        }
        if (changed.isEmpty()) {
            throw InputError.conflict("no_change", "publishable",
                    "Các ảnh này đã ở trạng thái đó.", "These photos are already in that state.");
        }
        String note = publishable ? "published" : "withdrawn";
        Complaint after = c.withPhotos(photos).next(c.status(), c.handling(), now);
        ComplaintEvent event = new ComplaintEvent(c.id(), after.version(), Action.PUBLISH_PHOTOS.eventType(),
                c.status(), c.status(), actor, now, note, note + ": " + String.join(", ", changed),
                c.handling().agencyId());
        // The transition starts from the complaint as read: stores compare the two to write only what changed.
        return new Transition(c, after, event, null);
    }

    private Transition transition(Complaint c, Action action, Status to, Handling handling, Actor actor, Instant now,
                                  String note, String privateNote, String notifyAgencyId) {
        Complaint after = c.next(to, handling, now);
        ComplaintEvent event = new ComplaintEvent(c.id(), after.version(), action.eventType(), c.status(), to, actor,
                now, note, privateNote, handling.agencyId(), handling.resolveBy());
        return new Transition(c, after, event, notifyAgencyId);
    }

    private Instant ackBy(Complaint c, Instant now) {
        return calendar().acknowledgeBy(now, category(c).ackHours());
    }

    private Instant resolveBy(Complaint c, Instant now) {
        return calendar().resolveBy(now, category(c).resolveDays());
    }

    private Category category(Complaint c) {
        return reference.category(c.categoryCode())
                .orElseThrow(() -> new IllegalStateException("Category " + c.categoryCode() + " no longer exists"));
    }

    private WorkingCalendar calendar() {
        return new WorkingCalendar(reference.holidays());
    }

    private Agency enabledAgency(String id, String field) {
        if (id == null || id.isBlank()) {
            throw InputError.required(field);
        }
        return reference.agency(id).filter(Agency::enabled).orElseThrow(() -> InputError.invalid("unknown_agency", field,
                "Không có cơ quan đang hoạt động với mã này.", "No active agency has this id."));
    }

    private static String requiredText(String text, String field) {
        String value = optionalText(text, field);
        if (value == null) {
            throw InputError.required(field);
        }
        return value;
    }

    private static String optionalText(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        if (value.codePointCount(0, value.length()) > MAX_TEXT) {
            throw InputError.tooLong(field, MAX_TEXT);
        }
        return value;
    }

    static InputError notAllowed(Status status, Action action, Actor actor) {
        Set<Action> among = switch (actor.kind()) {
            case AGENCY -> Action.AGENCY_ACTIONS;
            case CITIZEN -> Action.CITIZEN_ACTIONS;
            case SYSTEM -> Set.of(action);
        };
        String allowed = Action.allowed(status, among).stream().map(Action::wireName).sorted()
                .collect(Collectors.joining(", "));
        String list = allowed.isEmpty() ? "none" : allowed;
        return new InputError(InputError.Kind.CONFLICT, "action_not_allowed", "action", new LocalizedText(
                "Không thể '" + action.wireName() + "' khi phản ánh ở trạng thái " + status
                        + ". Có thể: " + (allowed.isEmpty() ? "không có" : allowed) + ".",
                "Cannot '" + action.wireName() + "' a complaint that is " + status + ". Allowed: " + list + "."));
    }
}
