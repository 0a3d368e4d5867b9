package vn.pakn.domain.fakes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.AreaTree;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.reference.RoutingRule;

/**
 * A small province: two communes, a category needing a photo and one that does not, a triage
 * team, two commune committees and a department. Agencies and rules are mutable lists so a test
 * can disable or add one.
 */
public final class FixedReferenceData implements ReferenceData {
    public static final Category ROADS = new Category("roads", new LocalizedText("Hư hỏng đường, hè phố",
            "Damaged roads and pavements"), 24, 10, true, true);
    public static final Category NOISE = new Category("noise", new LocalizedText("Tiếng ồn", "Noise"), 24, 5, false, true);

    private final AreaTree areas = new AreaTree(List.of(
            new Area("24", "Tỉnh Bắc Ninh", "province", null, null, null),
            new Area("24-kinh-bac", "Phường Kinh Bắc", "commune", "24", 21.1861, 106.0763),
            new Area("24-tu-son", "Phường Từ Sơn", "commune", "24", 21.1167, 105.9620)));

    public final List<Agency> agencies = new ArrayList<>(List.of(
            new Agency("triage", "Tổ tiếp nhận", "province", null, "24", true),
            new Agency("ubnd-kinh-bac", "UBND phường Kinh Bắc", "commune", "triage", "24-kinh-bac", true),
            new Agency("ubnd-tu-son", "UBND phường Từ Sơn", "commune", "triage", "24-tu-son", true),
            new Agency("so-xay-dung", "Sở Xây dựng", "province", "triage", "24", true)));
    public final List<RoutingRule> rules = new ArrayList<>(List.of(
            new RoutingRule("*", "24", "triage"),
            new RoutingRule("noise", "24-kinh-bac", "ubnd-kinh-bac"),
            new RoutingRule("noise", "24-tu-son", "ubnd-tu-son"),
            new RoutingRule("roads", "24", "so-xay-dung")));
    public final Set<LocalDate> holidays = Set.of(LocalDate.parse("2026-09-02"));

    @Override
    public List<Agency> agencies() {
        return agencies;
    }

    @Override
    public List<RoutingRule> rules() {
        return rules;
    }

    @Override
    public Set<LocalDate> holidays() {
        return holidays;
    }

    public final Set<String> retired = new java.util.HashSet<>();

    @Override
    public Set<String> retiredAreas() {
        return retired;
    }

    @Override
    public List<Category> categories() {
        return List.of(ROADS, NOISE);
    }

    @Override
    public AreaTree areas() {
        return areas;
    }
}
