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

    /** Lost a race: the other writer's change stands, and this one wrote nothing. */
    final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String complaintId) {
            super("Complaint " + complaintId + " changed concurrently");
        }
    }
}
