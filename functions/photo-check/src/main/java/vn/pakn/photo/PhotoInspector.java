package vn.pakn.photo;

import java.util.Optional;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.UploadPolicy;
import vn.pakn.photo.image.ExifOrientation;
import vn.pakn.photo.image.HeifStructure;
import vn.pakn.photo.image.JpegStructure;
import vn.pakn.photo.image.MalformedImageException;
import vn.pakn.photo.image.PngStructure;
import vn.pakn.photo.image.Thumbnailer;
import vn.pakn.photo.image.WebpStructure;

/**
 * Decides whether uploaded bytes are the image the slot was issued for, and if so makes what
 * may be shown: a copy without location and a thumbnail. No I/O, no AWS types.
 */
public final class PhotoInspector {
    public static final String HEIC_PUBLIC_COPY_UNSUPPORTED = "heic-public-copy-unsupported";

    public Verdict inspect(byte[] bytes, ImageType declaredType, long declaredLength) {
        if (bytes.length > UploadPolicy.MAX_BYTES) {
            return new Verdict.Rejected(QuarantineReason.TOO_LARGE, bytes.length + " bytes read");
        }
        Optional<ImageType> sniffed = ImageType.sniff(bytes);
        if (sniffed.isEmpty()) {
            return new Verdict.Rejected(QuarantineReason.NOT_AN_IMAGE, null);
        }
        ImageType type = sniffed.get();
        if (type != declaredType) {
            return new Verdict.Rejected(QuarantineReason.TYPE_MISMATCH, type + " uploaded for " + declaredType);
        }
        if (bytes.length != declaredLength) {
            return new Verdict.Rejected(QuarantineReason.SIZE_MISMATCH, bytes.length + " bytes for " + declaredLength);
        }
        try {
            return switch (type) {
                case JPEG -> {
                    JpegStructure.Stripped stripped = JpegStructure.strip(bytes);
                    yield new Verdict.Accepted(type, stripped.bytes(), null,
                            Thumbnailer.thumbnail(bytes, "jpeg", stripped.orientation()));
                }
                case PNG -> {
                    byte[] publicCopy = PngStructure.strip(bytes);
                    yield new Verdict.Accepted(type, publicCopy, null,
                            Thumbnailer.thumbnail(bytes, "png", ExifOrientation.NORMAL));
                }
                case WEBP -> new Verdict.Accepted(type, WebpStructure.strip(bytes), null, null);
                case HEIC -> {
                    HeifStructure.check(bytes);
                    yield new Verdict.Accepted(type, null, HEIC_PUBLIC_COPY_UNSUPPORTED, null);
                }
            };
        } catch (MalformedImageException e) {
            return new Verdict.Rejected(QuarantineReason.CORRUPT_IMAGE, e.getMessage());
        } catch (Thumbnailer.TooManyPixelsException e) {
            return new Verdict.Rejected(QuarantineReason.TOO_LARGE, e.getMessage());
        }
    }
}
