package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import org.junit.jupiter.api.Test;

class S3NotifierTest {

    @Test
    void keys_areEncodedAsS3EncodesThemInNotifications() {
        assertEquals("incoming/u-1/photo.jpg", S3Notifier.encodeKey("incoming/u-1/photo.jpg"));
        assertEquals("incoming/red+flower.jpg", S3Notifier.encodeKey("incoming/red flower.jpg"));
        assertEquals("year%3D2024/a%2Bb.jpg", S3Notifier.encodeKey("year=2024/a+b.jpg"));
        assertEquals("%E1%BA%A3nh%281%29.heic", S3Notifier.encodeKey("ảnh(1).heic"));
    }

    @Test
    void record_hasTheFieldsS3Sends_andTheKeyDecodesBack() {
        S3EventNotification.S3EventNotificationRecord record = S3Notifier.record("ObjectCreated:Put", "uploads",
                "us-east-1", "incoming/a b+c.jpg", 42L, "9b2cf535f27731c974343645a3985328", "PhotoUploaded");
        assertEquals("2.1", record.getEventVersion());
        assertEquals("aws:s3", record.getEventSource());
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals("us-east-1", record.getAwsRegion());
        assertEquals("1.0", record.getS3().getS3SchemaVersion());
        assertEquals("PhotoUploaded", record.getS3().getConfigurationId());
        assertEquals("uploads", record.getS3().getBucket().getName());
        assertEquals("arn:aws:s3:::uploads", record.getS3().getBucket().getArn());
        assertEquals("incoming/a+b%2Bc.jpg", record.getS3().getObject().getKey());
        assertEquals("incoming/a b+c.jpg", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(42L, record.getS3().getObject().getSizeAsLong());
        assertEquals("9b2cf535f27731c974343645a3985328", record.getS3().getObject().geteTag());
        assertEquals(16, record.getS3().getObject().getSequencer().length());
        assertNull(record.getS3().getObject().getVersionId());
    }
}
