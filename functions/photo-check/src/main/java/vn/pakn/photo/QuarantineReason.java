package vn.pakn.photo;

/** Why an upload was quarantined, as the short machine code stored on the upload and the complaint. */
public enum QuarantineReason {
    NOT_AN_IMAGE("not-an-image"),
    TYPE_MISMATCH("type-mismatch"),
    SIZE_MISMATCH("size-mismatch"),
    CORRUPT_IMAGE("corrupt-image"),
    TOO_LARGE("too-large");

    private final String code;

    QuarantineReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
