package vn.pakn.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.Action;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * What the clock does to complaints: marks those past a deadline OVERDUE (once), escalates them
 * to the parent agency when their category says so, and closes resolved complaints the citizen
 * never answered. Every decision is taken from the complaint as stored, not from the index, so
 * running twice, or two runs at once, changes nothing more than one run: a lost race re-reads
 * the complaint and decides again.
 */
public final class DeadlineWatch {
    static final Actor WATCH = Actor.system("deadline-watch");
    /** Each successful write moves the complaint on, so only lost races spend attempts. */
    private static final int MAX_RACES = 5;

    private final DeadlineIndex index;
    private final ComplaintStore store;
    private final ReferenceData reference;
    private final Lifecycle lifecycle;
    private final Duration autoCloseAfter;

    public DeadlineWatch(DeadlineIndex index, ComplaintStore store, ReferenceData reference, Duration autoCloseAfter) {
        if (autoCloseAfter.isNegative()) {
            throw new IllegalArgumentException("autoCloseAfter must not be negative");
        }
        this.index = index;
        this.store = store;
        this.reference = reference;
        this.lifecycle = new Lifecycle(reference);
        this.autoCloseAfter = autoCloseAfter;
    }

    /** What one run did; {@code failed} complaints stay in the index and are tried again next run. */
    public static final class Summary {
        int checked;
        int markedOverdue;
        int escalated;
        int autoClosed;
        int notEscalated;
        int failed;

        public int checked() { return checked; }
        public int markedOverdue() { return markedOverdue; }
        public int escalated() { return escalated; }
        public int autoClosed() { return autoClosed; }
        /** Flagged for escalation but impossible (no parent, parent disabled): logged for an administrator. */
        public int notEscalated() { return notEscalated; }
        public int failed() { return failed; }

        @Override
        public String toString() {
            return "checked " + checked + ", marked " + markedOverdue + " overdue, escalated " + escalated
                    + ", auto-closed " + autoClosed + ", could not escalate " + notEscalated + ", failed " + failed;
        }
    }

    public Summary run(Instant now) {
        Summary summary = new Summary();
        index.forEachDueBefore(now, id -> settleSafely(id, now, summary));
        index.forEachResolvedBefore(now.minus(autoCloseAfter), id -> settleSafely(id, now, summary));
        return summary;
    }

    private void settleSafely(String complaintId, Instant now, Summary summary) {
        summary.checked++;
        try {
            settle(complaintId, now, summary);
        } catch (RuntimeException e) {
            // One bad complaint must not hold back the others; it stays in the index for the next run.
            summary.failed++;
            Log.error("deadline.failed", e, "complaintId", complaintId);
        }
    }

    /** Applies whatever is due to one complaint, one step at a time, until nothing more is. */
    void settle(String complaintId, Instant now, Summary summary) {
        ComplaintHistory history = store.findById(complaintId).orElse(null);
        int races = 0;
        while (history != null) {
            Command next = nextStep(history, now);
            if (next == null) {
                return;
            }
            Transition transition;
            try {
                transition = lifecycle.apply(history.complaint(), next, WATCH, now);
            } catch (InputError e) {
                // Only escalation can be refused here: the data says where to, and it says nowhere.
                summary.notEscalated++;
                Log.warn("deadline.escalation_impossible", "complaintId", complaintId, "code", e.code(),
                        "agencyId", history.complaint().handling().agencyId());
                return;
            }
            List<Transition> write = new ArrayList<>(List.of(transition));
            Transition escalation = next instanceof Command.MarkOverdue ? escalationAfter(transition, now) : null;
            if (escalation != null) {
                write.add(escalation);
            }
            try {
                // The miss and the escalation it causes are one write: the complaint leaves the
                // deadline index with it, so a crash in between must not leave it unescalated.
                store.appendAll(write);
            } catch (ComplaintStore.ConcurrentUpdateException e) {
                if (++races >= MAX_RACES) {
                    throw new IllegalStateException("Complaint " + complaintId + " kept changing under the watch", e);
                }
                Log.info("deadline.raced", "complaintId", complaintId, "action", next.action().wireName());
                history = store.findById(complaintId).orElse(null);
                continue;
            }
            for (Transition done : write) {
                Command command = done == transition ? next : new Command.Escalate(null);
                count(command, summary);
                Log.info("deadline." + command.action().wireName(), "complaintId", complaintId,
                        "seq", done.event().seq(), "agencyId", done.after().handling().agencyId());
                history = after(history, done);
            }
        }
    }

    /** The escalation a just-reported miss causes, or null when the category or the agency tree says none. */
    private Transition escalationAfter(Transition overdue, Instant now) {
        Complaint c = overdue.after();
        if (!escalates(c) || !Action.ESCALATE.allowedFrom(c.status())) {
            return null;
        }
        try {
            return lifecycle.apply(c, new Command.Escalate("overdue: the " + overdue.event().note() + " deadline passed"),
                    WATCH, now);
        } catch (InputError e) {
            Log.warn("deadline.escalation_impossible", "complaintId", c.id(), "code", e.code(),
                    "agencyId", c.handling().agencyId());
            return null;
        }
    }

    /** The one thing due now, or null: decided from the complaint and its events alone. */
    Command nextStep(ComplaintHistory history, Instant now) {
        Complaint c = history.complaint();
        Handling h = c.handling();
        if (h == null) {
            return null;
        }
        if (c.status() == Status.RESOLVED) {
            boolean unanswered = h.resolvedAt() != null && !h.resolvedAt().plus(autoCloseAfter).isAfter(now);
            return unanswered ? new Command.AutoClose() : null;
        }
        if (!h.currentDeadlineReported()) {
            if (!Action.MARK_OVERDUE.allowedFrom(c.status()) || h.pausedAt() != null
                    || !passed(h.currentDeadline(), now)) {
                return null;
            }
            return new Command.MarkOverdue(h.acknowledgedAt() == null ? "acknowledge" : "resolve");
        }
        // Escalate right after our own OVERDUE event only: if anything happened since (an
        // escalation by another run, an agency acknowledging, a transfer), the moment has passed.
        ComplaintEvent last = history.events().isEmpty() ? null : history.events().get(history.events().size() - 1);
        if (last != null && Action.MARK_OVERDUE.eventType().equals(last.type()) && escalates(c)
                && Action.ESCALATE.allowedFrom(c.status())) {
            return new Command.Escalate("overdue: the " + last.note() + " deadline passed");
        }
        return null;
    }

    private boolean escalates(Complaint c) {
        return reference.category(c.categoryCode()).map(Category::escalateWhenOverdue).orElse(false);
    }

    private static boolean passed(Instant deadline, Instant now) {
        return deadline != null && now.isAfter(deadline);
    }

    private static ComplaintHistory after(ComplaintHistory before, Transition t) {
        List<ComplaintEvent> events = new ArrayList<>(before.events());
        events.add(t.event());
        return new ComplaintHistory(t.after(), events);
    }

    private static void count(Command command, Summary summary) {
        switch (command.action()) {
            case MARK_OVERDUE -> summary.markedOverdue++;
            case ESCALATE -> summary.escalated++;
            case AUTO_CLOSE -> summary.autoClosed++;
            default -> throw new IllegalStateException("The watch does not " + command.action());
        }
    }
}
