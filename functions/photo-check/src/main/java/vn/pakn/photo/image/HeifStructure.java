package vn.pakn.photo.image;

import java.nio.charset.StandardCharsets;

/**
 * Checks that a HEIC file is a well-formed ISO base media file: top-level boxes that tile the
 * file exactly, starting with {@code ftyp} and holding the {@code meta} box that indexes the
 * image items. The JDK cannot decode HEVC, so this is as far as the check goes; and because
 * Exif is an item inside {@code meta}, referenced by offsets into {@code mdat}, no public copy
 * is made rather than risk one that still carries a location.
 */
public final class HeifStructure {
    private HeifStructure() {
    }

    public static void check(byte[] data) throws MalformedImageException {
        long pos = 0;
        boolean sawMeta = false;
        boolean first = true;
        while (pos < data.length) {
            if (pos + 8 > data.length) {
                throw new MalformedImageException("truncated box header at byte " + pos);
            }
            long size = u32(data, (int) pos);
            String type = new String(data, (int) pos + 4, 4, StandardCharsets.ISO_8859_1);
            long header = 8;
            if (size == 1) {
                if (pos + 16 > data.length) {
                    throw new MalformedImageException("truncated large box header");
                }
                size = (u32(data, (int) pos + 8) << 32) | u32(data, (int) pos + 12);
                header = 16;
            } else if (size == 0) {
                size = data.length - pos;
            }
            if (size < header || size > data.length - pos) {
                throw new MalformedImageException("box " + printable(type) + " overruns the file");
            }
            if (first && !type.equals("ftyp")) {
                throw new MalformedImageException("first box is not ftyp");
            }
            first = false;
            if (type.equals("meta")) {
                sawMeta = true;
            }
            pos += size;
        }
        if (!sawMeta) {
            throw new MalformedImageException("no meta box");
        }
    }

    private static long u32(byte[] data, int i) {
        return ((data[i] & 0xFFL) << 24) | ((data[i + 1] & 0xFFL) << 16) | ((data[i + 2] & 0xFFL) << 8)
                | (data[i + 3] & 0xFFL);
    }

    private static String printable(String type) {
        return type.replaceAll("[^A-Za-z0-9 ]", "?");
    }
}
