package vn.pakn.photo;

/** An object an S3 event reported, with its key already URL-decoded. */
public record UploadedObject(String bucket, String key) {
}
