package vn.pakn.opendata;

import java.io.IOException;
import java.io.OutputStream;

/** Port: where the files go (the open-data bucket, under {@code open-data/}). */
public interface OpenDataStore {

    /** Starts writing the object at {@code key}; readers keep seeing the previous version until {@link ObjectWriter#commit()}. */
    ObjectWriter open(String key, String contentType);

    /** The bytes of one object. Closing it without {@link #commit()} abandons them and changes nothing. */
    abstract class ObjectWriter extends OutputStream {
        /** Makes what was written the object, at once and whole. */
        public abstract void commit() throws IOException;
    }
}
