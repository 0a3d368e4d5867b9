package vn.pakn.domain.lifecycle;

import java.util.Optional;
import vn.pakn.domain.intake.ComplaintHistory;

/** Port: reading complaints and recording their transitions. */
public interface ComplaintStore {
    Optional<ComplaintHistory> findById(String complaintId);

    /**
     * Appends the transition's event and moves the complaint to its next state in one write,
     * only if the complaint is still at {@code transition.before().version()}; when an agency
     * gains the complaint, its assignment message goes out with the same write.
     *
     * @throws ConcurrentUpdateException when someone else changed the complaint first
     */
    void append(Transition transition);

    /**
     * Several consecutive transitions of one complaint (each one's {@code before} is the previous
     * one's {@code after}) as one write: all or nothing, e.g. reporting a deadline missed and the
     * escalation it causes, so a crash between them cannot leave the first without the second.
     */
    default void appendAll(java.util.List<Transition> transitions) {
        if (transitions.size() != 1) {
            throw new UnsupportedOperationException("This store writes one transition at a time");
        }
        append(transitions.get(0));
    }

    /** Lost a race: the other writer's change stands, and this one wrote nothing. */
    final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String complaintId) {
            super("Complaint " + complaintId + " changed concurrently");
        }
    }
}
