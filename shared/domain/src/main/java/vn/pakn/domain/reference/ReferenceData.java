package vn.pakn.domain.reference;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: what a province has configured: categories, areas, agencies, routing rules, holidays. */
public interface ReferenceData {
    List<Category> categories();

    default Optional<Category> category(String code) {
        return categories().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    AreaTree areas();

    List<Agency> agencies();

    default Optional<Agency> agency(String id) {
        return agencies().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    List<RoutingRule> rules();

    Set<LocalDate> holidays();

    /**
     * Areas merged into others by a boundary change. They stay in the tree (old complaints name
     * them, and routing reaches the new parent's rules through them) but are no longer offered
     * to citizens.
     */
    default Set<String> retiredAreas() {
        return Set.of();
    }
}
