package vn.pakn.domain.intake;

/** Why an atomic create did or did not happen; nothing was written unless {@link Created}. */
public sealed interface CreateOutcome {
    record Created() implements CreateOutcome {
    }

    /** Another complaint holds the tracking code; draw another. */
    record TrackingCodeTaken() implements CreateOutcome {
    }

    /** A concurrent or earlier request holds the idempotency key. */
    record IdempotencyKeyTaken() implements CreateOutcome {
    }

    /** Another write touched the same items at the same moment; read again and retry. */
    record Contended() implements CreateOutcome {
    }

    /** An upload changed (claimed or checked) since it was read. */
    record UploadChanged(String uploadId) implements CreateOutcome {
    }
}
