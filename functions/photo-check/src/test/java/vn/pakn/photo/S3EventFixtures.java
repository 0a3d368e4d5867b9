package vn.pakn.photo;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * S3 notifications as Lambda delivers them (capitalised {@code Records}), read with the
 * serializer the Lambda Java runtime itself uses, so a handler sees exactly what it would on AWS.
 */
final class S3EventFixtures {
    private S3EventFixtures() {
    }

    /** @param encodedKey the key as S3 writes it into events: URL-encoded */
    static String objectCreatedJson(String bucket, String encodedKey, long size) {
        try (InputStream in = S3EventFixtures.class.getResourceAsStream("/events/s3-object-created.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${bucket}", bucket)
                    .replace("${key}", encodedKey)
                    .replace("${size}", Long.toString(size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static S3Event parse(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, S3EventFixtures.class.getClassLoader()).fromJson(json);
    }

    static S3Event objectCreated(String bucket, String encodedKey, long size) {
        return parse(objectCreatedJson(bucket, encodedKey, size));
    }
}
