package vn.pakn.opendata;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: reads back what the writer wrote, as a spreadsheet would. */
final class CsvReader {
    private CsvReader() {
    }

    /** Rows of cells; a byte order mark at the start is required and dropped. */
    static List<List<String>> read(String text) {
        if (!text.startsWith(Csv.BYTE_ORDER_MARK)) {
            throw new AssertionError("no byte order mark");
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (cell.length() > 0 || wasQuoted) {
                    throw new AssertionError("quote inside an unquoted field at " + i);
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new AssertionError("bare CR outside quotes at " + i);
                }
                row.add(cell.toString());
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\n') {
                throw new AssertionError("bare LF outside quotes at " + i);
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted || cell.length() > 0 || !row.isEmpty()) {
            throw new AssertionError("the file does not end with CRLF");
        }
        return rows;
    }
}
