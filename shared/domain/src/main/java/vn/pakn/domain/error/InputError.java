package vn.pakn.domain.error;

import java.util.Objects;

/**
 * A request the caller can fix: it names the field, the reason as a stable code, and a message
 * in Vietnamese and English. Thrown before anything is written.
 */
public final class InputError extends RuntimeException {

    /** How the error maps onto the caller's expectations; adapters turn it into a status code. */
    public enum Kind {
        /** The request is wrong as sent. */
        INVALID,
        NOT_FOUND,
        /** The request clashes with the current state (e.g. a photo already used elsewhere). */
        CONFLICT,
        /** Well-formed but cannot be honoured, e.g. an idempotency key reused for another body. */
        UNPROCESSABLE,
        TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        /** No valid sign-in reached the function (HTTP 401). */
        UNAUTHENTICATED,
        /** Signed in, but this caller may not do this (HTTP 403). */
        FORBIDDEN
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final LocalizedText text;

    public InputError(Kind kind, String code, String field, LocalizedText text) {
        super(code + (field == null ? "" : " at " + field) + ": " + text.en());
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.field = field;
        this.text = Objects.requireNonNull(text);
    }

    public static InputError invalid(String code, String field, String vi, String en) {
        return new InputError(Kind.INVALID, code, field, new LocalizedText(vi, en));
    }

    public static InputError required(String field) {
        return invalid("required", field, "Trường này là bắt buộc.", "This field is required.");
    }

    public static InputError tooLong(String field, int max) {
        return invalid("too_long", field,
                "Không được dài quá " + max + " ký tự.", "Must be at most " + max + " characters.");
    }

    public static InputError notFound(String code, String field, String vi, String en) {
        return new InputError(Kind.NOT_FOUND, code, field, new LocalizedText(vi, en));
    }

    public static InputError conflict(String code, String field, String vi, String en) {
        return new InputError(Kind.CONFLICT, code, field, new LocalizedText(vi, en));
    }

    public static InputError unauthenticated(String code, String vi, String en) {
        return new InputError(Kind.UNAUTHENTICATED, code, null, new LocalizedText(vi, en));
    }

    public static InputError forbidden(String code, String vi, String en) {
        return new InputError(Kind.FORBIDDEN, code, null, new LocalizedText(vi, en));
    }

    public Kind kind() { return kind; }
    public String code() { return code; }
    /** The offending field as a JSON path such as {@code photos[2]}, or null for the whole request. */
    public String field() { return field; }
    public LocalizedText text() { return text; }
}
