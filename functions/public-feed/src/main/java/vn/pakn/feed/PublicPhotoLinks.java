package vn.pakn.feed;

import java.net.URI;
import java.time.Instant;
import vn.pakn.domain.intake.ImageType;

/** Port: short-lived links to the location-free public copy of a photo, never to the original. */
@FunctionalInterface
public interface PublicPhotoLinks {
    Link link(String uploadId, ImageType type);

    record Link(URI url, Instant expiresAt) {
    }
}
