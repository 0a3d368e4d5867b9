package vn.pakn.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    private static final Field TEXT = new Field("text", Field.Type.STRING, "Nội dung", "Some text.");

    @Test
    void plainField_isWrittenAsIs_andSpecialCharactersAreQuotedWithInnerQuotesDoubled() {
        assertEquals("Ổ gà lớn", Csv.quote("Ổ gà lớn"));
        assertEquals("\"Đường Nguyễn Trãi, số 12\"", Csv.quote("Đường Nguyễn Trãi, số 12"));
        assertEquals("\"Biển \"\"cấm đỗ\"\" bị đổ\"", Csv.quote("Biển \"cấm đỗ\" bị đổ"));
        assertEquals("\"dòng 1\r\ndòng 2\"", Csv.quote("dòng 1\r\ndòng 2"));
        assertEquals("\"dòng 1\ndòng 2\"", Csv.quote("dòng 1\ndòng 2"));
    }

    @Test
    void rowsEndInCrlf_andReadBackToTheSameCells() throws IOException {
        List<String> cells = List.of("a,b", "\"x\"", "", "Hư hỏng đường, hè phố\nrất nguy hiểm", "  khoảng trắng  ");
        StringWriter out = new StringWriter();
        out.write(Csv.BYTE_ORDER_MARK);
        Csv.writeRow(out, cells);
        Csv.writeRow(out, List.of("1", "2"));

        assertEquals(List.of(cells, List.of("1", "2")), CsvReader.read(out.toString()));
        assertEquals(true, out.toString().endsWith("1,2\r\n"));
    }

    @Test
    void dateTimes_areVietnamTimeWithOffset_toTheSecond() {
        Field created = new Field("created", Field.Type.DATETIME, "Tạo", "When.");
        assertEquals("2026-11-23T00:30:00+07:00", Csv.format(created, Instant.parse("2026-11-22T17:30:00.123456Z")));
    }

    @Test
    void numbers_arePlain_nullIsTheEmptyCell() {
        Field lat = new Field("lat", Field.Type.NUMBER, "Vĩ độ", "Latitude.");
        assertEquals("21.186", Csv.format(lat, 21.186));
        assertEquals("106", Csv.format(lat, 106.0));
        assertEquals("0.0001", Csv.format(lat, 0.0001));
        assertEquals("", Csv.format(lat, null));
        assertEquals("true", Csv.format(new Field("b", Field.Type.BOOLEAN, "B", "B."), true));
    }

    @Test
    void valueOfAnotherTypeThanTheField_failsRatherThanPublishingDataTheSchemaMisdescribes() {
        assertThrows(IllegalStateException.class, () -> Csv.format(TEXT, 42));
        assertThrows(IllegalStateException.class,
                () -> Csv.format(new Field("n", Field.Type.INTEGER, "N", "N."), "42"));
    }
}
