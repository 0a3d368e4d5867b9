package vn.pakn.domain.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void laterIds_sortAfterEarlierOnes() {
        String earlier = Ids.newId(Instant.parse("2026-01-01T00:00:00Z"));
        String later = Ids.newId(Instant.parse("2026-01-01T00:00:00.001Z"));
        assertTrue(earlier.compareTo(later) < 0);
        assertEquals(26, earlier.length());
        assertTrue(earlier.matches("[0-9A-HJKMNP-TV-Z]{26}"));
    }

    @Test
    void sameMillisecond_stillDistinct() {
        Instant now = Instant.now();
        assertNotEquals(Ids.newId(now), Ids.newId(now));
    }
}
