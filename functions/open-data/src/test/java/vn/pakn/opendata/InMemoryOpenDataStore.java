package vn.pakn.opendata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Objects by key, each replaced whole on commit, as S3 does. */
final class InMemoryOpenDataStore implements OpenDataStore {
    record StoredObject(byte[] bytes, String contentType) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

    @Override
    public ObjectWriter open(String key, String contentType) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ObjectWriter() {
            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                objects.put(key, new StoredObject(buffer.toByteArray(), contentType));
            }
        };
    }

    StoredObject get(String key) {
        StoredObject o = objects.get(key);
        if (o == null) {
            throw new AssertionError("no object " + key + "; have " + objects.keySet());
        }
        return o;
    }
}
