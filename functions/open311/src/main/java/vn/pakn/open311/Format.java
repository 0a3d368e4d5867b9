package vn.pakn.open311;

import java.util.Locale;
import java.util.Optional;

/** The two output formats, chosen by the extension of the resource as GeoReport v2 prescribes. */
public enum Format {
    XML("xml", "text/xml; charset=utf-8", "text/xml"),
    JSON("json", "application/json; charset=utf-8", "application/json");

    private final String extension;
    private final String contentType;
    private final String mimeType;

    Format(String extension, String contentType, String mimeType) {
        this.extension = extension;
        this.contentType = contentType;
        this.mimeType = mimeType;
    }

    public String extension() {
        return extension;
    }

    /** The Content-Type header, charset included. */
    public String contentType() {
        return contentType;
    }

    /** As listed in the discovery document. */
    public String mimeType() {
        return mimeType;
    }

    public static Optional<Format> fromExtension(String extension) {
        String e = extension.toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.extension.equals(e)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * A path segment such as {@code services.json} or {@code 01J....xml}: the name before the last
     * dot and the format after it.
     */
    public record Document(String name, Format format) {
        /** Empty when there is no extension, an empty name, or an unknown format. */
        public static Optional<Document> parse(String segment) {
            if (segment == null) {
                return Optional.empty();
            }
            int dot = segment.lastIndexOf('.');
            if (dot <= 0 || dot == segment.length() - 1) {
                return Optional.empty();
            }
            return fromExtension(segment.substring(dot + 1)).map(f -> new Document(segment.substring(0, dot), f));
        }
    }
}
