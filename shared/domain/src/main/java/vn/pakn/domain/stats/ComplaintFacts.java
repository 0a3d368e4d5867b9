package vn.pakn.domain.stats;

import java.util.ArrayList;
import java.util.List;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.ReferenceData;

/**
 * What the statistics need to know about a complaint besides its events.
 *
 * @param areaPath the complaint's area first, then each parent up to the root (empty when none)
 * @param rating   the citizen's 1-5 once closed by them, else null
 */
public record ComplaintFacts(String category, List<String> areaPath, String channel, Integer rating) {
    public ComplaintFacts {
        areaPath = List.copyOf(areaPath);
    }

    /**
     * Category, area and channel never change with events; the rating is taken only once the
     * complaint is CLOSED, which is final, so the facts of an event do not depend on when it is
     * counted. The area path follows today's tree: an area since retired counts for itself.
     */
    public static ComplaintFacts of(Complaint c, ReferenceData reference) {
        List<String> areaPath = new ArrayList<>();
        if (c.areaCode() != null) {
            reference.areas().ancestorsOf(c.areaCode()).stream().map(Area::code).forEach(areaPath::add);
            if (areaPath.isEmpty()) {
                areaPath.add(c.areaCode());
            }
        }
        Integer rating = c.status() == Status.CLOSED && c.handling() != null ? c.handling().rating() : null;
        return new ComplaintFacts(c.categoryCode(), areaPath, c.channel().wireName(), rating);
    }
}
