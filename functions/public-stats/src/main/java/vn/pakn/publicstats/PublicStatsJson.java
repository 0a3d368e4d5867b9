package vn.pakn.publicstats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.stats.DurationHistogram;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures;

/**
 * The published shape (docs/public-stats.md). Every figure is a field of {@link StatsFigures},
 * under the same name: definitions stay in one place. Rates are numbers from 0 to 1 rounded to
 * four decimals, null when nothing was there to measure. Hours are whole hours (the upper bound of
 * the histogram bucket holding the quantile), null when nothing was measured; a quantile beyond
 * the last bound is null too and its field is named in {@code overMaxHours}, with the bound in
 * {@code maxHours}: "more than 720 h" is all that is known, and a number would pretend otherwise.
 */
final class PublicStatsJson {
    static final int MAX_HOURS = DurationHistogram.BOUNDS.get(DurationHistogram.BOUNDS.size() - 1);

    private PublicStatsJson() {
    }

    static ObjectNode answer(StatsAnswer a) {
        ObjectNode out = Json.object();
        StatsQuery q = a.query();
        out.put("from", q.from().toString());
        out.put("to", q.to().toString());
        out.put("asOf", q.to().toString());
        out.put("timeZone", StatsContribution.ZONE.getId());
        out.put("groupBy", q.groupBy().wireName());
        ObjectNode filters = out.putObject("filters");
        q.filters().forEach(filters::put);
        ObjectNode gauges = out.putObject("gauges");
        gauges.put("fromSnapshot", a.gaugesFromSnapshot());
        if (a.lastSnapshotDay() == null) {
            gauges.putNull("lastSnapshotDay");
        } else {
            gauges.put("lastSnapshotDay", a.lastSnapshotDay().toString());
        }
        out.put("maxHours", MAX_HOURS);
        out.set("total", figures(a.total()));
        ArrayNode groups = out.putArray("groups");
        boolean series = q.groupBy() == StatsQuery.GroupBy.DAY || q.groupBy() == StatsQuery.GroupBy.MONTH;
        for (StatsAnswer.Group g : a.groups()) {
            ObjectNode group = groups.addObject();
            group.put("key", g.key());
            if (series) {
                group.put("from", g.from().toString());
                group.put("to", g.to().toString());
                group.put("gaugesFromSnapshot", g.gaugesFromSnapshot());
            } else {
                name(group, g.name());
            }
            group.set("figures", figures(g.figures()));
        }
        return out;
    }

    static ObjectNode figures(StatsFigures f) {
        ObjectNode o = Json.object();
        o.put("received", f.received());
        o.put("resolved", f.resolved());
        o.put("resolvedAgain", f.resolvedAgain());
        o.put("rejected", f.rejected());
        o.put("closed", f.closed());
        o.put("reopened", f.reopened());
        o.put("transferred", f.transferred());
        o.put("escalated", f.escalated());
        o.put("assigned", f.assigned());
        o.put("onTime", f.onTime());
        o.put("resolvedLate", f.resolvedLate());
        o.put("missedDeadline", f.missedDeadline());
        o.put("overdue", f.overdue());
        o.put("open", f.open());
        o.put("openOverdue", f.openOverdue());
        o.put("ratings", f.ratings());
        o.put("ratings45", f.ratings45());
        rate(o, "processingRate", f.processingRate());
        rate(o, "onTimeRate", f.onTimeRate());
        rate(o, "satisfaction", f.satisfaction());
        rate(o, "transfersPerComplaint", f.transfersPerComplaint());
        ArrayNode over = Json.array();
        hours(o, over, "ackMedianHours", f.ackMedianHours());
        hours(o, over, "ackP90Hours", f.ackP90Hours());
        hours(o, over, "resolveMedianHours", f.resolveMedianHours());
        hours(o, over, "resolveP90Hours", f.resolveP90Hours());
        hours(o, over, "heldMedianHours", f.heldMedianHours());
        hours(o, over, "heldP90Hours", f.heldP90Hours());
        o.set("overMaxHours", over);
        return o;
    }

    /** Four decimals: a ratio of counts published alongside them, never finer than the counts can say. */
    static Double rounded(Double rate) {
        return rate == null ? null : Math.round(rate * 10_000) / 10_000.0;
    }

    private static void rate(ObjectNode o, String name, Double value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, rounded(value));
        }
    }

    private static void hours(ObjectNode o, ArrayNode over, String name, Integer value) {
        if (value == null || value == StatsFigures.OVER_MAX_HOURS) {
            o.putNull(name);
            if (value != null) {
                over.add(name);
            }
        } else {
            o.put(name, value);
        }
    }

    private static void name(ObjectNode group, LocalizedText name) {
        if (name == null) {
            group.putNull("name");
        } else {
            group.putObject("name").put("vi", name.vi()).put("en", name.en());
        }
    }

}
