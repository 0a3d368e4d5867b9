package vn.pakn.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import vn.pakn.local.events.HttpApiResponse;

/**
 * {@code GET /open-data/<path>} on the API's port: the objects the open-data publisher wrote to the
 * OpenData bucket, as the bucket's public URL serves them in AWS (docs/open-data.md). Only keys
 * under {@code open-data/}, the one prefix the bucket policy makes public.
 */
final class OpenDataFiles implements Function<String, HttpApiResponse> {
    /** The URL prefix, and the key prefix: {@code /open-data/complaints.csv} is key {@code open-data/complaints.csv}. */
    static final String PREFIX = "/open-data/";
    /** The template's bucket, by logical id. */
    static final String BUCKET = "OpenDataBucket";
    /** The function that writes it, run once at start so the files exist before the first night. */
    static final String PUBLISHER = "OpenDataFunction";

    /** By file extension, for objects stored without a type and for the web client's files ({@link WebClientFiles}). */
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("ico", "image/x-icon"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final S3Client s3;
    private final String bucket;

    OpenDataFiles(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public HttpApiResponse apply(String rawPath) {
        String key = key(rawPath);
        if (key == null) {
            return notFound();
        }
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // S3 itself answers 403 here (the public may not list the bucket); 404 says what happened.
            return notFound();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(contentType(key, object.response().contentType())));
        headers.put("access-control-allow-origin", List.of("*"));
        if (object.response().cacheControl() != null) {
            headers.put("cache-control", List.of(object.response().cacheControl()));
        }
        if (object.response().eTag() != null) {
            headers.put("etag", List.of(object.response().eTag()));
        }
        return new HttpApiResponse(200, headers, object.asByteArray());
    }

    /**
     * The object key for a request path, or null when it is not a plain path under the prefix: no
     * {@code .} or {@code ..} segments, no empty ones, no backslashes or control characters, even
     * percent-encoded.
     */
    static String key(String rawPath) {
        return safePath(rawPath, PREFIX);
    }

    /**
     * The decoded request path without its leading {@code /} when it is a plain path under
     * {@code prefix} (see {@link #key}), else null: what a file server may look up.
     */
    static String safePath(String rawPath, String prefix) {
        if (rawPath == null || !rawPath.startsWith(prefix)) {
            return null;
        }
        String path = decode(rawPath);
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        String key = path.substring(1);
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                return null;
            }
        }
        return key;
    }

    /** The path with percent-escapes decoded, or null when it is not a valid URI path. */
    private static String decode(String rawPath) {
        try {
            return new URI("http://localhost" + rawPath).getPath();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** What the publisher stored the object with, else by the key's extension. */
    static String contentType(String key, String stored) {
        if (stored != null && !stored.isBlank() && !stored.startsWith("binary/") && !stored.equals("application/octet-stream")) {
            return stored;
        }
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    static HttpApiResponse notFound() {
        return new HttpApiResponse(404, Map.of("content-type", List.of("application/json")),
                "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
    }
}
