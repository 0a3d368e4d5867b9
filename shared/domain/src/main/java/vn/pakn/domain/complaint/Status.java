package vn.pakn.domain.complaint;

/** Where a complaint stands in its lifecycle (see the product brief). */
public enum Status {
    RECEIVED, ASSIGNED, ACKNOWLEDGED, IN_PROGRESS, NEEDS_INFO, RESOLVED, REJECTED, REOPENED, CLOSED;

    /** Still waiting for an answer from an agency: what the open backlog counts. */
    public boolean isOpen() {
        return this != RESOLVED && this != REJECTED && this != CLOSED;
    }
}
