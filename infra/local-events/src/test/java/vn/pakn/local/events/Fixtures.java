package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads JSON fixtures of real events the way the Lambda Java runtime deserialises them. */
final class Fixtures {

    private Fixtures() {}

    static <T> T event(String resource, Class<T> type) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + resource);
            }
            return LambdaEventSerializers.serializerFor(type, Fixtures.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
