package vn.pakn.photo;

import vn.pakn.domain.intake.ImageType;

/** What the bytes of one upload turned out to be. */
public sealed interface Verdict {

    /**
     * @param publicCopy         the image without location metadata; null when none can be made safely
     * @param noPublicCopyReason why {@code publicCopy} is null, else null
     * @param thumbnail          a small JPEG; null for formats the JDK cannot decode (WebP, HEIC)
     */
    record Accepted(ImageType type, byte[] publicCopy, String noPublicCopyReason, byte[] thumbnail) implements Verdict {
    }

    record Rejected(QuarantineReason reason, String detail) implements Verdict {
    }
}
