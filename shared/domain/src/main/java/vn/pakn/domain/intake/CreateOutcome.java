package vn.pakn.domain.intake;

/**
 * Why a create did or did not happen. Nothing of the complaint was written unless {@link Created};
 * under an idempotency key, the tracking code's reservation may have been (it is the key's, and
 * the next attempt with the same complaint reuses it).
 */
public sealed interface CreateOutcome {
    record Created() implements CreateOutcome {
    }

    /** Another complaint holds the tracking code; draw another. */
    record TrackingCodeTaken() implements CreateOutcome {
    }

    /** An earlier or concurrent request with the same idempotency key holds the tracking code. */
    record IdempotencyKeyTaken(IdempotencyRecord earlier) implements CreateOutcome {
    }

    /** Another write touched the same items at the same moment; read again and retry. */
    record Contended() implements CreateOutcome {
    }

    /** An upload changed (claimed or checked) since it was read. */
    record UploadChanged(String uploadId) implements CreateOutcome {
    }
}
