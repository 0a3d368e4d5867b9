package vn.pakn.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.RoutingRule;

class ProvinceFileTest {

    static ObjectNode fixture() throws IOException {
        try (InputStream in = ProvinceFileTest.class.getResourceAsStream("/province/small.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        }
    }

    @Test
    void communeShorthand_expandsToOneRulePerChildArea_pointingAtItsEnabledAgency() throws IOException {
        ProvinceFile province = ProvinceFile.parse(fixture());

        assertEquals(List.of(
                new RoutingRule("*", "99", "t-triage"),
                new RoutingRule("noise", "99-a", "t-ubnd-a"),
                new RoutingRule("noise", "99-b", "t-ubnd-b"),
                new RoutingRule("roads", "99", "t-so-xd")), province.rules(),
                "direct children only (not 99-a-x), and the disabled t-ubnd-b-old is not chosen");
    }

    @Test
    void agenciesAndAreas_areReadWithTheirTreeAndEnabledFlag() throws IOException {
        ProvinceFile province = ProvinceFile.parse(fixture());

        assertEquals("99", province.province());
        assertEquals(4, province.areas().size());
        assertEquals("99-a", province.areas().get(3).parentCode());
        assertEquals(21.0, province.areas().get(1).centroidLat());
        assertEquals(new Agency("t-ubnd-a", "UBND phường A", "commune", "t-triage", "99-a", true),
                province.agencies().get(1));
        assertEquals(Set.of("t-ubnd-b-old"), province.agencies().stream().filter(a -> !a.enabled())
                .map(Agency::id).collect(Collectors.toSet()), "enabled unless the file says otherwise");
    }

    @Test
    void holidays_fromEveryYearKey_inDateOrder_withOptionalNames() throws IOException {
        ProvinceFile province = ProvinceFile.parse(fixture());

        assertEquals(List.of(
                new ProvinceFile.Holiday(LocalDate.parse("2026-01-01"), null),
                new ProvinceFile.Holiday(LocalDate.parse("2026-09-02"), "Quốc khánh"),
                new ProvinceFile.Holiday(LocalDate.parse("2027-01-01"), null)), province.holidays());
    }

    @Test
    void communeWithoutEnabledAgency_isRejected_namingTheArea() throws IOException {
        ObjectNode file = fixture();
        agency(file, "t-ubnd-b").put("enabled", false);

        ProvinceFile.InvalidProvinceFileException e = assertThrows(ProvinceFile.InvalidProvinceFileException.class,
                () -> ProvinceFile.parse(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("no enabled agency serves area 99-b"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing imported"), e.getMessage());
    }

    @Test
    void twoEnabledAgenciesForOneCommune_isRejected_asAmbiguous() throws IOException {
        ObjectNode file = fixture();
        agency(file, "t-ubnd-b-old").put("enabled", true);

        ProvinceFile.InvalidProvinceFileException e = assertThrows(ProvinceFile.InvalidProvinceFileException.class,
                () -> ProvinceFile.parse(file));

        assertTrue(e.getMessage().contains("several enabled agencies serve area 99-b [t-ubnd-b, t-ubnd-b-old]"),
                e.getMessage());
    }

    @Test
    void unknownParentArea_isRejected() throws IOException {
        ObjectNode file = fixture();
        area(file, "99-b").put("parent", "98");

        assertProblem(file, "area 99-b: parent 98 is not an area of this file");
    }

    @Test
    void areaCycle_isRejected() throws IOException {
        ObjectNode file = fixture();
        area(file, "99").put("parent", "99-a-x");

        assertProblem(file, "area parents form a cycle: 99 -> 99-a-x -> 99-a -> 99");
    }

    @Test
    void unknownAgencyInRule_isRejected() throws IOException {
        ObjectNode file = fixture();
        ((ObjectNode) file.withArray("rules").get(2)).put("agency", "t-so-gtvt");

        assertProblem(file, "rule #3 (roads in 99 -> t-so-gtvt): agency t-so-gtvt is not an agency of this file");
    }

    @Test
    void ruleOnUnknownArea_isRejected() throws IOException {
        ObjectNode file = fixture();
        ((ObjectNode) file.withArray("rules").get(1)).put("area", "98-*");

        assertProblem(file, "rule #2 (noise in 98-* -> UBND of the commune): 98 is not an area of this file");
    }

    @Test
    void unknownAgencyParent_isRejected() throws IOException {
        ObjectNode file = fixture();
        agency(file, "t-so-xd").put("parent", "t-ubnd-tinh");

        assertProblem(file, "agency t-so-xd: parent t-ubnd-tinh is not an agency of this file");
    }

    @Test
    void agencyCycle_isRejected() throws IOException {
        ObjectNode file = fixture();
        agency(file, "t-triage").put("parent", "t-ubnd-a");

        assertProblem(file, "agency parents form a cycle: t-triage -> t-ubnd-a -> t-triage");
    }

    @Test
    void agencyIdThatCannotNameAQueue_isRejected() throws IOException {
        ObjectNode file = fixture();
        file.withArray("agencies").addObject().put("id", "Sở XD").put("name", "Sở Xây dựng").put("level", "province")
                .put("area", "99");

        assertProblem(file, "agency Sở XD: the id must be 1-48 lower-case letters, digits and hyphens"
                + " (it names the agency's queues)");
    }

    @Test
    void holidayOutsideItsYearOrNotADate_isRejected() throws IOException {
        ObjectNode file = fixture();
        file.withArray("holidays2027").add("2026-12-31").add("2027-02-30");

        ProvinceFile.InvalidProvinceFileException e = assertThrows(ProvinceFile.InvalidProvinceFileException.class,
                () -> ProvinceFile.parse(file));

        assertEquals(List.of("holidays2027 entry \"2026-12-31\": 2026-12-31 is not in 2027",
                "holidays2027 entry \"2027-02-30\": 2027-02-30 is not a date (YYYY-MM-DD)"), e.problems());
    }

    @Test
    void everyProblem_isReportedAtOnce() throws IOException {
        ObjectNode file = fixture();
        area(file, "99-b").put("parent", "98");
        agency(file, "t-so-xd").put("parent", "t-ubnd-tinh");
        ((ObjectNode) file.withArray("rules").get(2)).put("agency", "t-so-gtvt");

        ProvinceFile.InvalidProvinceFileException e = assertThrows(ProvinceFile.InvalidProvinceFileException.class,
                () -> ProvinceFile.parse(file));

        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void demoProvince_expandsToAFullRuleSet() throws IOException {
        Path demo = Path.of(System.getProperty("pakn.root", "../..")).resolve("infra/seed/demo-bac-ninh.json");
        ProvinceFile province;
        try (InputStream in = Files.newInputStream(demo)) {
            province = ProvinceFile.parse(in);
        }

        assertEquals(7, province.areas().size());
        assertEquals(19, province.agencies().size());
        assertEquals(1 + 5 * 6 + 26, province.rules().size(), "5 commune categories over 6 communes, 27 others");
        assertEquals(11, province.holidays().size());
        assertTrue(province.rules().contains(new RoutingRule("waste", "24-yen-dung", "bn-ubnd-yen-dung")));
    }

    private static void assertProblem(ObjectNode file, String problem) {
        ProvinceFile.InvalidProvinceFileException e = assertThrows(ProvinceFile.InvalidProvinceFileException.class,
                () -> ProvinceFile.parse(file));
        assertEquals(List.of(problem), e.problems(), e.getMessage());
    }

    static ObjectNode area(ObjectNode file, String code) {
        return find(file.withArray("areas"), "code", code);
    }

    static ObjectNode agency(ObjectNode file, String id) {
        return find(file.withArray("agencies"), "id", id);
    }

    private static ObjectNode find(ArrayNode list, String field, String value) {
        for (var node : list) {
            if (value.equals(node.path(field).asText())) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError("fixture has no " + field + " " + value);
    }
}
