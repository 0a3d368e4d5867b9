package vn.pakn.opendata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import vn.pakn.aws.log.Log;

/**
 * Streams each file to S3 in parts: a file of any size is written with one part's worth of memory
 * and no local disk (Lambda's /tmp is 512 MB by default; a million complaints make a file of that
 * order). A file smaller than one part is a single PutObject. Either way the object changes only
 * when the upload completes, so readers never see half a file.
 */
public final class S3OpenDataStore implements OpenDataStore {
    /** S3 takes parts of 5 MiB to 5 GiB, at most 10,000 of them: 8 MiB parts reach 80 GB. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** Files change once a night; an hour of caching spares the bucket without serving yesterday for long. */
    static final String CACHE_CONTROL = "public, max-age=3600";

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    public S3OpenDataStore(S3Client s3, String bucket) {
        this(s3, bucket, DEFAULT_PART_SIZE);
    }

    S3OpenDataStore(S3Client s3, String bucket, int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least 5 MiB");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    @Override
    public ObjectWriter open(String key, String contentType) {
        return new PartWriter(key, contentType);
    }

    private final class PartWriter extends ObjectWriter {
        private final String key;
        private final String contentType;
        private final byte[] buffer = new byte[partSize];
        private final List<CompletedPart> parts = new ArrayList<>();
        private int filled;
        private String uploadId;
        private boolean finished;

        PartWriter(String key, String contentType) {
            this.key = key;
            this.contentType = contentType;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            requireOpen();
            while (length > 0) {
                if (filled == buffer.length) {
                    // Only sent once more bytes come: a file of exactly one part stays a single PutObject.
                    sendPart();
                }
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        private void sendPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                        .cacheControl(CACHE_CONTROL)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) filled), body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        }

        private RequestBody body() {
            return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled);
        }

        @Override
        public void commit() throws IOException {
            requireOpen();
            if (uploadId == null) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).cacheControl(CACHE_CONTROL)
                        .contentLength((long) filled), body());
            } else {
                if (filled > 0) {
                    sendPart();
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            finished = true;
        }

        private void requireOpen() throws IOException {
            if (finished) {
                throw new IOException(key + " was already committed or abandoned");
            }
        }

        @Override
        public void close() {
            if (finished) {
                return;
            }
            finished = true;
            if (uploadId != null) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                } catch (RuntimeException e) {
                    // The bucket's lifecycle rule removes incomplete uploads after a day anyway.
                    Log.warn("opendata.abort_failed", "key", key, "error", e.getClass().getSimpleName());
                }
            }
        }
    }
}
