package vn.pakn.domain.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What someone asks to happen to a complaint; {@link Lifecycle} decides whether it may. */
public sealed interface Command {
    Action action();

    /** The router: the first assignment. */
    record Route(String agencyId, String note) implements Command {
        public Action action() { return Action.ROUTE; }
    }

    record Acknowledge(String note) implements Command {
        public Action action() { return Action.ACKNOWLEDGE; }
    }

    record Start(String note) implements Command {
        public Action action() { return Action.START; }
    }

    /** @param question sent to the citizen; public, so the agency must not quote personal data */
    record RequestInfo(String question) implements Command {
        public Action action() { return Action.REQUEST_INFO; }
    }

    /** @param answer private: the citizen may write anything */
    record ProvideInfo(String answer) implements Command {
        public Action action() { return Action.PROVIDE_INFO; }
    }

    record Resolve(String response) implements Command {
        public Action action() { return Action.RESOLVE; }
    }

    /** @param duplicateOf the tracking code of the original, required for {@link RejectReason#DUPLICATE_OF} */
    record Reject(RejectReason reason, String duplicateOf, String note) implements Command {
        public Action action() { return Action.REJECT; }
    }

    record Transfer(String toAgencyId, String reason) implements Command {
        public Action action() { return Action.TRANSFER; }
    }

    /** To the parent of the agency in charge. */
    record Escalate(String reason) implements Command {
        public Action action() { return Action.ESCALATE; }
    }

    record Confirm(int rating, String comment) implements Command {
        public Action action() { return Action.CONFIRM; }
    }

    record Reopen(String note) implements Command {
        public Action action() { return Action.REOPEN; }
    }

    /** Resolved and not answered by the citizen within the configured days. */
    record AutoClose() implements Command {
        public Action action() { return Action.AUTO_CLOSE; }
    }

    /**
     * @param uploadIds   photos of the complaint to change
     * @param publishable true to show them in the public feed, false to withdraw them
     */
    record PublishPhotos(List<String> uploadIds, Boolean publishable) implements Command {
        public PublishPhotos {
            // Not List.copyOf: a null among the ids is the caller's mistake to report, not a crash.
            uploadIds = uploadIds == null ? null : Collections.unmodifiableList(new ArrayList<>(uploadIds));
        }

        public Action action() { return Action.PUBLISH_PHOTOS; }
    }

    /** A deadline passed; the status stays, the mark and the event are what count. */
    record MarkOverdue(String which) implements Command {
        public Action action() { return Action.MARK_OVERDUE; }
    }
}
