package vn.pakn.domain.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {
    // National Day 2026: Tuesday 1 and Wednesday 2 September.
    private final WorkingCalendar calendar = new WorkingCalendar(Set.of(
            LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-02")));

    @Test
    void fridayEvening_threeWorkingDays_isDueWednesdayAtFive() {
        Instant friday = local("2026-11-20T19:30");
        assertEquals(local("2026-11-25T17:00"), calendar.resolveBy(friday, 3));
    }

    @Test
    void holidays_areSkipped() {
        Instant mondayBeforeNationalDay = local("2026-08-31T09:00");
        assertEquals(local("2026-09-03T17:00"), calendar.resolveBy(mondayBeforeNationalDay, 1));
        assertFalse(calendar.isWorkingDay(LocalDate.parse("2026-09-02")));
        assertTrue(calendar.isWorkingDay(LocalDate.parse("2026-09-03")));
    }

    @Test
    void acknowledgement_countsClockHoursThroughTheNight() {
        Instant saturdayNight = local("2026-11-21T23:00");
        assertEquals(local("2026-11-22T01:00"), calendar.acknowledgeBy(saturdayNight, 2));
    }

    @Test
    void waitOnTuesday_movesThursdaysDeadlineToFriday() {
        Instant due = local("2026-11-26T17:00");
        assertEquals(local("2026-11-27T17:00"),
                calendar.extendForPause(due, local("2026-11-24T10:00"), local("2026-11-24T11:00")));
    }

    @Test
    void waitOverAWeekendOnly_movesNothing() {
        Instant due = local("2026-11-26T17:00");
        assertEquals(due, calendar.extendForPause(due, local("2026-11-21T10:00"), local("2026-11-22T20:00")));
    }

    private static Instant local(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), WorkingCalendar.VIETNAM).toInstant();
    }
}
