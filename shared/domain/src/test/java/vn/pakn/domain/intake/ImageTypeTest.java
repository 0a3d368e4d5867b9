package vn.pakn.domain.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTest {
    @Test
    void signatures_identifyEachAllowedFormat() {
        assertEquals(ImageType.JPEG, ImageType.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10)).orElseThrow());
        assertEquals(ImageType.PNG, ImageType.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0)).orElseThrow());
        assertEquals(ImageType.WEBP, ImageType.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)).orElseThrow());
        assertEquals(ImageType.HEIC, ImageType.sniff("\0\0\0\u0018ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)).orElseThrow());
    }

    @Test
    void textNamedLikeAnImage_isNotAnImage() {
        assertTrue(ImageType.sniff("this is not an image, just text".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(ImageType.sniff(new byte[0]).isEmpty());
        assertTrue(ImageType.sniff("\0\0\0\u0018ftypavif\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)).isEmpty());
    }

    @Test
    void contentTypes_acceptBrowserVariantsOnly() {
        assertEquals(ImageType.JPEG, ImageType.fromContentType("IMAGE/JPEG; charset=binary").orElseThrow());
        assertEquals(ImageType.HEIC, ImageType.fromContentType("image/heif").orElseThrow());
        assertTrue(ImageType.fromContentType("image/gif").isEmpty());
        assertTrue(ImageType.fromContentType("application/pdf").isEmpty());
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
