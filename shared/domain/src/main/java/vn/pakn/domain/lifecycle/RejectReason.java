package vn.pakn.domain.lifecycle;

import java.util.Arrays;
import java.util.Optional;

/** Why an agency may refuse a complaint; each is published in the statistics. */
public enum RejectReason {
    DUPLICATE_OF("duplicate-of"), INVALID("invalid"), NOT_ACTIONABLE("not-actionable");

    private final String wireName;

    RejectReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RejectReason> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(value)).findFirst();
    }
}
