package vn.pakn.aws.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.domain.error.InputError;

class PageLimitTest {

    @Test
    void absentOrBlank_isTheDefault() {
        assertEquals(20, PageLimit.parse(null, 20, 100));
        assertEquals(20, PageLimit.parse("  ", 20, 100));
    }

    @Test
    void wholeNumberWithinBounds_isTaken() {
        assertEquals(1, PageLimit.parse("1", 20, 100));
        assertEquals(100, PageLimit.parse(" 100 ", 20, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101", "ten", "2.5", "99999999999"})
    void outOfRangeOrNotANumber_isRefusedNamingTheLimitAndTheBounds(String value) {
        InputError error = assertThrows(InputError.class, () -> PageLimit.parse(value, 20, 100));
        assertEquals("out_of_range", error.code());
        assertEquals("limit", error.field());
        assertEquals(InputError.Kind.INVALID, error.kind());
        assertEquals("Số phản ánh mỗi trang từ 1 đến 100.", error.text().vi());
    }
}
