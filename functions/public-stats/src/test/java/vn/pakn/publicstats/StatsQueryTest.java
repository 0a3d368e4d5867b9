package vn.pakn.publicstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.GroupingKey;

class StatsQueryTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-03-25");

    private static StatsQuery parse(String... pairs) {
        Map<String, String> q = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return StatsQuery.parse(q, TODAY);
    }

    private static InputError rejected(String... pairs) {
        return assertThrows(InputError.class, () -> parse(pairs));
    }

    @Test
    void noParameters_firstOfTheMonthToToday_wholeProvince() {
        StatsQuery q = StatsQuery.parse(null, TODAY);
        assertEquals(LocalDate.parse("2026-03-01"), q.from());
        assertEquals(TODAY, q.to());
        assertEquals(StatsQuery.GroupBy.NONE, q.groupBy());
        assertEquals(GroupingKey.PROVINCE, q.filterKey());
    }

    @Test
    void onlyTo_fromIsTheFirstOfThatMonth() {
        StatsQuery q = parse("to", "2026-01-17");
        assertEquals(LocalDate.parse("2026-01-01"), q.from());
        assertEquals(LocalDate.parse("2026-01-17"), q.to());
    }

    @Test
    void explicitPeriod_keptAsGiven_whetherItIncludesToday() {
        StatsQuery past = parse("from", "2025-12-30", "to", "2026-02-02");
        assertEquals(LocalDate.parse("2025-12-30"), past.from());
        assertEquals(LocalDate.parse("2026-02-02"), past.to());
        assertTrue(!past.includes(TODAY));
        assertTrue(parse("from", "2026-03-25").includes(TODAY));
    }

    @ParameterizedTest
    @CsvSource({"from,2026-3-1", "from,01/03/2026", "to,2026-02-30", "to,yesterday", "from,2026-13-01"})
    void notARealDay_400NamingTheField(String field, String value) {
        InputError e = rejected(field, value);
        assertEquals("invalid_date", e.code());
        assertEquals(field, e.field());
        assertEquals(InputError.Kind.INVALID, e.kind());
    }

    @Test
    void endBeforeStart_400OnTo() {
        InputError e = rejected("from", "2026-03-10", "to", "2026-03-09");
        assertEquals("invalid_period", e.code());
        assertEquals("to", e.field());
    }

    @Test
    void futureDates_400NamingTheField() {
        assertEquals("to", rejected("to", "2026-03-26").field());
        InputError from = rejected("from", "2026-04-01");
        assertEquals("future_date", from.code());
        assertEquals("from", from.field());
    }

    @Test
    void fiveYears_isTheLongestPeriod() {
        StatsQuery longest = parse("from", "2021-03-26", "to", "2026-03-25");
        assertEquals(LocalDate.parse("2021-03-26"), longest.from());
        InputError e = rejected("from", "2021-03-25", "to", "2026-03-25");
        assertEquals("period_too_long", e.code());
        assertEquals("from", e.field());
    }

    @Test
    void dailySeries_atMost366Days_monthlyGoesFurther() {
        parse("groupBy", "day", "from", "2025-03-25", "to", "2026-03-25");
        InputError e = rejected("groupBy", "day", "from", "2025-03-24", "to", "2026-03-25");
        assertEquals("period_too_long", e.code());
        assertEquals("groupBy", e.field());
        parse("groupBy", "month", "from", "2021-04-01", "to", "2026-03-25");
    }

    @Test
    void unknownParameter_400NamingIt() {
        InputError e = rejected("province", "24");
        assertEquals("unknown_parameter", e.code());
        assertEquals("province", e.field());
    }

    @Test
    void unknownGrouping_400ListingTheChoices() {
        InputError e = rejected("groupBy", "week");
        assertEquals("groupBy", e.field());
        assertTrue(e.text().en().contains("none, category, area, agency, channel, day, month"), e.text().en());
        assertEquals(StatsQuery.GroupBy.CHANNEL, parse("groupBy", "Channel").groupBy());
    }

    @Test
    void unknownChannel_400() {
        InputError e = rejected("channel", "fax");
        assertEquals("unknown_channel", e.code());
        assertEquals("channel", e.field());
    }

    @ParameterizedTest
    @CsvSource({
            "'',              '',          PROVINCE,      ALL",
            "category=noise,  '',          CATEGORY,      noise",
            "area=24,         '',          AREA,          24",
            "category=noise,  area=24-kinh-bac, CATEGORY_AREA, noise@24-kinh-bac",
            "agency=bn-triage, '',         AGENCY,        bn-triage",
            "channel=hotline, '',          CHANNEL,       hotline"})
    void eachSupportedFilterCombination_isOneAggregate(String first, String second, Grouping grouping, String key) {
        Map<String, String> q = new HashMap<>();
        for (String pair : new String[] {first, second}) {
            if (!pair.isEmpty()) {
                q.put(pair.split("=")[0], pair.split("=")[1]);
            }
        }
        assertEquals(new GroupingKey(grouping, key), StatsQuery.parse(q, TODAY).filterKey());
    }

    @ParameterizedTest
    @CsvSource({"category,agency", "area,channel", "agency,channel", "category,channel", "area,agency"})
    void anyOtherFilterCombination_400NamingTheFieldsAndListingTheSupportedOnes(String a, String b) {
        InputError e = rejected(a, a.equals("channel") ? "web" : "x", b, b.equals("channel") ? "web" : "y");
        assertEquals("unsupported_combination", e.code());
        assertTrue(e.field().contains(a) && e.field().contains(b), e.field());
        assertTrue(e.text().en().contains("category + area") && e.text().en().contains("(none)"), e.text().en());
        assertTrue(e.text().vi().contains("category + area") && e.text().vi().contains("(không lọc)"), e.text().vi());
    }

    @Test
    void groupingNarrowedByAFilterItsAggregatesCannotCross_400OnGroupBy() {
        InputError e = rejected("groupBy", "category", "agency", "bn-triage");
        assertEquals("unsupported_combination", e.code());
        assertEquals("groupBy", e.field());
        assertTrue(e.text().en().contains("area"), e.text().en());
        assertEquals("groupBy", rejected("groupBy", "agency", "area", "24").field());
        assertEquals("groupBy", rejected("groupBy", "channel", "category", "noise").field());
        assertEquals("groupBy", rejected("groupBy", "category", "category", "noise").field());
    }

    @Test
    void groupingsAndTheFiltersTheyTake() {
        assertEquals(GroupingKey.PROVINCE, parse("groupBy", "category").filterKey());
        assertEquals(new GroupingKey(Grouping.AREA, "24-kinh-bac"),
                parse("groupBy", "category", "area", "24-kinh-bac").filterKey());
        assertEquals(GroupingKey.categoryArea("noise", "24"),
                parse("groupBy", "area", "category", "noise", "area", "24").filterKey());
        assertEquals(new GroupingKey(Grouping.CHANNEL, "web"), parse("groupBy", "day", "channel", "web").filterKey());
        assertEquals(new GroupingKey(Grouping.AGENCY, "bn-triage"),
                parse("groupBy", "month", "agency", "bn-triage").filterKey());
    }

    @Test
    void blankFilter_readsAsAbsent() {
        assertEquals(GroupingKey.PROVINCE, parse("category", " ").filterKey());
    }
}
