package vn.pakn.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.pakn.local.aws.SamTemplate;
import vn.pakn.local.events.HttpApiResponse;

/**
 * The web client (docs/web-client.md) on the API's port, as the template's WebDistribution serves
 * it in AWS: {@code GET /} and {@code GET /<file>} for every path no API route takes. Files come
 * from the checkout's {@code web/} directory, read on every request so an edit shows on reload, or,
 * outside a checkout, from the copy built into pakn-local.jar. {@code config.js} is written here,
 * as infra/deploy-web writes it in AWS: the API is on the same origin, and the local sign-in exists.
 */
final class WebClientFiles implements Function<String, HttpApiResponse> {
    /** The client's directory at the root of the checkout. */
    static final String DIRECTORY = "web";
    /** The same files inside pakn-local.jar (infra/local/pom.xml). */
    static final String BUNDLED = "pakn/web/";
    static final String INDEX = "index.html";
    static final String CONFIG = "config.js";

    private final Path directory;
    private final byte[] config;
    private final String contentSecurityPolicy;

    private WebClientFiles(Path directory, String localSignInPath, URI s3Endpoint) {
        this.directory = directory;
        this.config = config(localSignInPath).getBytes(StandardCharsets.UTF_8);
        this.contentSecurityPolicy = contentSecurityPolicy(s3Endpoint);
    }

    /**
     * The checkout's web client next to {@code template}, else the bundled copy, else null (a jar
     * built without it).
     *
     * @param localSignInPath where the console signs in locally, or null when there is no JWT authorizer
     * @param s3Endpoint where the browser uploads photos and loads them from (presigned URLs)
     */
    static WebClientFiles locate(SamTemplate template, String localSignInPath, URI s3Endpoint) {
        if (template.path() != null) {
            Path inCheckout = template.path().toAbsolutePath().getParent().resolve(DIRECTORY);
            if (Files.isRegularFile(inCheckout.resolve(INDEX))) {
                return new WebClientFiles(inCheckout.normalize(), localSignInPath, s3Endpoint);
            }
        }
        if (WebClientFiles.class.getClassLoader().getResource(BUNDLED + INDEX) != null) {
            return new WebClientFiles(null, localSignInPath, s3Endpoint);
        }
        return null;
    }

    /** Where the files are read from, for the start-up summary. */
    String source() {
        return directory == null ? "built into pakn-local.jar" : directory.toString();
    }

    @Override
    public HttpApiResponse apply(String rawPath) {
        String path = "/".equals(rawPath) ? INDEX : OpenDataFiles.safePath(rawPath, "/");
        if (path == null || List.of(path.split("/")).stream().anyMatch(segment -> segment.startsWith("."))) {
            return OpenDataFiles.notFound();
        }
        byte[] body = path.equals(CONFIG) ? config : read(path);
        if (body == null) {
            return OpenDataFiles.notFound();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(OpenDataFiles.contentType(path, null)));
        // Always revalidated: an edited file shows on the next reload.
        headers.put("cache-control", List.of("no-cache"));
        headers.put("x-content-type-options", List.of("nosniff"));
        headers.put("referrer-policy", List.of("no-referrer"));
        headers.put("content-security-policy", List.of(contentSecurityPolicy));
        return new HttpApiResponse(200, headers, body);
    }

    private byte[] read(String path) {
        try {
            if (directory != null) {
                Path file = directory.resolve(path).normalize();
                return file.startsWith(directory) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
            try (InputStream in = WebClientFiles.class.getClassLoader().getResourceAsStream(BUNDLED + path)) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the web client's " + path, e);
        }
    }

    static String config(String localSignInPath) {
        StringBuilder out = new StringBuilder();
        out.append("// Written by the local runtime (infra/local WebClientFiles); infra/deploy-web writes it in AWS.\n");
        out.append("window.PAKN_CONFIG = {\"apiBase\": \"\"");
        if (localSignInPath != null) {
            out.append(", \"localSignIn\": \"").append(localSignInPath).append('"');
        }
        return out.append("};\n").toString();
    }

    /**
     * The policy the WebDistribution's response headers set in AWS (template.yaml), with the local
     * S3 endpoint in place of {@code https://*.amazonaws.com}: no inline script or style anywhere.
     */
    static String contentSecurityPolicy(URI s3Endpoint) {
        String s3 = s3Endpoint == null ? "" : " " + s3Endpoint.getScheme() + "://" + s3Endpoint.getAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + s3
                + "; connect-src 'self'" + s3 + "; object-src 'none'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none'";
    }
}
