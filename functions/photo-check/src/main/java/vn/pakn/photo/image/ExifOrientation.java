package vn.pakn.photo.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one Exif tag a public copy keeps. Phones store many photos sideways and let the Exif
 * orientation turn them upright; dropping it with the rest of the Exif block would show them
 * rotated, so the public copy gets a fresh Exif block holding only this tag.
 */
public final class ExifOrientation {
    public static final int NORMAL = 1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_RATIONAL = 5;

    private ExifOrientation() {
    }

    /** The orientation (1-8) in a TIFF structure as Exif carries it; 1 when absent or unreadable. */
    public static int read(byte[] data, int tiffStart, int tiffEnd) {
        try {
            if (tiffEnd - tiffStart < 8) {
                return NORMAL;
            }
            ByteBuffer tiff = ByteBuffer.wrap(data, tiffStart, tiffEnd - tiffStart).slice();
            if (tiff.get(0) == 'I' && tiff.get(1) == 'I') {
                tiff.order(ByteOrder.LITTLE_ENDIAN);
            } else if (tiff.get(0) == 'M' && tiff.get(1) == 'M') {
                tiff.order(ByteOrder.BIG_ENDIAN);
            } else {
                return NORMAL;
            }
            long ifd0 = Integer.toUnsignedLong(tiff.getInt(4));
            if (ifd0 < 8 || ifd0 + 2 > tiff.limit()) {
                return NORMAL;
            }
            int entries = Short.toUnsignedInt(tiff.getShort((int) ifd0));
            for (int i = 0; i < entries; i++) {
                int entry = (int) ifd0 + 2 + 12 * i;
                if (entry + 12 > tiff.limit()) {
                    return NORMAL;
                }
                if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG
                        && Short.toUnsignedInt(tiff.getShort(entry + 2)) == TYPE_SHORT) {
                    int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
                    return value >= 1 && value <= 8 ? value : NORMAL;
                }
            }
            return NORMAL;
        } catch (IndexOutOfBoundsException e) {
            return NORMAL;
        }
    }

    /**
     * A JPEG APP1 segment (marker included) whose Exif block holds the orientation and, so that
     * strict readers accept it, the other tags Exif requires in IFD0, at their default values.
     */
    public static byte[] jpegSegment(int orientation) {
        int entries = 5;
        int ifdEnd = 8 + 2 + 12 * entries + 4;
        int tiffLength = ifdEnd + 16;
        ByteBuffer out = ByteBuffer.allocate(4 + 6 + tiffLength).order(ByteOrder.BIG_ENDIAN);
        out.put((byte) 0xFF).put((byte) 0xE1);
        out.putShort((short) (2 + 6 + tiffLength));
        out.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.put(new byte[] {'M', 'M', 0, 42});
        out.putInt(8);
        out.putShort((short) entries);
        out.putShort((short) ORIENTATION_TAG).putShort((short) TYPE_SHORT).putInt(1)
                .putShort((short) orientation).putShort((short) 0);
        out.putShort((short) 0x011A).putShort((short) TYPE_RATIONAL).putInt(1).putInt(ifdEnd);
        out.putShort((short) 0x011B).putShort((short) TYPE_RATIONAL).putInt(1).putInt(ifdEnd + 8);
        out.putShort((short) 0x0128).putShort((short) TYPE_SHORT).putInt(1).putShort((short) 2).putShort((short) 0);
        out.putShort((short) 0x0213).putShort((short) TYPE_SHORT).putInt(1).putShort((short) 1).putShort((short) 0);
        out.putInt(0);
        out.putInt(72).putInt(1).putInt(72).putInt(1);
        return out.array();
    }
}
