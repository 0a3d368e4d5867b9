package vn.pakn.domain.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The photo formats phones produce and pakn accepts, recognised by content type and by bytes. */
public enum ImageType {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    HEIC("image/heic", "heic");

    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    private final String contentType;
    private final String extension;

    ImageType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /**
     * Whether the photo check writes a copy without location metadata for this type
     * ({@code PhotoKeys#publicCopy}); it cannot yet rewrite HEIC safely, so those are never public.
     */
    public boolean publicCopySupported() {
        return this != HEIC;
    }

    /** Accepts parameters and case as browsers send them; {@code image/heif} is the same container as HEIC. */
    public static Optional<ImageType> fromContentType(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String base = value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (base.equals("image/heif")) {
            return Optional.of(HEIC);
        }
        return Arrays.stream(values()).filter(t -> t.contentType.equals(base)).findFirst();
    }

    /** What the first bytes of a file really are, whatever its name or declared type says. */
    public static Optional<ImageType> sniff(byte[] head) {
        if (head == null) {
            return Optional.empty();
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (head.length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
            return Optional.of(WEBP);
        }
        if (head.length >= 12 && ascii(head, 4, 4).equals("ftyp") && HEIF_BRANDS.contains(ascii(head, 8, 4))) {
            return Optional.of(HEIC);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int offset, int... expected) {
        if (data.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((data[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }
}
