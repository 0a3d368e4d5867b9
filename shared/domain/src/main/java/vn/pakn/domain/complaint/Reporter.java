package vn.pakn.domain.complaint;

/**
 * Who reported, as far as they chose to say. Only the assigned agency may ever see this: it
 * must never reach public views, open data or logs, so {@link #toString()} hides it.
 */
public record Reporter(String name, String phone, String email) {
    public boolean isEmpty() {
        return name == null && phone == null && email == null;
    }

    @Override
    public String toString() {
        return "Reporter[redacted]";
    }
}
