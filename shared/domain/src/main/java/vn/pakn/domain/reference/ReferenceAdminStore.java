package vn.pakn.domain.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Port: the reference data as an administrator manages it, with what routing does not need but an
 * administrator must see (merged areas, agencies' queues, holiday names). Reads are consistent and
 * never cached: an administrator's change is checked against the data as it is, not a minute ago.
 * Agencies are written through their provisioning (their queues come first), not through this port.
 */
public interface ReferenceAdminStore {

    /** Everything, read now. */
    Snapshot load();

    void putCategory(Category category);

    /** Creates or replaces an area; a merged area keeps {@code mergedInto}, others pass null. */
    void putArea(AreaEntry area);

    /** Creates the rule or replaces the one for the same category and area. */
    void putRule(RoutingRule rule);

    /** @return false when there was no such rule */
    boolean deleteRule(String categoryCode, String areaCode);

    /** @param name null when only the date is known */
    void putHoliday(LocalDate date, String name);

    /** @return false when the date was not a holiday */
    boolean deleteHoliday(LocalDate date);

    /**
     * Applies a boundary change in the order that keeps a half-applied change safe to repeat: the
     * target's new rules, the re-parented areas, the rules removed, and last the merged area, on
     * the condition that it is not merged elsewhere meanwhile.
     *
     * @throws ConcurrentChangeException when the merged area changed under the administrator
     */
    void applyMerge(Merge merge);

    /**
     * @param merged          the retired area, re-parented under the target, with {@code mergedInto} set
     * @param reparented      its former children, now children of the target
     * @param rulesAdded      its rules, moved to the target where the target had none for the category
     * @param rulesRemoved    every rule of the merged area
     */
    record Merge(AreaEntry merged, List<Area> reparented, List<RoutingRule> rulesAdded,
                 List<RoutingRule> rulesRemoved) {
        public Merge {
            reparented = List.copyOf(reparented);
            rulesAdded = List.copyOf(rulesAdded);
            rulesRemoved = List.copyOf(rulesRemoved);
        }
    }

    /**
     * An area with its boundary history.
     *
     * @param mergedInto the area it was merged into; null for a live area. A merged area stays (under
     *                   its target) so that complaints filed under its code still resolve and route.
     */
    record AreaEntry(Area area, String mergedInto) {
        public boolean merged() {
            return mergedInto != null;
        }
    }

    /** @param queueUrl null until the agency's queues exist (a never-enabled agency) */
    record AgencyEntry(Agency agency, String queueUrl, String deadLetterQueueUrl) {
    }

    /** @param name null when only the date is known */
    record Holiday(LocalDate date, String name) {
    }

    /** The whole reference data at one moment; routing and the lifecycle can read it directly. */
    record Snapshot(List<Category> categoryList, List<AreaEntry> areaEntries, List<AgencyEntry> agencyEntries,
                    List<RoutingRule> ruleList, List<Holiday> holidayList) implements ReferenceData {
        public Snapshot {
            categoryList = sorted(categoryList, Comparator.comparing(Category::code));
            areaEntries = sorted(areaEntries, Comparator.comparing(e -> e.area().code()));
            agencyEntries = sorted(agencyEntries, Comparator.comparing(e -> e.agency().id()));
            ruleList = sorted(ruleList, Comparator.comparing(RoutingRule::areaCode)
                    .thenComparing(RoutingRule::categoryCode));
            holidayList = sorted(holidayList, Comparator.comparing(Holiday::date));
        }

        @Override
        public List<Category> categories() {
            return categoryList;
        }

        /** Merged areas included: complaints filed under them must still route. */
        @Override
        public AreaTree areas() {
            return new AreaTree(areaEntries.stream().map(AreaEntry::area).toList());
        }

        @Override
        public List<Agency> agencies() {
            return agencyEntries.stream().map(AgencyEntry::agency).toList();
        }

        @Override
        public List<RoutingRule> rules() {
            return ruleList;
        }

        @Override
        public Set<LocalDate> holidays() {
            return holidayList.stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet());
        }

        public Optional<AreaEntry> area(String code) {
            return areaEntries.stream().filter(e -> e.area().code().equals(code)).findFirst();
        }

        public Optional<AgencyEntry> agencyEntry(String id) {
            return agencyEntries.stream().filter(e -> e.agency().id().equals(id)).findFirst();
        }

        public Optional<RoutingRule> rule(String categoryCode, String areaCode) {
            return ruleList.stream().filter(r -> r.categoryCode().equals(categoryCode)
                    && r.areaCode().equals(areaCode)).findFirst();
        }

        /** The area and every area below it, at any depth. */
        public Set<String> subtree(String code) {
            return areas().subtree(code);
        }

        private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
            List<T> copy = new ArrayList<>(items);
            copy.sort(order);
            return List.copyOf(copy);
        }
    }

    /** Someone else changed the same area first; the change stopped there, and repeating it is safe. */
    final class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException(String what) {
            super(what + " changed concurrently");
        }
    }
}
