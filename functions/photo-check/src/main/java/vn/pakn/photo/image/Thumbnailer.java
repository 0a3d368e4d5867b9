package vn.pakn.photo.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes JPEG and PNG with the JDK's ImageIO, which proves the whole picture is there (a
 * truncated or corrupt file fails or warns), and makes the thumbnail from the same pass. The
 * decode is subsampled to about twice the thumbnail size, so a large photo never needs its
 * full-size raster in memory.
 */
public final class Thumbnailer {
    public static final int LONG_SIDE = 320;
    /** Decoders still allocate per pixel (progressive JPEG keeps all coefficients): bounds a decompression bomb. */
    public static final long MAX_PIXELS = 100_000_000L;
    private static final float QUALITY = 0.85f;

    /** The declared dimensions exceed {@link #MAX_PIXELS}. */
    public static final class TooManyPixelsException extends Exception {
        public TooManyPixelsException(long pixels) {
            super(pixels + " pixels");
        }
    }

    static {
        // Decoding happens in memory; ImageIO's default file cache would write to /tmp.
        ImageIO.setUseCache(false);
    }

    private Thumbnailer() {
    }

    /**
     * @param formatName {@code jpeg} or {@code png}
     * @param orientation Exif orientation (1-8) to apply, since the thumbnail carries no metadata
     * @return a baseline JPEG at most {@link #LONG_SIDE} pixels on its long side
     */
    public static byte[] thumbnail(byte[] data, String formatName, int orientation)
            throws MalformedImageException, TooManyPixelsException {
        BufferedImage decoded = decode(data, formatName);
        BufferedImage scaled = scale(decoded);
        return encodeJpeg(orient(scaled, orientation));
    }

    private static BufferedImage decode(byte[] data, String formatName)
            throws MalformedImageException, TooManyPixelsException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + formatName);
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new MalformedImageException("no dimensions");
            }
            long pixels = (long) width * height;
            if (pixels > MAX_PIXELS) {
                throw new TooManyPixelsException(pixels);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / (2 * LONG_SIDE));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new MalformedImageException("decoder returned no image");
            }
            if (!warnings.isEmpty()) {
                // libjpeg reports a truncated or damaged stream as a warning and fills in grey.
                throw new MalformedImageException("decoder warning: " + warnings.get(0));
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw new MalformedImageException("cannot decode " + formatName + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage scale(BufferedImage source) {
        int width = source.getWidth();
        int height = source.getHeight();
        int longSide = Math.max(width, height);
        int targetWidth = width;
        int targetHeight = height;
        if (longSide > LONG_SIDE) {
            targetWidth = Math.max(1, (int) Math.round((double) width * LONG_SIDE / longSide));
            targetHeight = Math.max(1, (int) Math.round((double) height * LONG_SIDE / longSide));
        }
        BufferedImage current = source;
        // Halving steps with bilinear filtering avoid the aliasing of one large bilinear step.
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, null);
        }
        return draw(current, targetWidth, targetHeight, null);
    }

    /** Turns the pixels as the Exif orientation says a viewer should. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> {
                return image;
            }
        }
        boolean swap = orientation >= 5;
        return draw(image, swap ? h : w, swap ? w : h, t);
    }

    /** Draws onto an opaque RGB canvas (JPEG has no alpha: transparent areas become white). */
    private static BufferedImage draw(BufferedImage source, int width, int height, AffineTransform transform) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (transform != null) {
                g.drawImage(source, transform, null);
            } else {
                g.drawImage(source, 0, 0, width, height, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            // No metadata is passed: the writer adds only its JFIF header.
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
