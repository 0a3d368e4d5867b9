package vn.pakn.domain.intake;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** Where and how the client must PUT its photo: the headers are part of the signature. */
public record UploadSlot(String uploadId, URI url, Map<String, String> headers, Instant expiresAt, long maxBytes) {
}
