package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final Instant START = Instant.parse("2026-03-13T09:41:23Z"); // a Friday

    private static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression).nextAfter(Instant.parse(after), START);
    }

    @Test
    void rate_firesEveryPeriodFromCreation() {
        ScheduleExpression.Rate rate = (ScheduleExpression.Rate) ScheduleExpression.parse("rate(5 minutes)");
        assertEquals(Duration.ofMinutes(5), rate.period());
        assertEquals(START.plusSeconds(300), rate.nextAfter(START, START));
        assertEquals(START.plusSeconds(600), rate.nextAfter(START.plusSeconds(300), START));
        assertEquals(Duration.ofHours(1), ((ScheduleExpression.Rate) ScheduleExpression.parse("rate(1 hour)")).period());
        assertEquals(Duration.ofDays(2), ((ScheduleExpression.Rate) ScheduleExpression.parse("rate(2 days)")).period());
    }

    @Test
    void rate_insistsOnEventBridgesSingularAndPlural() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(1 minutes)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(5 minute)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(0 minutes)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(5 seconds)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("every 5 minutes"));
    }

    @Test
    void cron_dailyAtAFixedUtcTime() {
        assertEquals(Instant.parse("2026-03-13T10:00:00Z"), next("cron(0 10 * * ? *)", "2026-03-13T09:41:23Z"));
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), next("cron(0 10 * * ? *)", "2026-03-13T10:00:00Z"));
    }

    @Test
    void cron_stepsRangesAndWeekdayNames() {
        assertEquals(Instant.parse("2026-03-13T09:45:00Z"), next("cron(0/15 * * * ? *)", "2026-03-13T09:41:23Z"));
        // Friday 09:41 -> next weekday 10:15 is the same day; after Friday 10:15 comes Monday.
        assertEquals(Instant.parse("2026-03-13T10:15:00Z"), next("cron(15 10 ? * MON-FRI *)", "2026-03-13T09:41:23Z"));
        assertEquals(Instant.parse("2026-03-16T10:15:00Z"), next("cron(15 10 ? * MON-FRI *)", "2026-03-13T10:15:00Z"));
        assertEquals(Instant.parse("2026-03-14T22:00:00Z"), next("cron(0 22 ? * SAT,SUN *)", "2026-03-13T09:41:23Z"));
        assertEquals(Instant.parse("2026-03-15T00:00:00Z"), next("cron(0 0 ? * 1 *)", "2026-03-13T09:41:23Z"),
                "1 is Sunday");
    }

    @Test
    void cron_lastDayNearestWeekdayAndNthWeekday() {
        assertEquals(Instant.parse("2026-03-31T18:00:00Z"), next("cron(0 18 L * ? *)", "2026-03-13T09:41:23Z"));
        // 2026-03-15 is a Sunday: 15W is Monday the 16th.
        assertEquals(Instant.parse("2026-03-16T08:00:00Z"), next("cron(0 8 15W * ? *)", "2026-03-13T09:41:23Z"));
        // The third Friday of March 2026 is the 20th; the last Friday is the 27th.
        assertEquals(Instant.parse("2026-03-20T09:00:00Z"), next("cron(0 9 ? * 6#3 *)", "2026-03-13T09:41:23Z"));
        assertEquals(Instant.parse("2026-03-27T09:00:00Z"), next("cron(0 9 ? * 6L *)", "2026-03-13T09:41:23Z"));
    }

    @Test
    void cron_yearFieldCanEndTheSchedule() {
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("cron(0 0 1 JAN ? 2027)", "2026-03-13T09:41:23Z"));
        assertNull(next("cron(0 0 1 JAN ? 2025)", "2026-03-13T09:41:23Z"));
    }

    @Test
    void cron_rejectsWhatEventBridgeRejects() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 10 * * *)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 10 * * * *)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 24 * * ? *)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 10 ? * FUNDAY *)"));
    }
}
