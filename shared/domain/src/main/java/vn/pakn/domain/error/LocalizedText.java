package vn.pakn.domain.error;

import java.util.Objects;

/** Text a citizen may read, in Vietnamese (the default) and English. */
public record LocalizedText(String vi, String en) {
    public LocalizedText {
        Objects.requireNonNull(vi, "vi");
        Objects.requireNonNull(en, "en");
    }
}
