package vn.pakn.photo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.photo.image.ExifOrientation;

class LocationStrippingTest {
    private final PhotoInspector inspector = new PhotoInspector();

    private Verdict.Accepted accept(byte[] bytes, ImageType type) {
        return assertInstanceOf(Verdict.Accepted.class, inspector.inspect(bytes, type, bytes.length));
    }

    @Test
    void jpegWithGpsExifAndXmp_publicCopyHasNeitherAndSamePixels() {
        BufferedImage image = TestImages.quadrants(200, 120);
        byte[] uploaded = TestImages.jpegWithLocation(image, 0);
        assertTrue(TestImages.contains(uploaded, TestImages.GPS_MARKER), "fixture carries GPS");
        assertTrue(TestImages.contains(uploaded, TestImages.XMP_MARKER), "fixture carries XMP");

        byte[] publicCopy = accept(uploaded, ImageType.JPEG).publicCopy();

        assertFalse(TestImages.contains(publicCopy, TestImages.GPS_MARKER));
        assertFalse(TestImages.contains(publicCopy, TestImages.XMP_MARKER));
        assertFalse(TestImages.contains(publicCopy, "Exif"), "no orientation to keep, so no Exif at all");
        assertFalse(TestImages.contains(publicCopy, "http://ns.adobe.com/xap/1.0/"));
        assertTrue(TestImages.jpegSegments(publicCopy).stream().noneMatch(s -> s.marker() == 0xE1 || s.marker() == 0xFE));
        BufferedImage original = TestImages.decode(uploaded);
        BufferedImage stripped = TestImages.decode(publicCopy);
        assertEquals(original.getWidth(), stripped.getWidth());
        assertEquals(original.getHeight(), stripped.getHeight());
        assertArrayEquals(TestImages.pixels(original), TestImages.pixels(stripped));
    }

    @Test
    void jpegStripped_entropyCodedDataCopiedByteForByte() {
        byte[] plain = TestImages.encode(TestImages.quadrants(64, 64), "jpeg");
        byte[] uploaded = TestImages.jpegWithLocation(TestImages.quadrants(64, 64), 0);

        byte[] publicCopy = accept(uploaded, ImageType.JPEG).publicCopy();

        // ImageIO's own JPEG holds only JFIF and image segments, all of which must survive untouched.
        assertArrayEquals(plain, publicCopy);
    }

    @Test
    void jpegTakenSideways_publicCopyKeepsOnlyTheOrientationTag() {
        byte[] uploaded = TestImages.jpegWithLocation(TestImages.quadrants(80, 40), 6);

        byte[] publicCopy = accept(uploaded, ImageType.JPEG).publicCopy();

        List<TestImages.Segment> exif = TestImages.jpegSegments(publicCopy).stream()
                .filter(s -> s.marker() == 0xE1).toList();
        assertEquals(1, exif.size());
        byte[] tiff = Arrays.copyOfRange(exif.get(0).payload(), 6, exif.get(0).payload().length);
        assertEquals(6, ExifOrientation.read(tiff, 0, tiff.length));
        assertEquals(List.of(0x0112, 0x011A, 0x011B, 0x0128, 0x0213), ifd0Tags(tiff),
                "orientation plus the tags Exif requires; no GPS IFD pointer, no sub-IFDs");
        assertFalse(TestImages.contains(publicCopy, TestImages.GPS_MARKER));
        assertTrue(TestImages.indexOf(publicCopy, new byte[] {(byte) 0x88, 0x25, 0, 4}) < 0, "no GPS IFD pointer");
        assertArrayEquals(TestImages.pixels(TestImages.decode(uploaded)), TestImages.pixels(TestImages.decode(publicCopy)));
    }

    @Test
    void jpegWithAppendedPicture_publicCopyEndsAtTheFirstEndOfImage() {
        byte[] uploaded = TestImages.jpegWithLocation(TestImages.quadrants(32, 32), 0);

        byte[] publicCopy = accept(uploaded, ImageType.JPEG).publicCopy();

        assertEquals(0xD9, publicCopy[publicCopy.length - 1] & 0xFF);
        assertEquals(1, count(publicCopy, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), "one picture only");
    }

    @Test
    void pngWithExifXmpAndText_publicCopyDropsThemAndKeepsPixels() {
        BufferedImage image = TestImages.quadrants(90, 70);
        byte[] uploaded = TestImages.pngWithLocation(image);
        assertTrue(TestImages.pngChunkTypes(uploaded).containsAll(List.of("eXIf", "iTXt", "tEXt")));

        byte[] publicCopy = accept(uploaded, ImageType.PNG).publicCopy();

        List<String> chunks = TestImages.pngChunkTypes(publicCopy);
        assertFalse(chunks.contains("eXIf"));
        assertFalse(chunks.contains("iTXt"));
        assertFalse(chunks.contains("tEXt"));
        assertFalse(TestImages.contains(publicCopy, TestImages.GPS_MARKER));
        assertFalse(TestImages.contains(publicCopy, TestImages.XMP_MARKER));
        assertEquals("IHDR", chunks.get(0));
        assertEquals("IEND", chunks.get(chunks.size() - 1));
        BufferedImage stripped = TestImages.decode(publicCopy);
        assertEquals(90, stripped.getWidth());
        assertEquals(70, stripped.getHeight());
        assertArrayEquals(TestImages.pixels(image), TestImages.pixels(stripped));
    }

    @Test
    void samplePng_publicCopyDecodesToTheSamePixels() {
        byte[] uploaded = TestImages.sample("pothole.png");

        byte[] publicCopy = accept(uploaded, ImageType.PNG).publicCopy();

        assertArrayEquals(TestImages.pixels(TestImages.decode(uploaded)), TestImages.pixels(TestImages.decode(publicCopy)));
    }

    @Test
    void webpWithExifAndXmp_publicCopyDropsChunksAndFixesSizeAndFlags() {
        byte[] uploaded = TestImages.webpWithLocation();
        assertTrue(TestImages.contains(uploaded, TestImages.GPS_MARKER));

        Verdict.Accepted accepted = accept(uploaded, ImageType.WEBP);
        byte[] publicCopy = accepted.publicCopy();

        assertFalse(TestImages.contains(publicCopy, TestImages.GPS_MARKER));
        assertFalse(TestImages.contains(publicCopy, TestImages.XMP_MARKER));
        assertFalse(TestImages.contains(publicCopy, "EXIF"));
        assertFalse(TestImages.contains(publicCopy, "XMP "));
        ByteBuffer b = ByteBuffer.wrap(publicCopy).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(publicCopy.length - 8, b.getInt(4), "RIFF size");
        assertEquals("VP8X", new String(publicCopy, 12, 4, StandardCharsets.ISO_8859_1));
        assertEquals(0, publicCopy[20] & (0x08 | 0x04), "EXIF and XMP flags cleared");
        int vp8l = TestImages.indexOf(publicCopy, "VP8L".getBytes(StandardCharsets.ISO_8859_1));
        int vp8lInUpload = TestImages.indexOf(uploaded, "VP8L".getBytes(StandardCharsets.ISO_8859_1));
        int size = ByteBuffer.wrap(uploaded, vp8lInUpload + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertArrayEquals(Arrays.copyOfRange(uploaded, vp8lInUpload, vp8lInUpload + 8 + size),
                Arrays.copyOfRange(publicCopy, vp8l, vp8l + 8 + size), "bitstream untouched");
        assertNull(accepted.thumbnail(), "the JDK cannot decode WebP");
    }

    @Test
    void heic_noPublicCopyWithReasonAndNoThumbnail() {
        Verdict.Accepted accepted = accept(TestImages.heic(), ImageType.HEIC);

        assertNull(accepted.publicCopy());
        assertEquals("heic-public-copy-unsupported", accepted.noPublicCopyReason());
        assertNull(accepted.thumbnail());
    }

    /** The public feed publishes a photo only where ImageType says a public copy exists: it must. */
    @Test
    void everyType_hasAPublicCopyExactlyWhenImageTypeSaysSo() {
        Map<ImageType, byte[]> samples = Map.of(
                ImageType.JPEG, TestImages.jpegWithLocation(TestImages.quadrants(32, 32), 0),
                ImageType.PNG, TestImages.pngWithLocation(TestImages.quadrants(32, 32)),
                ImageType.WEBP, TestImages.webpWithLocation(),
                ImageType.HEIC, TestImages.heic());
        for (ImageType type : ImageType.values()) {
            assertEquals(type.publicCopySupported(), accept(samples.get(type), type).publicCopy() != null, type.name());
        }
    }

    private static List<Integer> ifd0Tags(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd0 = b.getInt(4);
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < b.getShort(ifd0); i++) {
            tags.add(Short.toUnsignedInt(b.getShort(ifd0 + 2 + 12 * i)));
        }
        return tags;
    }

    private static int count(byte[] haystack, byte[] needle) {
        int n = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                n++;
            }
        }
        return n;
    }
}
