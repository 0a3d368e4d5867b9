package vn.pakn.local.events;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or the six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)}, evaluated in UTC as EventBridge
 * rules are. Cron fields accept {@code * , - /}, month and weekday names, {@code ?} in one of the
 * two day fields, {@code L} and {@code W} in day-of-month, {@code L} and {@code #} in day-of-week
 * (1 = Sunday).
 */
public abstract sealed class ScheduleExpression permits ScheduleExpression.Rate, ScheduleExpression.Cron {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+([a-zA-Z]+)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    private final String text;

    private ScheduleExpression(String text) {
        this.text = text;
    }

    public static ScheduleExpression parse(String expression) {
        String text = expression == null ? "" : expression.trim();
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            return Rate.of(text, Long.parseLong(rate.group(1)), rate.group(2));
        }
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            return new Cron(text, cron.group(1).trim());
        }
        throw new IllegalArgumentException("Not a schedule expression (rate(...) or cron(...)): " + expression);
    }

    /** The first time strictly after {@code after} the schedule fires; null if it never fires again. */
    public abstract Instant nextAfter(Instant after, Instant scheduleStart);

    @Override
    public String toString() {
        return text;
    }

    /** {@code rate(value unit)}: the first run one period after the rule is created, then every period. */
    public static final class Rate extends ScheduleExpression {
        private final Duration period;

        private Rate(String text, Duration period) {
            super(text);
            this.period = period;
        }

        static Rate of(String text, long value, String unit) {
            if (value < 1) {
                throw new IllegalArgumentException("The value of " + text + " must be a positive number");
            }
            String u = unit.toLowerCase(Locale.ROOT);
            String singular = u.endsWith("s") ? u.substring(0, u.length() - 1) : u;
            // EventBridge insists: rate(1 minute), rate(5 minutes).
            if (value == 1 ? !u.equals(singular) : u.equals(singular)) {
                throw new IllegalArgumentException(text + ": use the unit " + (value == 1 ? singular : singular + "s")
                        + " with the value " + value);
            }
            Duration period = switch (singular) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                case "day" -> Duration.ofDays(value);
                default -> throw new IllegalArgumentException(text + ": the unit must be minute(s), hour(s) or day(s)");
            };
            return new Rate(text, period);
        }

        public Duration period() {
            return period;
        }

        @Override
        public Instant nextAfter(Instant after, Instant scheduleStart) {
            if (after.isBefore(scheduleStart)) {
                return scheduleStart.plus(period);
            }
            long periods = Duration.between(scheduleStart, after).toMillis() / period.toMillis() + 1;
            return scheduleStart.plus(period.multipliedBy(periods));
        }
    }

    /** The six-field AWS cron form. */
    public static final class Cron extends ScheduleExpression {
        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
                "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        private static final int MAX_YEAR = 2199;

        private final BitSet minutes;
        private final BitSet hours;
        private final BitSet months;
        private final BitSet years;
        private final String dayOfMonth;
        private final String dayOfWeek;
        private final BitSet daysOfMonth;
        private final BitSet daysOfWeek;

        Cron(String text, String fields) {
            super(text);
            String[] f = fields.split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException(text + ": cron needs six fields (minutes hours day-of-month month"
                        + " day-of-week year), got " + f.length);
            }
            minutes = field(text, "minutes", f[0], 0, 59, List.of());
            hours = field(text, "hours", f[1], 0, 23, List.of());
            months = field(text, "month", f[3], 1, 12, MONTHS);
            years = field(text, "year", f[5], 1970, MAX_YEAR, List.of());
            dayOfMonth = f[2].toUpperCase(Locale.ROOT);
            dayOfWeek = f[4].toUpperCase(Locale.ROOT);
            if (dayOfMonth.equals("?") == dayOfWeek.equals("?")) {
                throw new IllegalArgumentException(text + ": exactly one of day-of-month and day-of-week must be ?");
            }
            daysOfMonth = dayOfMonth.equals("?") || dayOfMonth.contains("L") || dayOfMonth.contains("W") ? null
                    : field(text, "day-of-month", dayOfMonth, 1, 31, List.of());
            daysOfWeek = dayOfWeek.equals("?") || dayOfWeek.contains("L") || dayOfWeek.contains("#") ? null
                    : field(text, "day-of-week", dayOfWeek, 1, 7, DAYS);
            // Fail now on a malformed special form, not when the date first comes round.
            dayMatches(LocalDate.of(2024, 1, 1));
        }

        @Override
        public Instant nextAfter(Instant after, Instant scheduleStart) {
            LocalDateTime from = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                    .plusMinutes(1);
            LocalDate day = from.toLocalDate();
            LocalTime earliest = from.toLocalTime();
            while (day.getYear() <= MAX_YEAR) {
                if (years.get(day.getYear()) && months.get(day.getMonthValue()) && dayMatches(day)) {
                    LocalTime time = firstTime(earliest);
                    if (time != null) {
                        return ZonedDateTime.of(day, time, ZoneId.of("UTC")).toInstant();
                    }
                }
                day = day.plusDays(1);
                earliest = LocalTime.MIDNIGHT;
            }
            return null;
        }

        private LocalTime firstTime(LocalTime earliest) {
            for (int h = hours.nextSetBit(earliest.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
                int fromMinute = h == earliest.getHour() ? earliest.getMinute() : 0;
                int m = minutes.nextSetBit(fromMinute);
                if (m >= 0) {
                    return LocalTime.of(h, m);
                }
            }
            return null;
        }

        private boolean dayMatches(LocalDate day) {
            if (!dayOfMonth.equals("?")) {
                if (daysOfMonth != null) {
                    return daysOfMonth.get(day.getDayOfMonth());
                }
                LocalDate last = day.with(TemporalAdjusters.lastDayOfMonth());
                if (dayOfMonth.equals("L")) {
                    return day.equals(last);
                }
                if (dayOfMonth.equals("LW")) {
                    return day.equals(nearestWeekday(last, last.getDayOfMonth()));
                }
                if (dayOfMonth.matches("\\d{1,2}W")) {
                    int target = Integer.parseInt(dayOfMonth.substring(0, dayOfMonth.length() - 1));
                    if (target < 1 || target > 31) {
                        throw new IllegalArgumentException(this + ": day-of-month " + dayOfMonth + " is out of range");
                    }
                    return target <= last.getDayOfMonth()
                            && day.equals(nearestWeekday(day.withDayOfMonth(target), last.getDayOfMonth()));
                }
                throw new IllegalArgumentException(this + ": unsupported day-of-month " + dayOfMonth);
            }
            int weekday = day.getDayOfWeek().getValue() % 7 + 1; // 1 = Sunday
            if (daysOfWeek != null) {
                return daysOfWeek.get(weekday);
            }
            if (dayOfWeek.matches("[1-7A-Z]{1,3}L")) {
                int target = dayNumber(dayOfWeek.substring(0, dayOfWeek.length() - 1));
                return weekday == target && day.plusWeeks(1).getMonth() != day.getMonth();
            }
            if (dayOfWeek.matches("[1-7A-Z]{1,3}#[1-5]")) {
                int hash = dayOfWeek.indexOf('#');
                int target = dayNumber(dayOfWeek.substring(0, hash));
                int nth = Integer.parseInt(dayOfWeek.substring(hash + 1));
                return weekday == target && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
            throw new IllegalArgumentException(this + ": unsupported day-of-week " + dayOfWeek);
        }

        private int dayNumber(String token) {
            int index = DAYS.indexOf(token);
            int number = index >= 0 ? index + 1 : Integer.parseInt(token);
            if (number < 1 || number > 7) {
                throw new IllegalArgumentException(this + ": day-of-week " + token + " is out of range");
            }
            return number;
        }

        /** The weekday nearest to {@code day} within its month (W never crosses into another month). */
        private static LocalDate nearestWeekday(LocalDate day, int lastDayOfMonth) {
            DayOfWeek weekday = day.getDayOfWeek();
            if (weekday == DayOfWeek.SATURDAY) {
                return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
            }
            if (weekday == DayOfWeek.SUNDAY) {
                return day.getDayOfMonth() == lastDayOfMonth ? day.minusDays(2) : day.plusDays(1);
            }
            return day;
        }

        private static BitSet field(String text, String name, String spec, int min, int max, List<String> names) {
            BitSet values = new BitSet(max + 1);
            for (String part : spec.toUpperCase(Locale.ROOT).split(",")) {
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = number(text, name, part.substring(slash + 1), 1, max, List.of());
                    range = part.substring(0, slash);
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] bounds = range.split("-", 2);
                    from = number(text, name, bounds[0], min, max, names);
                    to = number(text, name, bounds[1], min, max, names);
                } else {
                    from = number(text, name, range, min, max, names);
                    to = slash >= 0 ? max : from;
                }
                if (from > to) {
                    // A wrapping range such as FRI-MON or 22-2.
                    for (int v = from; v <= max; v += step) {
                        values.set(v);
                    }
                    for (int v = min + ((max - from + 1) % step == 0 ? 0 : step - (max - from + 1) % step); v <= to;
                            v += step) {
                        values.set(v);
                    }
                } else {
                    for (int v = from; v <= to; v += step) {
                        values.set(v);
                    }
                }
            }
            return values;
        }

        private static int number(String text, String name, String token, int min, int max, List<String> names) {
            int index = names.indexOf(token);
            int value;
            if (index >= 0) {
                value = index + 1;
            } else {
                try {
                    value = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(text + ": " + name + " value " + token + " is not understood", e);
                }
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(text + ": " + name + " value " + token + " is outside " + min + "-"
                        + max);
            }
            return value;
        }
    }
}
