package vn.pakn.domain.stats;

import java.util.List;

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
}
