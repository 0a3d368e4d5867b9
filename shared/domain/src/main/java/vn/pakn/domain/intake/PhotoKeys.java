package vn.pakn.domain.intake;


/** Object keys in the photos bucket (docs/data-model.md, "Buckets"): written by the photo check, read by agencies and the public feed. */
public final class PhotoKeys {
    private PhotoKeys() {
    }

    public static String original(String uploadId, ImageType type) {
        return "original/" + uploadId + "." + type.extension();
    }

    public static String publicCopy(String uploadId, ImageType type) {
        return "public/" + uploadId + "." + type.extension();
    }

    public static String thumbnail(String uploadId) {
        return "thumb/" + uploadId + ".jpg";
    }

    public static String quarantine(String uploadId) {
        return "quarantine/" + uploadId;
    }
}
