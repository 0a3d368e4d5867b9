package vn.pakn.feed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.AreaTree;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.reference.RoutingRule;

/** The small test province, plus a category kept out of the feed; categories can be changed by a test. */
final class FeedReference implements ReferenceData {
    static final Category SECURITY = new Category("security", new LocalizedText("An ninh trật tự", "Public security"),
            12, 5, false, false);

    private final FixedReferenceData fixed = new FixedReferenceData();
    final List<Category> categories = new ArrayList<>(List.of(FixedReferenceData.ROADS, FixedReferenceData.NOISE,
            SECURITY));

    /** Replaces a category's publicFeed flag, as an administrator would. */
    void publicFeed(String code, boolean value) {
        categories.replaceAll(c -> c.code().equals(code) ? new Category(c.code(), c.name(), c.ackHours(),
                c.resolveDays(), c.photoRequired(), value, c.escalateWhenOverdue()) : c);
    }

    @Override
    public List<Category> categories() {
        return categories;
    }

    @Override
    public AreaTree areas() {
        return fixed.areas();
    }

    @Override
    public List<Agency> agencies() {
        return fixed.agencies();
    }

    @Override
    public List<RoutingRule> rules() {
        return fixed.rules();
    }

    @Override
    public Set<LocalDate> holidays() {
        return fixed.holidays();
    }
}
