package vn.pakn.feed;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.pakn.domain.sla.WorkingCalendar;

/**
 * Where a walk of the feed (newest first) stands: at the top of a month, before its newest
 * complaint, or just after a complaint (its receipt time and id, unique). Months are those of
 * the Vietnamese calendar, as the feed's index partitions them.
 *
 * @param receivedAt null at the top of the month
 * @param id         null at the top of the month
 */
public record FeedPosition(YearMonth month, Instant receivedAt, String id) {
    /** Its text form: {@code yyyy-MM}, or an ISO instant, '#', a complaint id (ULID). */
    static final Pattern TEXT = Pattern.compile(
            "\\d{4}-\\d{2}|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z#[0-9A-HJKMNP-TV-Z]{26}");

    public FeedPosition {
        Objects.requireNonNull(month, "month");
        if ((receivedAt == null) != (id == null)) {
            throw new IllegalArgumentException("A position is a month's top or a complaint");
        }
    }

    public static FeedPosition top(YearMonth month) {
        return new FeedPosition(month, null, null);
    }

    public static FeedPosition after(Instant receivedAt, String id) {
        return new FeedPosition(monthOf(receivedAt), receivedAt, id);
    }

    static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(WorkingCalendar.VIETNAM));
    }

    boolean atTop() {
        return receivedAt == null;
    }

    String text() {
        return atTop() ? month.toString() : receivedAt + "#" + id;
    }

    /** @throws IllegalArgumentException when {@code text} does not have the shape {@link #TEXT} */
    static FeedPosition parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a feed position");
        }
        try {
            int hash = text.indexOf('#');
            return hash < 0 ? top(YearMonth.parse(text))
                    : after(Instant.parse(text.substring(0, hash)), text.substring(hash + 1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a feed position", e);
        }
    }
}
