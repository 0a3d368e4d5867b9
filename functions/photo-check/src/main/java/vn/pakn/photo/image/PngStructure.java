package vn.pakn.photo.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks, checking each one's length and CRC, and writes the location-free public
 * copy with the image chunks copied byte for byte. Chunks are kept by allow-list: eXIf and the
 * text chunks (which carry XMP, GPS included) go, and so do private chunks, which can hold
 * anything (C2PA manifests record places, for one).
 */
public final class PngStructure {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final Set<String> KEPT = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND",
            // Colour and transparency: dropping them would change how the picture looks.
            "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLi", "bKGD", "hIST", "pHYs", "sPLT",
            // Animated PNG.
            "acTL", "fcTL", "fdAT");

    private PngStructure() {
    }

    public static byte[] strip(byte[] data) throws MalformedImageException {
        if (data.length < SIGNATURE.length) {
            throw new MalformedImageException("no PNG signature");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (data[i] != SIGNATURE[i]) {
                throw new MalformedImageException("no PNG signature");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, SIGNATURE.length);
        int pos = SIGNATURE.length;
        boolean first = true;
        boolean sawData = false;
        while (true) {
            if (pos + 12 > data.length) {
                throw new MalformedImageException("file ends before the IEND chunk");
            }
            long length = u32(data, pos);
            String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > Integer.MAX_VALUE || pos + 12 + length > data.length) {
                throw new MalformedImageException("chunk " + printable(type) + " overruns the file");
            }
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw new MalformedImageException("invalid chunk type at byte " + pos);
            }
            int end = pos + 12 + (int) length;
            CRC32 crc = new CRC32();
            crc.update(data, pos + 4, 4 + (int) length);
            if (crc.getValue() != u32(data, end - 4)) {
                throw new MalformedImageException("CRC mismatch in chunk " + type);
            }
            if (first && !(type.equals("IHDR") && length == 13)) {
                throw new MalformedImageException("first chunk is not IHDR");
            }
            first = false;
            if (type.equals("IDAT")) {
                sawData = true;
            }
            if (KEPT.contains(type)) {
                out.write(data, pos, end - pos);
            }
            pos = end;
            if (type.equals("IEND")) {
                if (!sawData) {
                    throw new MalformedImageException("no IDAT chunk");
                }
                return out.toByteArray();
            }
        }
    }

    private static long u32(byte[] data, int i) {
        return ((long) (data[i] & 0xFF) << 24) | ((data[i + 1] & 0xFF) << 16) | ((data[i + 2] & 0xFF) << 8)
                | (data[i + 3] & 0xFF);
    }

    private static String printable(String type) {
        return type.replaceAll("[^A-Za-z]", "?");
    }
}
