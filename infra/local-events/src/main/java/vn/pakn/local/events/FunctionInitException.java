package vn.pakn.local.events;

/** A function's handler could not be created; the message says what to do about it. */
public final class FunctionInitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FunctionInitException(String message, Throwable cause) {
        super(message, cause);
    }
}
