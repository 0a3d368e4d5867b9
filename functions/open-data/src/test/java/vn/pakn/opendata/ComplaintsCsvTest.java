package vn.pakn.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Status;

class ComplaintsCsvTest {
    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private static final Instant DUE = T0.plus(Duration.ofDays(14));
    private static final String DESCRIPTION = "Ổ gà lớn trước số 12, đường \"Nguyễn Trãi\"\nxe máy dễ ngã";
    private static final GeoPoint EXACT = new GeoPoint(21.18614, 106.07633);

    @Test
    void header_isTheColumnsInOrder_afterAByteOrderMark() throws IOException {
        String csv = write(List.of());
        assertTrue(csv.startsWith("\uFEFFid,created,acknowledged,resolved,closed,due,on_time,overdue,status,category,"
                + "category_name,area,area_name,agency,agency_name,channel,transfers,escalations,reopens,description,"
                + "resolution,reject_reason,duplicate_of,rating,lat,lon\r\n"), csv);
        assertEquals(1, CsvReader.read(csv).size(), "only the header when there are no complaints");
    }

    @Test
    void resolvedComplaint_oneRowWithNamesDeadlinesOutcome_andVietnameseTextQuotedIntact() throws IOException {
        Complaint c = resolvedAt(T0.plus(Duration.ofDays(3)), "roads");

        Map<String, String> row = only(write(List.of(c)));

        assertEquals("01KTESTRESOLVED000000000000", row.get("id"));
        assertEquals("2026-11-20T09:00:00+07:00", row.get("created"));
        assertEquals("2026-11-20T10:00:00+07:00", row.get("acknowledged"));
        assertEquals("2026-11-23T09:00:00+07:00", row.get("resolved"));
        assertEquals(row.get("resolved"), row.get("closed"), "closed as Open311 counts it: when resolved");
        assertEquals("2026-12-04T09:00:00+07:00", row.get("due"));
        assertEquals("true", row.get("on_time"));
        assertEquals("false", row.get("overdue"));
        assertEquals("RESOLVED", row.get("status"));
        assertEquals("roads", row.get("category"));
        assertEquals("Hư hỏng đường, hè phố", row.get("category_name"));
        assertEquals("24-kinh-bac", row.get("area"));
        assertEquals("Phường Kinh Bắc", row.get("area_name"));
        assertEquals("so-xay-dung", row.get("agency"));
        assertEquals("Sở Xây dựng", row.get("agency_name"));
        assertEquals("mobile", row.get("channel"));
        assertEquals("1", row.get("transfers"));
        assertEquals("0", row.get("escalations"));
        assertEquals(DESCRIPTION, row.get("description"), "commas, quotes and a line break survive the round trip");
        assertEquals("Đã vá ổ gà, trả lại mặt đường.", row.get("resolution"));
        assertEquals("", row.get("rating"));
    }

    @Test
    void coordinates_areRoundedToAbout100m() throws IOException {
        Map<String, String> row = only(write(List.of(resolvedAt(T0.plus(Duration.ofDays(1)), "roads"))));
        assertEquals("21.186", row.get("lat"));
        assertEquals("106.076", row.get("lon"));
    }

    @Test
    void reporterTrackingCodeAndSecret_neverAppear() throws IOException {
        Complaint c = resolvedAt(T0.plus(Duration.ofDays(1)), "roads");
        String csv = write(List.of(c));
        for (String secret : List.of(Complaints.REPORTER.name(), Complaints.REPORTER.phone(), Complaints.REPORTER.email(),
                c.trackingCode(), c.secretHash(), "21.18614", "106.07633")) {
            assertFalse(csv.contains(secret), secret + " must not be published");
        }
    }

    @Test
    void resolvedLate_isNotOnTime_andOpenOrRejected_hasNoOnTimeAtAll() throws IOException {
        Complaint late = resolvedAt(DUE.plusSeconds(1), "roads");
        Complaint open = Complaints.received("01KTESTOPEN0000000000000000", "roads", DESCRIPTION, null, T0);
        Handling assigned = Handling.assigned("so-xay-dung", T0, T0.plus(Duration.ofHours(24)), DUE);
        Complaint rejected = Complaints.with(open, Status.REJECTED,
                assigned.rejected(T0.plus(Duration.ofHours(2)), "duplicate-of", "01KTESTOTHER00000000000000"));

        List<Map<String, String>> rows = rows(write(List.of(late, open, rejected)));

        assertEquals("false", rows.get(0).get("on_time"));
        assertEquals("", rows.get(1).get("on_time"));
        assertEquals("", rows.get(1).get("closed"), "still open");
        assertEquals("", rows.get(1).get("agency"), "not routed yet");
        assertEquals("0", rows.get(1).get("transfers"));
        assertEquals("", rows.get(2).get("on_time"));
        assertEquals("2026-11-20T11:00:00+07:00", rows.get(2).get("closed"), "rejected: when rejected");
        assertEquals("", rows.get(2).get("resolved"));
        assertEquals("duplicate-of", rows.get(2).get("reject_reason"));
        assertEquals("01KTESTOTHER00000000000000", rows.get(2).get("duplicate_of"));
    }

    @Test
    void closedByTheCitizen_carriesTheRating_andStillClosedWhenResolved() throws IOException {
        Complaint resolved = resolvedAt(T0.plus(Duration.ofDays(2)), "roads");
        Complaint closed = Complaints.with(resolved, Status.CLOSED,
                resolved.handling().closed(T0.plus(Duration.ofDays(4)), 5));

        Map<String, String> row = only(write(List.of(closed)));

        assertEquals("CLOSED", row.get("status"));
        assertEquals("5", row.get("rating"));
        assertEquals("2026-11-22T09:00:00+07:00", row.get("closed"));
    }

    @Test
    void categoryKeptOutOfTheFeed_keepsItsRowForTheCounts_butNoPlaceDescriptionOrResponse() throws IOException {
        Complaint secret = resolvedAt(T0.plus(Duration.ofDays(1)), Complaints.SECURITY.code());

        String csv = write(List.of(secret));
        Map<String, String> row = only(csv);

        assertEquals("public-security", row.get("category"));
        assertEquals("RESOLVED", row.get("status"));
        assertEquals("true", row.get("on_time"));
        assertEquals("Phường Kinh Bắc", row.get("area_name"), "the area is in the statistics too");
        assertEquals("", row.get("lat"));
        assertEquals("", row.get("lon"));
        assertEquals("", row.get("description"));
        assertEquals("", row.get("resolution"));
        assertFalse(csv.contains("Ổ gà") || csv.contains("21.186"), csv);
    }

    @Test
    void unknownCategory_isTreatedAsPrivate() throws IOException {
        Map<String, String> row = only(write(List.of(resolvedAt(T0.plus(Duration.ofDays(1)), "removed-category"))));
        assertEquals("removed-category", row.get("category"));
        assertEquals("", row.get("category_name"));
        assertEquals("", row.get("description"));
        assertEquals("", row.get("lat"));
    }

    @Test
    void rowCount_isReturned_forDatapackageJson() throws IOException {
        CsvFile<ComplaintsCsv.Row> file = ComplaintsCsv.file(Complaints.source(List.of(
                resolvedAt(T0.plus(Duration.ofDays(1)), "roads"), resolvedAt(T0.plus(Duration.ofDays(1)), "noise"))),
                new Complaints.Reference());
        assertEquals(2, file.writeTo(new ByteArrayOutputStream(), T0));
    }

    // ---------------------------------------------------------------- helpers

    /** Received at T0 with exact coordinates, routed, acknowledged an hour later, transferred once, resolved at {@code at}. */
    static Complaint resolvedAt(Instant at, String category) {
        Complaint c = Complaints.received("01KTESTRESOLVED000000000000", category, DESCRIPTION, EXACT, T0);
        Handling h = Handling.assigned("ubnd-kinh-bac", T0, T0.plus(Duration.ofHours(24)), DUE)
                .reassigned("so-xay-dung", T0, T0.plus(Duration.ofHours(24)), DUE, 1, 0)
                .acknowledged(T0.plus(Duration.ofHours(1)))
                .resolved(at, "Đã vá ổ gà, trả lại mặt đường.");
        return Complaints.with(c, Status.RESOLVED, h);
    }

    static String write(List<Complaint> complaints) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplaintsCsv.file(Complaints.source(complaints), new Complaints.Reference()).writeTo(out, T0);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Map<String, String>> rows(String csv) {
        List<List<String>> cells = CsvReader.read(csv);
        List<String> header = cells.get(0);
        return cells.subList(1, cells.size()).stream().map(r -> {
            assertEquals(header.size(), r.size(), "every row has every column");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), r.get(i));
            }
            return row;
        }).toList();
    }

    private static Map<String, String> only(String csv) {
        List<Map<String, String>> rows = rows(csv);
        assertEquals(1, rows.size());
        return rows.get(0);
    }
}
