package vn.pakn.aws.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.stats.AggregateKey;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsContribution;

/**
 * The layout of the statistics table, in one place (docs/statistics.md).
 *
 * <ul>
 *   <li>aggregate: {@code pk = AGG#<grouping>#<key>}, {@code sk = DAY#yyyy-MM-dd | MONTH#yyyy-MM}, one
 *       number per counter;</li>
 *   <li>daily snapshot of the gauges: same pk, {@code sk = SNAP#yyyy-MM-dd}, attributes {@code open} and
 *       {@code openOverdue}; a missing item means both are zero on a day the snapshots cover;</li>
 *   <li>{@code pk = META, sk = SNAPSHOTS}: {@code lastDay}, the last day whose snapshot is complete;</li>
 *   <li>applied markers {@code APPLIED#<complaintId>#<seq>} (see {@link DynamoStatsTable}).</li>
 * </ul>
 * Aggregates and snapshots carry {@code period} (their sk), the key of the sparse {@code byPeriod}
 * index: every grouping's item of one day or month in one query, for snapshots and open data.
 */
public final class StatsKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String PERIOD = "period";
    public static final String BY_PERIOD = "byPeriod";
    public static final String OPEN = "open";
    public static final String OPEN_OVERDUE = "openOverdue";
    public static final String META_PK = "META";
    public static final String SNAPSHOTS_SK = "SNAPSHOTS";
    public static final String LAST_DAY = "lastDay";
    /** Attributes that are not counters. */
    public static final Set<String> NOT_COUNTERS = Set.of(PK, SK, PERIOD, "expiresAt");

    private StatsKeys() {
    }

    public static String aggregatePk(Grouping grouping, String key) {
        return new AggregateKey(grouping, key, "").pk();
    }

    public static String day(LocalDate day) {
        return StatsContribution.dayPeriod(day);
    }

    public static String month(LocalDate anyDayOfMonth) {
        return StatsContribution.monthPeriod(anyDayOfMonth);
    }

    /** The first instant after a {@link #day} or {@link #month} period, in the statistics' calendar. */
    public static Instant periodEnd(String period) {
        int hash = period.indexOf('#');
        String kind = period.substring(0, hash + 1);
        String when = period.substring(hash + 1);
        LocalDate next = switch (kind) {
            case "DAY#" -> LocalDate.parse(when).plusDays(1);
            case "MONTH#" -> YearMonth.parse(when).atDay(1).plusMonths(1);
            default -> throw new IllegalArgumentException("Not a day or month period: " + period);
        };
        return next.atStartOfDay(StatsContribution.ZONE).toInstant();
    }

    public static String snapshot(LocalDate day) {
        return "SNAP#" + day;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(pk));
        key.put(SK, AttributeValue.fromS(sk));
        return key;
    }

    /** The grouping and key of an aggregate pk, e.g. {@code AGG#AREA#27-bac-ninh}. */
    public static Map.Entry<Grouping, String> parsePk(String pk) {
        String rest = pk.substring("AGG#".length());
        int hash = rest.indexOf('#');
        return Map.entry(Grouping.valueOf(rest.substring(0, hash)), rest.substring(hash + 1));
    }

    /** The counters of an aggregate item, by name. */
    public static Map<String, Long> counters(Map<String, AttributeValue> item) {
        Map<String, Long> out = new HashMap<>();
        item.forEach((name, value) -> {
            if (!NOT_COUNTERS.contains(name) && value.n() != null) {
                out.put(name, Long.parseLong(value.n()));
            }
        });
        return out;
    }
}
