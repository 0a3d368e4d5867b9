package vn.pakn.photo.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Checks a WebP's RIFF container and its bitstream signatures (the JDK cannot decode WebP), and
 * writes the public copy without the EXIF and XMP chunks: the RIFF size and the VP8X flags are
 * fixed to match, the bitstream chunks are copied byte for byte. Chunks are kept by allow-list.
 */
public final class WebpStructure {
    private static final Set<String> KEPT = Set.of("VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L");
    private static final int VP8X_EXIF_FLAG = 0x08;
    private static final int VP8X_XMP_FLAG = 0x04;
    private static final int VP8X_ANIMATION_FLAG = 0x02;

    private WebpStructure() {
    }

    public static byte[] strip(byte[] data) throws MalformedImageException {
        if (data.length < 20 || !ascii(data, 0, 4).equals("RIFF") || !ascii(data, 8, 4).equals("WEBP")) {
            throw new MalformedImageException("no RIFF WEBP header");
        }
        long riffEnd = 8 + u32le(data, 4);
        if (riffEnd > data.length || riffEnd < 20) {
            throw new MalformedImageException("RIFF size does not match the file");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(data.length);
        int pos = 12;
        boolean first = true;
        boolean extended = false;
        boolean animated = false;
        boolean sawBitstream = false;
        while (pos < riffEnd) {
            if (pos + 8 > riffEnd) {
                throw new MalformedImageException("truncated chunk header at byte " + pos);
            }
            String fourcc = ascii(data, pos, 4);
            long size = u32le(data, pos + 4);
            long padded = size + (size & 1);
            if (pos + 8 + size > riffEnd) {
                throw new MalformedImageException("chunk " + printable(fourcc) + " overruns the file");
            }
            int payload = pos + 8;
            int next = (int) Math.min(riffEnd, pos + 8 + padded);
            if (first) {
                switch (fourcc) {
                    case "VP8X" -> {
                        if (size < 10) {
                            throw new MalformedImageException("VP8X chunk too short");
                        }
                        extended = true;
                        animated = (data[payload] & VP8X_ANIMATION_FLAG) != 0;
                    }
                    case "VP8 ", "VP8L" -> { }
                    default -> throw new MalformedImageException("first chunk is " + printable(fourcc));
                }
            }
            switch (fourcc) {
                case "VP8 " -> {
                    // A key frame: 3-byte frame tag, then the start code 9D 01 2A.
                    if (size < 10 || u8(data, payload + 3) != 0x9D || u8(data, payload + 4) != 0x01
                            || u8(data, payload + 5) != 0x2A) {
                        throw new MalformedImageException("VP8 chunk without a key frame start code");
                    }
                    sawBitstream = true;
                }
                case "VP8L" -> {
                    if (size < 5 || u8(data, payload) != 0x2F) {
                        throw new MalformedImageException("VP8L chunk without its signature");
                    }
                    sawBitstream = true;
                }
                case "ANMF" -> sawBitstream |= animated;
                default -> { }
            }
            if (KEPT.contains(fourcc)) {
                // The last chunk's pad byte may be missing; the copy always has it.
                byte[] chunk = Arrays.copyOfRange(data, pos, pos + 8 + (int) padded);
                if (fourcc.equals("VP8X")) {
                    chunk[8] &= (byte) ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
                }
                body.writeBytes(chunk);
            }
            first = false;
            pos = next;
            if (!extended) {
                break;
            }
        }
        if (!sawBitstream) {
            throw new MalformedImageException("no image bitstream chunk");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 12);
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        long riffSize = 4L + body.size();
        out.write((int) riffSize & 0xFF);
        out.write((int) (riffSize >>> 8) & 0xFF);
        out.write((int) (riffSize >>> 16) & 0xFF);
        out.write((int) (riffSize >>> 24) & 0xFF);
        out.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static long u32le(byte[] data, int i) {
        return (data[i] & 0xFFL) | ((data[i + 1] & 0xFFL) << 8) | ((data[i + 2] & 0xFFL) << 16)
                | ((data[i + 3] & 0xFFL) << 24);
    }

    private static int u8(byte[] data, int i) {
        return data[i] & 0xFF;
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String fourcc) {
        return fourcc.replaceAll("[^A-Za-z0-9 ]", "?");
    }
}
