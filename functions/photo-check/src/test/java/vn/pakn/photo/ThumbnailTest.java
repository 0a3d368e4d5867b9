package vn.pakn.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.intake.ImageType;

class ThumbnailTest {
    private final PhotoInspector inspector = new PhotoInspector();

    private BufferedImage thumbnail(byte[] bytes, ImageType type) {
        Verdict.Accepted accepted = assertInstanceOf(Verdict.Accepted.class, inspector.inspect(bytes, type, bytes.length));
        return TestImages.decode(accepted.thumbnail());
    }

    @Test
    void sampleJpeg640x480_thumbnail320x240() {
        BufferedImage thumb = thumbnail(TestImages.sample("pothole.jpg"), ImageType.JPEG);

        assertEquals(320, thumb.getWidth());
        assertEquals(240, thumb.getHeight());
    }

    @Test
    void samplePng640x480_thumbnail320x240() {
        BufferedImage thumb = thumbnail(TestImages.sample("pothole.png"), ImageType.PNG);

        assertEquals(320, thumb.getWidth());
        assertEquals(240, thumb.getHeight());
    }

    @Test
    void largePortraitPhoto_longSideBecomes320() {
        byte[] jpeg = TestImages.encode(TestImages.quadrants(1500, 4000), "jpeg");

        BufferedImage thumb = thumbnail(jpeg, ImageType.JPEG);

        assertEquals(120, thumb.getWidth());
        assertEquals(320, thumb.getHeight());
    }

    @Test
    void smallImage_notEnlarged() {
        BufferedImage thumb = thumbnail(TestImages.encode(TestImages.quadrants(100, 60), "png"), ImageType.PNG);

        assertEquals(100, thumb.getWidth());
        assertEquals(60, thumb.getHeight());
    }

    @Test
    void thumbnailOfPhotoWithLocation_isJpegWithoutExifOrXmp() {
        byte[] uploaded = TestImages.jpegWithLocation(TestImages.quadrants(800, 600), 1);
        byte[] thumb = ((Verdict.Accepted) inspector.inspect(uploaded, ImageType.JPEG, uploaded.length)).thumbnail();

        assertEquals(0xFF, thumb[0] & 0xFF);
        assertEquals(0xD8, thumb[1] & 0xFF);
        assertTrue(TestImages.jpegSegments(thumb).stream().noneMatch(s -> s.marker() == 0xE1));
        assertFalse(TestImages.contains(thumb, "Exif"));
        assertFalse(TestImages.contains(thumb, TestImages.GPS_MARKER));
    }

    @Test
    void photoStoredSideways_thumbnailTurnedUpright() {
        // Stored 400x200 with orientation 6: a viewer shows it 200x400, the stored top-left (red) at the top right.
        byte[] uploaded = TestImages.jpegWithLocation(TestImages.quadrants(400, 200), 6);

        BufferedImage thumb = thumbnail(uploaded, ImageType.JPEG);

        assertEquals(160, thumb.getWidth());
        assertEquals(320, thumb.getHeight());
        assertColour(Color.RED, thumb.getRGB(thumb.getWidth() - 20, 20));
        assertColour(Color.BLUE, thumb.getRGB(20, 20));
        assertColour(Color.YELLOW, thumb.getRGB(20, thumb.getHeight() - 20));
    }

    @Test
    void transparentPng_thumbnailOnWhite() {
        BufferedImage transparent = new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB);

        BufferedImage thumb = thumbnail(TestImages.encode(transparent, "png"), ImageType.PNG);

        assertColour(Color.WHITE, thumb.getRGB(25, 25));
    }

    private static void assertColour(Color expected, int rgb) {
        Color actual = new Color(rgb);
        int distance = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(distance < 60, "expected " + expected + " but was " + actual);
    }
}
