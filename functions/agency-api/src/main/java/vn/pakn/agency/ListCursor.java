package vn.pakn.agency;

import java.util.regex.Pattern;
import vn.pakn.aws.http.PageCursor;
import vn.pakn.domain.error.InputError;

/**
 * The inbox listing's {@link PageCursor}: scoped to the agency, bound to the listing (statuses or
 * overdue), resuming after the sort key of the last entry served (resolve deadline and id, unique
 * in every shelf). Not signed, because it cannot widen access: the index partition always comes
 * from the caller's token, the cursor only says where in it to resume.
 */
final class ListCursor {
    /** What {@code ComplaintItems.indexKeys} writes: an ISO instant (or nothing), '#', a ULID. */
    private static final Pattern SORT_KEY = Pattern.compile("[0-9TZ:.+-]{0,40}#[0-9A-HJKMNP-TV-Z]{26}");

    private ListCursor() {
    }

    static String encode(String agencyId, String view, String after) {
        return PageCursor.encode(agencyId, view, after);
    }

    /**
     * @return the sort key to resume after
     * @throws InputError 400 {@code invalid_cursor} when the cursor is damaged, or was issued to
     *                    another agency or for another listing
     */
    static String decode(String cursor, String agencyId, String view) {
        return PageCursor.decode(cursor, agencyId, view, SORT_KEY);
    }
}
