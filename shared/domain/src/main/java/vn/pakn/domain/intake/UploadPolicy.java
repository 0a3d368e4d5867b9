package vn.pakn.domain.intake;

import vn.pakn.domain.error.InputError;

/** Limits on photos, in one place so the API, the photo check and the docs agree. */
public final class UploadPolicy {
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_PHOTOS_PER_COMPLAINT = 5;

    private UploadPolicy() {
    }

    public static ImageType check(String contentType, Long contentLength) {
        if (contentType == null) {
            throw InputError.required("contentType");
        }
        ImageType type = ImageType.fromContentType(contentType).orElseThrow(() -> InputError.invalid(
                "unsupported_type", "contentType",
                "Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC.",
                "Only JPEG, PNG, WebP or HEIC photos are accepted."));
        if (contentLength == null) {
            throw InputError.required("contentLength");
        }
        if (contentLength <= 0) {
            throw InputError.invalid("out_of_range", "contentLength",
                    "Kích thước tệp phải lớn hơn 0.", "The file size must be greater than 0.");
        }
        if (contentLength > MAX_BYTES) {
            throw InputError.invalid("too_large", "contentLength",
                    "Ảnh không được lớn hơn 10 MiB.", "A photo must be at most 10 MiB.");
        }
        return type;
    }
}
