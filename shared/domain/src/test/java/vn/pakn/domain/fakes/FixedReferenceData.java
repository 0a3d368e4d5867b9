package vn.pakn.domain.fakes;

import java.util.List;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.AreaTree;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/** A small province: two communes, a category needing a photo and one that does not. */
public final class FixedReferenceData implements ReferenceData {
    public static final Category ROADS = new Category("roads", new LocalizedText("Hư hỏng đường, hè phố",
            "Damaged roads and pavements"), 24, 10, true, true);
    public static final Category NOISE = new Category("noise", new LocalizedText("Tiếng ồn", "Noise"), 24, 5, false, true);

    private final AreaTree areas = new AreaTree(List.of(
            new Area("24", "Tỉnh Bắc Ninh", "province", null, null, null),
            new Area("24-kinh-bac", "Phường Kinh Bắc", "commune", "24", 21.1861, 106.0763),
            new Area("24-tu-son", "Phường Từ Sơn", "commune", "24", 21.1167, 105.9620)));

    @Override
    public List<Category> categories() {
        return List.of(ROADS, NOISE);
    }

    @Override
    public AreaTree areas() {
        return areas;
    }
}
