package vn.pakn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures table (pakn beside its floor, the ratio and the goal) and the details under it. */
final class Report {

    /** @param verdict "pass", "FAIL" or "-" when the issue sets no goal for the figure */
    record Row(String figure, String pakn, String floor, String ratio, String goal, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final String header;

    Report(String header) {
        this.header = header;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A figure where smaller is better (times, memory); the goal is a ceiling on pakn / floor. */
    void lowerIsBetter(String figure, double pakn, double floor, String unit, Double maxRatio) {
        double ratio = pakn / floor;
        rows.add(new Row(figure, number(pakn) + " " + unit, number(floor) + " " + unit, ratio(ratio),
                maxRatio == null ? "-" : "<= " + ratio(maxRatio),
                maxRatio == null ? "-" : ratio <= maxRatio ? "pass" : "FAIL"));
    }

    /** A figure where larger is better (throughput); the goal is a floor on pakn / floor. */
    void higherIsBetter(String figure, double pakn, double floor, String unit, Double minRatio) {
        double ratio = pakn / floor;
        rows.add(new Row(figure, number(pakn) + " " + unit, number(floor) + " " + unit, ratio(ratio),
                minRatio == null ? "-" : ">= " + ratio(minRatio),
                minRatio == null ? "-" : ratio >= minRatio ? "pass" : "FAIL"));
    }

    void plain(String figure, String pakn, String floor, String note) {
        rows.add(new Row(figure, pakn, floor, "-", note, "-"));
    }

    void section(String title, String body) {
        sections.add("### " + title + "\n\n" + body.stripTrailing() + "\n");
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
    }

    /** A Markdown table, readable as plain text too (columns padded). */
    String table() {
        String[] head = {"figure", "pakn", "floor", "ratio", "goal", "result"};
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
        }
        for (Row r : rows) {
            String[] cells = cells(r);
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(line(head, width));
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('|');
        }
        out.append(rule).append('\n');
        for (Row r : rows) {
            out.append(line(cells(r), width));
        }
        return out.toString();
    }

    private static String[] cells(Row r) {
        return new String[] {r.figure(), r.pakn(), r.floor(), r.ratio(), r.goal(), r.verdict()};
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        return out.append('\n').toString();
    }

    String text() {
        StringBuilder out = new StringBuilder(header.stripTrailing()).append("\n\n").append(table()).append('\n');
        for (String s : sections) {
            out.append(s).append('\n');
        }
        return out.toString();
    }
}
