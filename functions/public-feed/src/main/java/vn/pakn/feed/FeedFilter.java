package vn.pakn.feed;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import vn.pakn.domain.complaint.Status;

/**
 * What the caller asked the list for; each part null when not asked.
 *
 * @param area     an area code: complaints in it or any area below it
 * @param statuses current statuses, any of them
 * @param from     first day of receipt, Vietnamese calendar, inclusive
 * @param to       last day of receipt, inclusive
 */
public record FeedFilter(String area, String category, Set<Status> statuses, LocalDate from, LocalDate to) {
    public FeedFilter {
        statuses = statuses == null ? null : Set.copyOf(statuses);
    }

    public static FeedFilter none() {
        return new FeedFilter(null, null, null, null, null);
    }

    /** Whether the filter drops complaints beyond the categories kept out of the feed. */
    boolean narrows() {
        return area != null || category != null || statuses != null;
    }

    /** The same text for the same filter however it was written: a cursor is bound to it. */
    String view() {
        String states = statuses == null ? "" : EnumSet.copyOf(statuses).stream().map(Status::name)
                .collect(Collectors.joining(","));
        return "area=" + text(area) + ";category=" + text(category) + ";status=" + states
                + ";from=" + text(from) + ";to=" + text(to);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
