package vn.pakn.domain.lifecycle;

import java.util.EnumSet;
import java.util.Set;
import vn.pakn.domain.complaint.Status;

/**
 * Every way a complaint can change, with the states it may start from and the event it records.
 * The table is the lifecycle of the product brief; nothing else decides what is allowed.
 */
public enum Action {
    ROUTE("route", "ASSIGNED", EnumSet.of(Status.RECEIVED)),
    ACKNOWLEDGE("acknowledge", "ACKNOWLEDGED", EnumSet.of(Status.ASSIGNED, Status.REOPENED)),
    START("start", "STARTED", EnumSet.of(Status.ACKNOWLEDGED)),
    REQUEST_INFO("request-info", "INFO_REQUESTED", EnumSet.of(Status.ACKNOWLEDGED, Status.IN_PROGRESS)),
    PROVIDE_INFO("provide-info", "INFO_PROVIDED", EnumSet.of(Status.NEEDS_INFO)),
    RESOLVE("resolve", "RESOLVED", EnumSet.of(Status.ACKNOWLEDGED, Status.IN_PROGRESS)),
    REJECT("reject", "REJECTED", EnumSet.of(Status.ASSIGNED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.REOPENED)),
    TRANSFER("transfer", "TRANSFERRED", EnumSet.of(Status.ASSIGNED, Status.ACKNOWLEDGED, Status.IN_PROGRESS,
            Status.NEEDS_INFO, Status.REOPENED)),
    ESCALATE("escalate", "ESCALATED", EnumSet.of(Status.ASSIGNED, Status.ACKNOWLEDGED, Status.IN_PROGRESS,
            Status.NEEDS_INFO, Status.REOPENED)),
    CONFIRM("confirm", "CLOSED", EnumSet.of(Status.RESOLVED)),
    REOPEN("reopen", "REOPENED", EnumSet.of(Status.RESOLVED)),
    AUTO_CLOSE("auto-close", "AUTO_CLOSED", EnumSet.of(Status.RESOLVED)),
    MARK_OVERDUE("mark-overdue", "OVERDUE", EnumSet.of(Status.ASSIGNED, Status.ACKNOWLEDGED, Status.IN_PROGRESS,
            Status.REOPENED)),
    /**
     * The agency in charge shows photos in the public feed or withdraws them; the status stays.
     * From every status an agency holds, finished ones included: an agency may publish a photo
     * after resolving, and must be able to withdraw one it regrets whenever it notices.
     */
    PUBLISH_PHOTOS("publish-photos", "PHOTOS_VISIBILITY_CHANGED", EnumSet.complementOf(EnumSet.of(Status.RECEIVED)));

    /** What an agency may do through its API; the rest belongs to citizens or the system. */
    public static final Set<Action> AGENCY_ACTIONS = EnumSet.of(ACKNOWLEDGE, START, REQUEST_INFO, RESOLVE, REJECT,
            TRANSFER, ESCALATE, PUBLISH_PHOTOS);
    public static final Set<Action> CITIZEN_ACTIONS = EnumSet.of(PROVIDE_INFO, CONFIRM, REOPEN);

    private final String wireName;
    private final String eventType;
    private final Set<Status> from;

    Action(String wireName, String eventType, Set<Status> from) {
        this.wireName = wireName;
        this.eventType = eventType;
        this.from = from;
    }

    public String wireName() {
        return wireName;
    }

    public String eventType() {
        return eventType;
    }

    public boolean allowedFrom(Status status) {
        return from.contains(status);
    }

    /** The actions of {@code among} allowed from a status, for a 409 that tells what to do instead. */
    public static Set<Action> allowed(Status status, Set<Action> among) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (Action a : among) {
            if (a.allowedFrom(status)) {
                out.add(a);
            }
        }
        return out;
    }
}
