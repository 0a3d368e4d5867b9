package vn.pakn.domain.complaint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a complaint reached the province; published in the statistics. */
public enum Channel {
    WEB, MOBILE, HOTLINE, EMAIL, OPEN311, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
    }
}
