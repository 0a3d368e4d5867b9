package vn.pakn.domain.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Deadlines as Vietnamese agencies count them. Acknowledgement is due a number of clock hours
 * after assignment (urgent categories have 2-4 hours, nights and weekends included). Resolution
 * is due at the end of office hours on the N-th working day after the day of assignment, where
 * working days skip Saturdays, Sundays and the province's holidays; so a complaint assigned on a
 * Friday evening with 3 working days is due Wednesday at 17:00.
 */
public final class WorkingCalendar {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalTime END_OF_DAY = LocalTime.of(17, 0);

    private final Set<LocalDate> holidays;
    private final ZoneId zone;

    public WorkingCalendar(Set<LocalDate> holidays) {
        this(holidays, VIETNAM);
    }

    public WorkingCalendar(Set<LocalDate> holidays, ZoneId zone) {
        this.holidays = Set.copyOf(holidays);
        this.zone = zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }

    public Instant acknowledgeBy(Instant assignedAt, int ackHours) {
        return assignedAt.plus(Duration.ofHours(ackHours));
    }

    public Instant resolveBy(Instant assignedAt, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("workingDays must be at least 1");
        }
        LocalDate day = assignedAt.atZone(zone).toLocalDate();
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return ZonedDateTime.of(day, END_OF_DAY, zone).toInstant();
    }

    /**
     * While a complaint waits for the citizen (NEEDS_INFO) its clock stands still: the deadline
     * moves by the working days the wait covered, counted as whole days started, so a wait of
     * an hour on Tuesday moves Thursday's deadline to Friday, and a wait over a weekend moves it
     * by nothing more than the weekdays it spanned.
     */
    public Instant extendForPause(Instant dueAt, Instant pausedAt, Instant resumedAt) {
        if (!resumedAt.isAfter(pausedAt)) {
            return dueAt;
        }
        LocalDate from = pausedAt.atZone(zone).toLocalDate();
        LocalDate to = resumedAt.atZone(zone).toLocalDate();
        int days = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                days++;
            }
        }
        if (days == 0) {
            return dueAt;
        }
        LocalDate dueDay = dueAt.atZone(zone).toLocalDate();
        LocalTime dueTime = dueAt.atZone(zone).toLocalTime();
        int added = 0;
        while (added < days) {
            dueDay = dueDay.plusDays(1);
            if (isWorkingDay(dueDay)) {
                added++;
            }
        }
        return ZonedDateTime.of(dueDay, dueTime, zone).toInstant();
    }
}
