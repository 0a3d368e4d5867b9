package vn.pakn.photo.image;

/** The bytes start like an image of their type but do not hold together as one. */
public final class MalformedImageException extends Exception {
    public MalformedImageException(String message) {
        super(message);
    }

    public MalformedImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
