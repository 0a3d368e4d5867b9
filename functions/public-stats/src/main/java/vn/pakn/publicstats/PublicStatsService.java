package vn.pakn.publicstats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.GroupingKey;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsSource;

/**
 * Answers a statistics query from the aggregates only: the filters name one aggregate (the
 * total), the grouping lists its members from the reference data, each member is one more
 * aggregate. No complaint is ever read, so the cost of an answer depends on the reference data
 * and the period, not on how many complaints there are.
 */
public class PublicStatsService {
    /** Channels are an enum, not reference data: their names live here. */
    static final Map<Channel, LocalizedText> CHANNEL_NAMES = Map.of(
            Channel.WEB, new LocalizedText("Trang web", "Web"),
            Channel.MOBILE, new LocalizedText("Ứng dụng di động", "Mobile app"),
            Channel.HOTLINE, new LocalizedText("Đường dây nóng", "Hotline"),
            Channel.EMAIL, new LocalizedText("Thư điện tử", "Email"),
            Channel.OPEN311, new LocalizedText("Open311", "Open311"),
            Channel.OTHER, new LocalizedText("Khác", "Other"));

    private final StatsSource source;
    private final ReferenceData reference;
    private final Clock clock;

    public PublicStatsService(StatsSource source, ReferenceData reference, Clock clock) {
        this.source = source;
        this.reference = reference;
        this.clock = clock;
    }

    /** Today in the province's calendar, which every period is counted in. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(StatsContribution.ZONE));
    }

    public StatsAnswer answer(StatsQuery q) {
        requireKnownCodes(q);
        GroupingKey total = q.filterKey();
        if (q.groupBy() == StatsQuery.GroupBy.DAY || q.groupBy() == StatsQuery.GroupBy.MONTH) {
            boolean daily = q.groupBy() == StatsQuery.GroupBy.DAY;
            StatsSource.Series series = daily ? source.days(total, q.from(), q.to()) : source.months(total, q.from(), q.to());
            List<StatsAnswer.Group> groups = new ArrayList<>();
            for (StatsSource.Point p : series.points()) {
                String key = daily ? p.from().toString() : YearMonth.from(p.from()).toString();
                groups.add(new StatsAnswer.Group(key, null, p.from(), p.to(), p.figures(), p.gaugesFromSnapshot()));
            }
            boolean fromSnapshot = !series.points().isEmpty()
                    && series.points().get(series.points().size() - 1).gaugesFromSnapshot();
            return new StatsAnswer(q, series.total(), groups, series.lastSnapshotDay(), fromSnapshot);
        }
        List<Member> members = members(q);
        List<GroupingKey> keys = new ArrayList<>();
        keys.add(total);
        members.forEach(m -> keys.add(m.key()));
        StatsSource.Reading reading = source.figures(keys, q.from(), q.to());
        List<StatsAnswer.Group> groups = members.stream().map(m -> new StatsAnswer.Group(m.code(), m.name(),
                q.from(), q.to(), reading.figures().get(m.key()), reading.gaugesFromSnapshot())).toList();
        return new StatsAnswer(q, reading.figures().get(total), groups, reading.lastSnapshotDay(),
                reading.gaugesFromSnapshot());
    }

    /** One member of a grouping: what the client sees (code, name) and the aggregate holding its figures. */
    record Member(String code, LocalizedText name, GroupingKey key) {
    }

    List<Member> members(StatsQuery q) {
        String category = q.filter(StatsQuery.CATEGORY);
        String area = q.filter(StatsQuery.AREA);
        List<Member> out = new ArrayList<>();
        switch (q.groupBy()) {
            case CATEGORY -> {
                for (Category c : reference.categories()) {
                    out.add(new Member(c.code(), c.name(), area == null ? new GroupingKey(Grouping.CATEGORY, c.code())
                            : GroupingKey.categoryArea(c.code(), area)));
                }
            }
            case AREA -> {
                for (Area a : childrenOf(area)) {
                    out.add(new Member(a.code(), properName(a.name()), category == null
                            ? new GroupingKey(Grouping.AREA, a.code()) : GroupingKey.categoryArea(category, a.code())));
                }
            }
            case AGENCY -> {
                for (Agency a : reference.agencies()) {
                    out.add(new Member(a.id(), properName(a.name()), new GroupingKey(Grouping.AGENCY, a.id())));
                }
            }
            case CHANNEL -> {
                for (Channel c : Channel.values()) {
                    out.add(new Member(c.wireName(), CHANNEL_NAMES.get(c), new GroupingKey(Grouping.CHANNEL, c.wireName())));
                }
            }
            default -> {
                // NONE: the total alone
            }
        }
        return out;
    }

    /**
     * The areas directly under {@code parent}; with none given, under the root (a deployment
     * serves one province), or the roots themselves if the tree has several. Retired areas are
     * listed too: their complaints stay theirs.
     */
    private List<Area> childrenOf(String parent) {
        String under = parent;
        if (under == null) {
            List<Area> roots = reference.areas().all().stream().filter(a -> a.parentCode() == null).toList();
            if (roots.size() != 1) {
                return roots;
            }
            under = roots.get(0).code();
        }
        String p = under;
        return reference.areas().all().stream().filter(a -> p.equals(a.parentCode())).toList();
    }

    /** Areas and agencies have one proper name, the same in both languages. */
    private static LocalizedText properName(String name) {
        return new LocalizedText(name, name);
    }

    private void requireKnownCodes(StatsQuery q) {
        String category = q.filter(StatsQuery.CATEGORY);
        if (category != null && reference.category(category).isEmpty()) {
            throw InputError.invalid("unknown_category", StatsQuery.CATEGORY,
                    "Không có lĩnh vực với mã này.", "No category has this code.");
        }
        String area = q.filter(StatsQuery.AREA);
        if (area != null && !reference.areas().contains(area)) {
            throw InputError.invalid("unknown_area", StatsQuery.AREA,
                    "Không có địa bàn với mã này.", "No area has this code.");
        }
        String agency = q.filter(StatsQuery.AGENCY);
        if (agency != null && reference.agency(agency).isEmpty()) {
            throw InputError.invalid("unknown_agency", StatsQuery.AGENCY,
                    "Không có cơ quan với mã này.", "No agency has this id.");
        }
    }
}
