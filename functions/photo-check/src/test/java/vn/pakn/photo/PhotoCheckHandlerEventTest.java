package vn.pakn.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoCheckHandlerEventTest {

    @Test
    void lambdaS3NotificationJson_yieldsBucketAndKey() {
        S3Event event = S3EventFixtures.objectCreated("pakn-dev-uploads", "incoming/01JD4Y5G9Q0ABCDEF", 8347);

        assertEquals(List.of(new UploadedObject("pakn-dev-uploads", "incoming/01JD4Y5G9Q0ABCDEF")),
                PhotoCheckHandler.uploadedObjects(event));
    }

    @Test
    void encodedKey_decodedAsS3EncodesIt() {
        S3Event event = S3EventFixtures.objectCreated("b", "incoming/a+b%2Bc%C3%A1", 1);

        assertEquals("incoming/a b+cá", PhotoCheckHandler.uploadedObjects(event).get(0).key());
    }

    @Test
    void eventWithoutRecords_nothingToCheck() {
        assertEquals(List.of(), PhotoCheckHandler.uploadedObjects(S3EventFixtures.parse("{\"Records\": []}")));
        assertEquals(List.of(), PhotoCheckHandler.uploadedObjects(S3EventFixtures.parse("{}")));
    }
}
