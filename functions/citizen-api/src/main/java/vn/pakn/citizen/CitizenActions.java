package vn.pakn.citizen;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.ComplaintRepository;
import vn.pakn.domain.intake.PublicComplaintView;
import vn.pakn.domain.lifecycle.Action;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.ReferenceData;

/**
 * What a citizen may do to their own complaint once it is in the agency's hands: answer a
 * question, confirm the fix with a rating, or say it is not fixed. The citizen secret from the
 * submission receipt is the only proof of being the reporter. Plain Java: the HTTP side is
 * {@link CitizenActionRoutes}.
 */
public final class CitizenActions {
    /**
     * Compared against when the tracking code is unknown, so an unknown code costs the same hash
     * and comparison as a known one and ends in the same refusal.
     */
    private static final String NO_COMPLAINT_HASH = CitizenSecret.hash("no complaint has this tracking code");

    private final ComplaintRepository complaints;
    private final ComplaintStore store;
    private final ReferenceData reference;
    private final Lifecycle lifecycle;
    private final Clock clock;

    public CitizenActions(ComplaintRepository complaints, ComplaintStore store, ReferenceData reference, Clock clock) {
        this.complaints = complaints;
        this.store = store;
        this.reference = reference;
        this.lifecycle = new Lifecycle(reference);
        this.clock = clock;
    }

    /**
     * Applies a citizen's command to the complaint with this tracking code.
     *
     * @param command one of {@link Action#CITIZEN_ACTIONS}
     * @return the public view after the change
     * @throws InputError FORBIDDEN (secret missing, wrong, or no such complaint: one answer for all),
     *     CONFLICT (not allowed in the current state, naming what is; or changed concurrently),
     *     INVALID (the command's own fields)
     */
    public Outcome act(String trackingCode, String secret, Command command) {
        if (!Action.CITIZEN_ACTIONS.contains(command.action())) {
            throw new IllegalArgumentException(command.action() + " is not a citizen action");
        }
        if (secret == null || secret.isBlank()) {
            throw secretRequired();
        }
        ComplaintHistory history = TrackingCode.normalize(trackingCode)
                .flatMap(complaints::findByTrackingCode).orElse(null);
        String expectedHash = history == null ? NO_COMPLAINT_HASH : history.complaint().secretHash();
        if (!CitizenSecret.matches(secret, expectedHash) || history == null) {
            throw secretInvalid();
        }
        Complaint complaint = history.complaint();
        Transition transition = lifecycle.apply(complaint, command, Actor.citizen(complaint.channel()), clock.instant());
        try {
            store.append(transition);
        } catch (ComplaintStore.ConcurrentUpdateException e) {
            throw InputError.conflict("concurrent_update", null,
                    "Phản ánh vừa được cập nhật. Hãy tải lại rồi thử lại.",
                    "The complaint changed meanwhile. Reload it and try again.");
        }
        List<ComplaintEvent> events = new ArrayList<>(history.events());
        events.add(transition.event());
        return new Outcome(transition, view(new ComplaintHistory(transition.after(), events)));
    }

    /** The change made, for logging identifiers, and what the citizen sees now. */
    public record Outcome(Transition transition, PublicComplaintView view) {
    }

    private PublicComplaintView view(ComplaintHistory history) {
        Complaint c = history.complaint();
        var category = reference.category(c.categoryCode()).orElse(null);
        var area = c.areaCode() == null ? null : reference.areas().find(c.areaCode()).orElse(null);
        var agency = c.handling() == null ? null : reference.agency(c.handling().agencyId()).orElse(null);
        return PublicComplaintView.of(history, category, area, agency);
    }

    static InputError secretRequired() {
        return forbidden("citizen_secret_required",
                "Cần mã bí mật được cấp khi gửi phản ánh.", "The secret you were given at submission is required.");
    }

    static InputError secretInvalid() {
        return forbidden("citizen_secret_invalid",
                "Mã theo dõi hoặc mã bí mật không đúng.", "The tracking code or the secret is not right.");
    }

    private static InputError forbidden(String code, String vi, String en) {
        return new InputError(InputError.Kind.FORBIDDEN, code, CitizenActionRoutes.SECRET_HEADER,
                new LocalizedText(vi, en));
    }
}
