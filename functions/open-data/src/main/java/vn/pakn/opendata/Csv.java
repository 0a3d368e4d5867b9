package vn.pakn.opendata;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import vn.pakn.domain.sla.WorkingCalendar;

/**
 * RFC 4180 CSV as the open-data files write it: comma-separated, CRLF line ends, a field quoted
 * (with inner quotes doubled) when it holds a comma, a quote or a line break, UTF-8 with a byte
 * order mark. These are the Table Schema CSV dialect's defaults, so datapackage.json needs no dialect.
 */
public final class Csv {
    /**
     * Excel decodes a CSV without it in the Windows code page, which mangles Vietnamese; pandas,
     * R's readr and frictionless skip it. Python's csv module needs {@code encoding="utf-8-sig"}.
     */
    public static final String BYTE_ORDER_MARK = "\uFEFF";
    public static final String LINE_END = "\r\n";
    /**
     * Date-times in Vietnam's time (+07:00, no daylight saving) to the second: the day a complaint
     * belongs to in the statistics is read off the value as written.
     */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
            .withZone(WorkingCalendar.VIETNAM);

    private Csv() {
    }

    /** The field quoted only when RFC 4180 requires it. */
    public static String quote(String value) {
        boolean needsQuotes = false;
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    public static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write(LINE_END);
    }

    /**
     * A value as the field's Table Schema type reads it back; null is the empty cell (Table Schema's
     * default missing value).
     *
     * @throws IllegalStateException when the value is not of the field's type: a bug in a column, which
     *                               must fail the file rather than publish data its schema misdescribes
     */
    public static String format(Field field, Object value) {
        if (value == null) {
            return "";
        }
        if (!field.type().accepts(value)) {
            throw new IllegalStateException("Column " + field.name() + " is " + field.type().wireName() + " but got a "
                    + value.getClass().getSimpleName());
        }
        if (value instanceof Instant instant) {
            return DATE_TIME.format(instant);
        }
        if (value instanceof Double d) {
            // Plain notation: 1.0E-4 is valid JSON but not what a spreadsheet user expects.
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
