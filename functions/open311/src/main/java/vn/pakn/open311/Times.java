package vn.pakn.open311;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.sla.WorkingCalendar;

/**
 * Datetimes as GeoReport v2 wants them: the W3C subset of ISO 8601, always with a time zone.
 * pakn answers in Vietnam's time (+07:00) to the second, and accepts any offset or Z.
 */
public final class Times {
    public static final ZoneId ZONE = WorkingCalendar.VIETNAM;

    private Times() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZONE).toOffsetDateTime());
    }

    /**
     * A W3C datetime with a zone (minutes, seconds and fractions optional), or a plain date, which
     * means its first instant ({@code endOfDay} false) or its last ({@code endOfDay} true) in Vietnam.
     *
     * @throws InputError naming {@code parameter} when it is neither, or when a time has no zone
     */
    public static Instant parse(String parameter, String value, boolean endOfDay) {
        String v = value.strip();
        if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                LocalDate date = LocalDate.parse(v);
                return endOfDay ? date.plusDays(1).atStartOfDay(ZONE).toInstant().minusMillis(1)
                        : date.atStartOfDay(ZONE).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(parameter);
            }
        }
        // The W3C note allows hh:mm without seconds; ISO_OFFSET_DATE_TIME accepts that too.
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+")) {
                throw InputError.invalid("timezone_required", parameter,
                        "Thời điểm phải kèm múi giờ (Z hoặc +07:00), ví dụ 2026-01-01T00:00:00+07:00.",
                        "The datetime needs a time zone (Z or +07:00), e.g. 2026-01-01T00:00:00+07:00.");
            }
            throw invalid(parameter);
        }
    }

    private static InputError invalid(String parameter) {
        return InputError.invalid("invalid_datetime", parameter,
                "Thời điểm không đúng định dạng W3C (ISO 8601), ví dụ 2026-01-01T00:00:00Z.",
                "Not a W3C (ISO 8601) datetime, e.g. 2026-01-01T00:00:00Z.");
    }
}
