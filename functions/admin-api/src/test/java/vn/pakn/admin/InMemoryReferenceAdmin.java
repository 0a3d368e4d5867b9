package vn.pakn.admin;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceAdminStore;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.reference.RoutingRule;

/** The reference table in maps, with a counter of writes so a test can show a refusal wrote nothing. */
final class InMemoryReferenceAdmin implements ReferenceAdminStore, AgencyRegistry {
    final Map<String, Category> categories = new LinkedHashMap<>();
    final Map<String, AreaEntry> areas = new LinkedHashMap<>();
    final Map<String, AgencyEntry> agencies = new LinkedHashMap<>();
    final Map<String, RoutingRule> rules = new LinkedHashMap<>();
    final Map<LocalDate, String> holidays = new TreeMap<>();
    int writes;
    /** Set to make the next merge lose a race with another administrator. */
    boolean failNextMerge;

    /** Starts with what {@code reference} holds, every enabled agency with its queues. */
    static InMemoryReferenceAdmin of(ReferenceData reference) {
        InMemoryReferenceAdmin store = new InMemoryReferenceAdmin();
        reference.categories().forEach(c -> store.categories.put(c.code(), c));
        reference.areas().all().forEach(a -> store.areas.put(a.code(), new AreaEntry(a, null)));
        reference.agencies().forEach(a -> store.agencies.put(a.id(), new AgencyEntry(a,
                a.enabled() ? queueUrl(a.id()) : null, a.enabled() ? queueUrl(a.id()) + "-dlq" : null)));
        reference.rules().forEach(r -> store.rules.put(r.categoryCode() + "#" + r.areaCode(), r));
        reference.holidays().forEach(d -> store.holidays.put(d, null));
        store.writes = 0;
        return store;
    }

    static String queueUrl(String agencyId) {
        return "https://sqs.local/000000000000/pakn-test-agency-" + agencyId;
    }

    @Override
    public synchronized Snapshot load() {
        return new Snapshot(List.copyOf(categories.values()), List.copyOf(areas.values()),
                List.copyOf(agencies.values()), List.copyOf(rules.values()),
                holidays.entrySet().stream().map(e -> new Holiday(e.getKey(), e.getValue())).toList());
    }

    @Override
    public synchronized void putCategory(Category category) {
        writes++;
        categories.put(category.code(), category);
    }

    @Override
    public synchronized void putArea(AreaEntry area) {
        writes++;
        areas.put(area.area().code(), area);
    }

    @Override
    public synchronized void putRule(RoutingRule rule) {
        writes++;
        rules.put(rule.categoryCode() + "#" + rule.areaCode(), rule);
    }

    @Override
    public synchronized boolean deleteRule(String categoryCode, String areaCode) {
        boolean had = rules.remove(categoryCode + "#" + areaCode) != null;
        writes += had ? 1 : 0;
        return had;
    }

    @Override
    public synchronized void putHoliday(LocalDate date, String name) {
        writes++;
        holidays.put(date, name);
    }

    @Override
    public synchronized boolean deleteHoliday(LocalDate date) {
        boolean had = holidays.containsKey(date);
        holidays.remove(date);
        writes += had ? 1 : 0;
        return had;
    }

    @Override
    public synchronized void applyMerge(Merge merge) {
        if (failNextMerge) {
            failNextMerge = false;
            throw new ConcurrentChangeException("Area " + merge.merged().area().code());
        }
        writes++;
        merge.rulesAdded().forEach(r -> rules.put(r.categoryCode() + "#" + r.areaCode(), r));
        merge.reparented().forEach(a -> areas.put(a.code(), new AreaEntry(a, null)));
        merge.rulesRemoved().forEach(r -> rules.remove(r.categoryCode() + "#" + r.areaCode()));
        areas.put(merge.merged().area().code(), merge.merged());
    }

    void addArea(Area area) {
        areas.put(area.code(), new AreaEntry(area, null));
    }

    // ------------------------------------------------------------------ AgencyRegistry

    @Override
    public synchronized java.util.Optional<Queues> save(Agency agency) {
        writes++;
        AgencyEntry before = agencies.get(agency.id());
        if (!agency.enabled()) {
            agencies.put(agency.id(), new AgencyEntry(agency, before == null ? null : before.queueUrl(),
                    before == null ? null : before.deadLetterQueueUrl()));
            return java.util.Optional.empty();
        }
        Queues queues = new Queues(queueUrl(agency.id()), queueUrl(agency.id()) + "-dlq");
        agencies.put(agency.id(), new AgencyEntry(agency, queues.queueUrl(), queues.deadLetterQueueUrl()));
        return java.util.Optional.of(queues);
    }

    @Override
    public synchronized Queues enable(String agencyId) {
        Agency a = agencies.get(agencyId).agency();
        return save(new Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), true)).orElseThrow();
    }

    @Override
    public synchronized void disable(String agencyId) {
        Agency a = agencies.get(agencyId).agency();
        save(new Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), false));
    }
}
