package vn.pakn.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.intake.ImageType;
import vn.pakn.domain.intake.UploadPolicy;

class RejectionTest {
    private final PhotoInspector inspector = new PhotoInspector();

    private QuarantineReason reject(byte[] bytes, ImageType declared, long declaredLength) {
        return assertInstanceOf(Verdict.Rejected.class, inspector.inspect(bytes, declared, declaredLength)).reason();
    }

    private QuarantineReason reject(byte[] bytes, ImageType declared) {
        return reject(bytes, declared, bytes.length);
    }

    @Test
    void textNamedJpg_notAnImage() {
        assertEquals(QuarantineReason.NOT_AN_IMAGE, reject(TestImages.sample("not-an-image.jpg"), ImageType.JPEG));
    }

    @Test
    void pngDeclaredAsJpeg_typeMismatch() {
        assertEquals(QuarantineReason.TYPE_MISMATCH, reject(TestImages.sample("pothole.png"), ImageType.JPEG));
    }

    @Test
    void lengthOtherThanSigned_sizeMismatch() {
        byte[] jpeg = TestImages.sample("pothole.jpg");

        assertEquals(QuarantineReason.SIZE_MISMATCH, reject(jpeg, ImageType.JPEG, jpeg.length + 1L));
    }

    @Test
    void moreThanTenMebibytes_tooLarge() {
        byte[] big = new byte[(int) UploadPolicy.MAX_BYTES + 1];
        byte[] jpeg = TestImages.sample("pothole.jpg");
        System.arraycopy(jpeg, 0, big, 0, jpeg.length);

        assertEquals(QuarantineReason.TOO_LARGE, reject(big, ImageType.JPEG, UploadPolicy.MAX_BYTES));
    }

    @Test
    void truncatedJpeg_corruptImage() {
        byte[] jpeg = TestImages.sample("pothole.jpg");

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(Arrays.copyOf(jpeg, jpeg.length * 2 / 3), ImageType.JPEG));
    }

    @Test
    void truncatedJpegWithEndMarkerPatchedOn_decoderCatchesIt() {
        byte[] jpeg = TestImages.sample("pothole.jpg");
        byte[] patched = TestImages.concat(Arrays.copyOf(jpeg, jpeg.length / 2), new byte[] {(byte) 0xFF, (byte) 0xD9});

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(patched, ImageType.JPEG));
    }

    @Test
    void jpegWithoutImageData_corruptImage() {
        byte[] headerOnly = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(headerOnly, ImageType.JPEG));
    }

    @Test
    void pngWithDamagedByte_corruptImage() {
        byte[] png = TestImages.sample("pothole.png").clone();
        png[png.length / 2] ^= 0x55;

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(png, ImageType.PNG));
    }

    @Test
    void pngWithValidChecksumsButBrokenCompression_decoderCatchesIt() {
        byte[] png = TestImages.sample("pothole.png").clone();
        int idat = TestImages.indexOf(png, "IDAT".getBytes()) - 4;
        int length = ByteBuffer.wrap(png, idat, 4).getInt();
        for (int i = idat + 8 + 2; i < idat + 8 + length; i++) {
            png[i] = (byte) 0xFF;
        }
        CRC32 crc = new CRC32();
        crc.update(png, idat + 4, 4 + length);
        ByteBuffer.wrap(png, idat + 8 + length, 4).putInt((int) crc.getValue());

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(png, ImageType.PNG));
    }

    @Test
    void truncatedPng_corruptImage() {
        byte[] png = TestImages.sample("pothole.png");

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(Arrays.copyOf(png, png.length - 20), ImageType.PNG));
    }

    @Test
    void pngDeclaringHugeDimensions_tooLarge() {
        byte[] png = TestImages.sample("pothole.png").clone();
        ByteBuffer.wrap(png, 16, 8).putInt(20_000).putInt(20_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13);
        ByteBuffer.wrap(png, 8 + 8 + 13, 4).putInt((int) crc.getValue());

        assertEquals(QuarantineReason.TOO_LARGE, reject(png, ImageType.PNG));
    }

    @Test
    void truncatedWebp_corruptImage() {
        byte[] webp = TestImages.webpWithLocation();

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(Arrays.copyOf(webp, webp.length - 10), ImageType.WEBP));
    }

    @Test
    void webpWithoutBitstream_corruptImage() {
        byte[] webp = TestImages.riff(TestImages.riffChunk("VP8X", new byte[10]), TestImages.riffChunk("EXIF", new byte[8]));

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(webp, ImageType.WEBP));
    }

    @Test
    void heicWithOverrunningBox_corruptImage() {
        byte[] heic = TestImages.heic();

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(Arrays.copyOf(heic, heic.length - 3), ImageType.HEIC));
    }

    @Test
    void heicWithoutMetaBox_corruptImage() {
        byte[] heic = TestImages.concat(TestImages.box("ftyp", "heic\0\0\0\0mif1".getBytes()), TestImages.box("mdat", new byte[16]));

        assertEquals(QuarantineReason.CORRUPT_IMAGE, reject(heic, ImageType.HEIC));
    }
}
