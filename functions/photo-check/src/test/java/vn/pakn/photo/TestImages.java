package vn.pakn.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds test images that carry a location the way phones write it. */
final class TestImages {
    /** In the GPS IFD of every Exif block built here, so its survival is easy to detect. */
    static final String GPS_MARKER = "PAKN-GPS-DATUM-MARKER";
    static final String XMP_MARKER = "PAKN-XMP-GPS-MARKER";
    static final int GPS_IFD_POINTER_TAG = 0x8825;

    /** A 1x1 lossless WebP bitstream (the VP8L chunk payload of a widely used test image). */
    private static final byte[] VP8L_1X1 = Base64.getDecoder().decode("LwAAABAHEBERiIj+BwA=");

    private TestImages() {
    }

    static byte[] sample(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Four coloured quadrants, so rotation and scaling can be told apart. */
    static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(Color.GREEN);
        g.fillRect(width / 2, 0, width - width / 2, height / 2);
        g.setColor(Color.BLUE);
        g.fillRect(0, height / 2, width / 2, height - height / 2);
        g.setColor(Color.YELLOW);
        g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("not decodable");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /**
     * A TIFF block as Exif stores it: IFD0 with the orientation (if not 0) and a pointer to a GPS
     * IFD holding latitude, longitude and a datum string carrying {@link #GPS_MARKER}.
     */
    static byte[] exifTiff(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        int ifd0Entries = orientation > 0 ? 2 : 1;
        int gpsIfd = 8 + 2 + 12 * ifd0Entries + 4;
        b.putShort((short) ifd0Entries);
        if (orientation > 0) {
            b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        }
        b.putShort((short) GPS_IFD_POINTER_TAG).putShort((short) 4).putInt(1).putInt(gpsIfd);
        b.putInt(0);
        int gpsEntries = 5;
        int data = gpsIfd + 2 + 12 * gpsEntries + 4;
        byte[] datum = (GPS_MARKER + "\0").getBytes(StandardCharsets.US_ASCII);
        int latitude = data;
        int longitude = latitude + 24;
        int datumAt = longitude + 24;
        b.putShort((short) gpsEntries);
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        b.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(latitude);
        b.putShort((short) 0x0003).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        b.putShort((short) 0x0004).putShort((short) 5).putInt(3).putInt(longitude);
        b.putShort((short) 0x0012).putShort((short) 2).putInt(datum.length).putInt(datumAt);
        b.putInt(0);
        b.putInt(21).putInt(1).putInt(11).putInt(1).putInt(4321).putInt(100);
        b.putInt(106).putInt(1).putInt(4).putInt(1).putInt(1234).putInt(100);
        b.put(datum);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static String xmpPacket() {
        return "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"
                + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"21,11.432N\""
                + " exif:GPSLongitude=\"106,4.123E\" exif:GPSMapDatum=\"" + XMP_MARKER + "\"/></rdf:RDF>"
                + "</x:xmpmeta><?xpacket end=\"w\"?>";
    }

    /**
     * A JPEG as a phone writes it: Exif APP1 (orientation, GPS) right after SOI, an XMP APP1 with
     * the location again, a comment, and a second picture with its own Exif appended after EOI.
     *
     * @param orientation 0 for no orientation tag
     */
    static byte[] jpegWithLocation(BufferedImage image, int orientation) {
        byte[] plain = encode(image, "jpeg");
        List<byte[]> parts = new ArrayList<>();
        parts.add(new byte[] {(byte) 0xFF, (byte) 0xD8});
        parts.add(segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exifTiff(orientation))));
        parts.add(segment(0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
                xmpPacket().getBytes(StandardCharsets.UTF_8))));
        parts.add(segment(0xFE, ("taken at " + XMP_MARKER).getBytes(StandardCharsets.US_ASCII)));
        // ImageIO's own output: its JFIF APP0 and everything after it.
        parts.add(Arrays.copyOfRange(plain, 2, plain.length));
        byte[] appended = concat(new byte[] {(byte) 0xFF, (byte) 0xD8},
                segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exifTiff(0))),
                Arrays.copyOfRange(plain, 2, plain.length));
        parts.add(appended);
        return concat(parts.toArray(new byte[0][]));
    }

    /** A PNG with an eXIf chunk (GPS), an iTXt XMP packet and a tEXt comment before the image data. */
    static byte[] pngWithLocation(BufferedImage image) {
        byte[] plain = encode(image, "png");
        int afterIhdr = 8 + 12 + 13;
        return concat(Arrays.copyOfRange(plain, 0, afterIhdr),
                chunk("eXIf", exifTiff(1)),
                chunk("iTXt", concat("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
                        xmpPacket().getBytes(StandardCharsets.UTF_8))),
                chunk("tEXt", ("Comment\0" + XMP_MARKER).getBytes(StandardCharsets.ISO_8859_1)),
                Arrays.copyOfRange(plain, afterIhdr, plain.length));
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        b.put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** An extended-format WebP (VP8X + 1x1 VP8L) with EXIF and XMP chunks and their VP8X flags set. */
    static byte[] webpWithLocation() {
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04;
        return riff(riffChunk("VP8X", vp8x), riffChunk("VP8L", VP8L_1X1),
                riffChunk("EXIF", exifTiff(1)), riffChunk("XMP ", xmpPacket().getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return b.array();
    }

    static byte[] riffChunk(String fourcc, byte[] data) {
        int padded = data.length + (data.length & 1);
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fourcc.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return b.array();
    }

    /** The box layout of a HEIC file: ftyp, meta (where Exif items live), mdat. */
    static byte[] heic() {
        return concat(box("ftyp", concat("heic".getBytes(StandardCharsets.ISO_8859_1), new byte[4],
                        "mif1heic".getBytes(StandardCharsets.ISO_8859_1))),
                box("meta", concat(new byte[4], box("hdlr", new byte[25]))),
                box("mdat", ("exif and image data " + GPS_MARKER).getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] box(String type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload);
        return b.array();
    }

    static byte[] segment(int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (2 + payload.length)).put(payload);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static boolean contains(byte[] haystack, String needle) {
        return indexOf(haystack, needle.getBytes(StandardCharsets.ISO_8859_1)) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The markers of a JPEG's segments up to the first scan, with their payloads. */
    static List<Segment> jpegSegments(byte[] jpeg) {
        List<Segment> segments = new ArrayList<>();
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            segments.add(new Segment(marker, Arrays.copyOfRange(jpeg, pos + 4, pos + 2 + length)));
            if (marker == 0xDA) {
                break;
            }
            pos += 2 + length;
        }
        return segments;
    }

    record Segment(int marker, byte[] payload) {
        boolean startsWith(String prefix) {
            return indexOf(payload, prefix.getBytes(StandardCharsets.ISO_8859_1)) == 0;
        }
    }

    /** The four-character types of a PNG's chunks, in order. */
    static List<String> pngChunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        int pos = 8;
        while (pos + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            types.add(new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1));
            pos += 12 + length;
        }
        return types;
    }
}
