package vn.pakn.agency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.error.InputError;

class ListCursorTest {
    private static final String AFTER = "2026-12-04T10:00:00Z#01KAAAAAAAAAAAAAAAAAAAAAAA";

    @Test
    void roundTrip_givesBackThePosition() {
        assertEquals(AFTER, ListCursor.decode(ListCursor.encode("a", "ASSIGNED", AFTER), "a", "ASSIGNED"));
    }

    @Test
    void cursor_isUrlSafe() {
        String cursor = ListCursor.encode("bn-ubnd-kinh-bac", "ASSIGNED,ACKNOWLEDGED", AFTER);
        assertEquals(cursor, java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    @Test
    void otherAgencyOtherViewOrBadPosition_isInvalidCursor() {
        String cursor = ListCursor.encode("a", "ASSIGNED", AFTER);
        for (Runnable decode : new Runnable[] {
                () -> ListCursor.decode(cursor, "b", "ASSIGNED"),
                () -> ListCursor.decode(cursor, "a", "overdue"),
                () -> ListCursor.decode(ListCursor.encode("a", "ASSIGNED", "AGENCY#b#ASSIGNED"), "a", "ASSIGNED"),
                () -> ListCursor.decode(ListCursor.encode("a", "ASSIGNED", null), "a", "ASSIGNED"),
                () -> ListCursor.decode(Base64.getUrlEncoder().encodeToString("{\"v\":2}".getBytes()), "a", "ASSIGNED"),
                () -> ListCursor.decode("!!", "a", "ASSIGNED")}) {
            InputError e = assertThrows(InputError.class, decode::run);
            assertEquals("invalid_cursor", e.code());
            assertEquals(InputError.Kind.INVALID, e.kind());
        }
    }
}
