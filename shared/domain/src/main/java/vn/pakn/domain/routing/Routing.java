package vn.pakn.domain.routing;

import java.util.List;
import java.util.Optional;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.reference.RoutingRule;

/**
 * Picks the agency for a complaint: the rule for its category in the most specific area on the
 * path from its area to the root, then the category-wide default rule ({@code *}) on that same
 * path, which is how a province names its triage team. Disabled agencies are passed over, so
 * disabling one sends its share to the next rule up.
 */
public final class Routing {
    private final ReferenceData reference;

    public Routing(ReferenceData reference) {
        this.reference = reference;
    }

    /** Why an agency was chosen, for the event note and for operators. */
    public record Decision(Agency agency, RoutingRule rule) {
    }

    /**
     * @param areaCode null when only coordinates are known: then only rules on root areas apply
     */
    public Optional<Decision> route(String categoryCode, String areaCode) {
        List<Area> path = areaCode == null
                ? reference.areas().all().stream().filter(a -> a.parentCode() == null).toList()
                : reference.areas().ancestorsOf(areaCode);
        for (boolean categoryDefault : new boolean[] {false, true}) {
            for (Area area : path) {
                for (RoutingRule rule : reference.rules()) {
                    boolean categoryMatches = categoryDefault ? rule.isCategoryDefault()
                            : rule.categoryCode().equals(categoryCode);
                    if (categoryMatches && rule.areaCode().equals(area.code())) {
                        Optional<Agency> agency = reference.agency(rule.agencyId()).filter(Agency::enabled);
                        if (agency.isPresent()) {
                            return Optional.of(new Decision(agency.get(), rule));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
