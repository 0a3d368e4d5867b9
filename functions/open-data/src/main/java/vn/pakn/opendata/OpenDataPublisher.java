package vn.pakn.opendata;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;

/**
 * Writes every open-data file under {@code open-data/}, each on its own, then datapackage.json
 * listing them with their size, SHA-256 and row count. Only the latest version of each file is
 * kept (docs/open-data.md says why). Running twice writes the same files twice; nothing else.
 */
public final class OpenDataPublisher {
    /** The bucket policy makes this prefix, and only this one, public. */
    public static final String PREFIX = "open-data/";

    private final List<OpenDataFile> files;
    private final OpenDataStore store;

    public OpenDataPublisher(List<OpenDataFile> files, OpenDataStore store) {
        this.files = List.copyOf(files);
        this.store = store;
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>(Set.of(DataPackage.PATH));
        for (OpenDataFile file : this.files) {
            if (!names.add(file.resource().name()) || !paths.add(file.resource().path())) {
                throw new IllegalArgumentException("Two open-data files share the name or path of "
                        + file.resource().path());
            }
        }
    }

    /** What one run published. */
    public record Summary(List<DataPackage.Entry> entries) {
        public List<String> failed() {
            return entries.stream().filter(e -> e.bytes() == null).map(e -> e.resource().path()).toList();
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (DataPackage.Entry e : entries) {
                out.append(out.length() == 0 ? "" : ", ").append(e.resource().path())
                        .append(e.bytes() == null ? " FAILED" : " " + e.rows() + " rows, " + e.bytes() + " bytes");
            }
            return out.append(", ").append(DataPackage.PATH).toString();
        }
    }

    public Summary publish(Instant now) {
        List<DataPackage.Entry> entries = new ArrayList<>();
        for (OpenDataFile file : files) {
            entries.add(publishSafely(file, now));
        }
        // Last, so it describes the files as they now are. A file that failed is still listed,
        // without size and hash: its previous version (if any) stays where it was.
        byte[] descriptor = Json.write(DataPackage.descriptor(entries, now)).getBytes(StandardCharsets.UTF_8);
        try (OpenDataStore.ObjectWriter out = store.open(PREFIX + DataPackage.PATH, "application/json; charset=utf-8")) {
            out.write(descriptor);
            out.commit();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + DataPackage.PATH, e);
        }
        return new Summary(entries);
    }

    private DataPackage.Entry publishSafely(OpenDataFile file, Instant now) {
        DataResource resource = file.resource();
        long t0 = System.nanoTime();
        try (OpenDataStore.ObjectWriter out = store.open(PREFIX + resource.path(), resource.contentType())) {
            Measured measured = new Measured(out);
            long rows = file.writeTo(measured, now);
            measured.flush();
            out.commit();
            Log.info("opendata.published", "path", resource.path(), "rows", rows, "bytes", measured.bytes,
                    "ms", (System.nanoTime() - t0) / 1_000_000);
            return new DataPackage.Entry(resource, measured.bytes, measured.sha256(), rows);
        } catch (IOException | RuntimeException e) {
            // One file's failure must not keep the others from being refreshed.
            Log.error("opendata.failed", e, "path", resource.path());
            return DataPackage.Entry.failed(resource);
        }
    }

    /** Counts and hashes what passes through, for datapackage.json's bytes and hash. */
    private static final class Measured extends FilterOutputStream {
        private final MessageDigest digest;
        private long bytes;

        Measured(OutputStream out) {
            super(out);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            bytes += len;
        }

        @Override
        public void close() {
            // The writer is closed by its owner, after commit.
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
