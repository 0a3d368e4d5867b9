package vn.pakn.photo.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks a JPEG's segments and writes the location-free public copy without re-encoding: the
 * quantisation and Huffman tables, frame and scan headers and the entropy-coded data are copied
 * byte for byte, so the picture is exactly the uploaded one.
 *
 * <p>Metadata is kept by allow-list, not removed by deny-list: Exif and XMP (APP1) carry GPS,
 * but so can IPTC (APP13), vendor segments, comments and the secondary images that phones append
 * after the end marker (multi-picture format, depth maps), each with an Exif block of its own.
 * Only what decoding and colour need survives: JFIF (APP0), ICC profiles (APP2) and the Adobe
 * colour-transform flag (APP14). The Exif orientation is carried over in a fresh one-tag Exif
 * block, or portrait photos would turn sideways.
 */
public final class JpegStructure {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;
    private static final int COM = 0xFE;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};

    /** @param orientation Exif orientation 1-8 of the uploaded image (1 when it had none) */
    public record Stripped(byte[] bytes, int orientation) {
    }

    private JpegStructure() {
    }

    public static Stripped strip(byte[] data) throws MalformedImageException {
        if (data.length < 4 || u8(data, 0) != 0xFF || u8(data, 1) != SOI) {
            throw new MalformedImageException("no JPEG start-of-image marker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(0xFF);
        out.write(SOI);
        int orientation = ExifOrientation.NORMAL;
        boolean orientationWritten = false;
        boolean sawFrame = false;
        boolean sawScan = false;
        boolean first = true;
        int pos = 2;
        while (true) {
            if (pos + 1 >= data.length || u8(data, pos) != 0xFF) {
                throw new MalformedImageException("expected a marker at byte " + pos);
            }
            while (pos + 1 < data.length && u8(data, pos + 1) == 0xFF) {
                pos++;
            }
            if (pos + 1 >= data.length) {
                throw new MalformedImageException("file ends inside a marker");
            }
            int marker = u8(data, pos + 1);
            if (marker == EOI) {
                if (!sawFrame || !sawScan) {
                    throw new MalformedImageException("end of image before any frame or scan");
                }
                // Whatever follows the end marker (appended pictures, trailers) is dropped.
                out.write(0xFF);
                out.write(EOI);
                return new Stripped(out.toByteArray(), orientation);
            }
            if (marker == SOI || marker == 0x00) {
                throw new MalformedImageException("unexpected marker " + Integer.toHexString(marker));
            }
            if (isStandalone(marker)) {
                out.write(data, pos, 2);
                pos += 2;
                continue;
            }
            if (pos + 4 > data.length) {
                throw new MalformedImageException("file ends inside a segment header");
            }
            int length = (u8(data, pos + 2) << 8) | u8(data, pos + 3);
            int end = pos + 2 + length;
            if (length < 2 || end > data.length) {
                throw new MalformedImageException("segment " + Integer.toHexString(marker) + " overruns the file");
            }
            int payload = pos + 4;
            if (marker == APP1 && orientation == ExifOrientation.NORMAL && startsWith(data, payload, end, EXIF_HEADER)) {
                orientation = ExifOrientation.read(data, payload + EXIF_HEADER.length, end);
            }
            boolean jfif = marker == APP0 && startsWith(data, payload, end, ascii("JFIF\0"));
            if (!orientationWritten && !(first && jfif) && orientation != ExifOrientation.NORMAL) {
                // Exif follows SOI, or the JFIF segment when there is one; here both are behind us.
                out.writeBytes(ExifOrientation.jpegSegment(orientation));
                orientationWritten = true;
            }
            if (keep(marker, data, payload, end)) {
                out.write(data, pos, end - pos);
            }
            if (isFrame(marker)) {
                sawFrame = true;
            }
            first = false;
            pos = end;
            if (marker == SOS) {
                sawScan = true;
                int scanEnd = entropyCodedEnd(data, pos);
                out.write(data, pos, scanEnd - pos);
                pos = scanEnd;
            }
        }
    }

    /** The position of the first marker after a scan's entropy-coded data. */
    private static int entropyCodedEnd(byte[] data, int pos) throws MalformedImageException {
        int i = pos;
        while (i + 1 < data.length) {
            if (u8(data, i) != 0xFF) {
                i++;
                continue;
            }
            int next = u8(data, i + 1);
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                i += 2;
            } else if (next == 0xFF) {
                i++;
            } else {
                return i;
            }
        }
        throw new MalformedImageException("file ends inside the image data");
    }

    private static boolean keep(int marker, byte[] data, int payload, int end) {
        if (marker == APP0) {
            return startsWith(data, payload, end, ascii("JFIF\0"));
        }
        if (marker == APP2) {
            return startsWith(data, payload, end, ascii("ICC_PROFILE\0"));
        }
        if (marker == APP14) {
            return startsWith(data, payload, end, ascii("Adobe"));
        }
        return !(marker >= APP0 && marker <= 0xEF) && marker != COM;
    }

    private static boolean isStandalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWith(byte[] data, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int u8(byte[] data, int i) {
        return data[i] & 0xFF;
    }
}
