package vn.pakn.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import vn.pakn.aws.dynamo.DynamoReferenceAdmin;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceAdminStore;
import vn.pakn.domain.reference.ReferenceAdminStore.AgencyEntry;
import vn.pakn.domain.reference.ReferenceAdminStore.AreaEntry;
import vn.pakn.domain.reference.ReferenceAdminStore.Holiday;
import vn.pakn.domain.reference.ReferenceAdminStore.Snapshot;
import vn.pakn.domain.reference.RoutingRule;

/**
 * What administrators may change in the reference data, and the checks that keep it routable:
 * every parent, area, category and agency named exists, areas and agencies form no cycle, rules
 * point at enabled agencies, and a merged area takes nothing new. Each change is checked against a
 * fresh, consistent read before anything is written; a refused change writes nothing. Boundary
 * changes (re-parenting, merging) then re-route the open complaints of the areas concerned.
 */
public final class AdminService {
    static final Pattern CATEGORY_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    /** Official codes are digits; demo slugs add letters and hyphens. Never {@code *}: that is rule shorthand. */
    static final Pattern AREA_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final int MAX_NAME = 200;
    static final int MAX_LEVEL = 40;
    static final int MAX_ACK_HOURS = 720;
    static final int MAX_RESOLVE_DAYS = 365;

    private final ReferenceAdminStore store;
    private final AgencyRegistry agencies;
    private final BoundaryRerouting rerouting;

    public AdminService(ReferenceAdminStore store, AgencyRegistry agencies, BoundaryRerouting rerouting) {
        this.store = store;
        this.agencies = agencies;
        this.rerouting = rerouting;
    }

    /** @param created false when an existing item was replaced */
    public record Saved<T>(T value, boolean created) {
    }

    /** The reference data as it is now, for listings. */
    public Snapshot snapshot() {
        return store.load();
    }

    // ------------------------------------------------------------------ categories

    public Category category(String code) {
        return store.load().category(code).orElseThrow(() -> notFound("unknown_category",
                "Không có lĩnh vực với mã này.", "No category has this code."));
    }

    public Saved<Category> putCategory(Category c) {
        checkPattern(c.code(), CATEGORY_CODE, "code",
                "Mã lĩnh vực gồm chữ thường, chữ số và dấu gạch ngang (tối đa 48 ký tự).",
                "A category code is lower-case letters, digits and hyphens (at most 48).");
        if (c.name() == null) {
            throw InputError.required("name");
        }
        requireName(c.name().vi(), "name.vi");
        requireName(c.name().en(), "name.en");
        range(c.ackHours(), 1, MAX_ACK_HOURS, "ackHours");
        range(c.resolveDays(), 1, MAX_RESOLVE_DAYS, "resolveDays");
        boolean created = store.load().category(c.code()).isEmpty();
        Category clean = new Category(c.code(), new LocalizedText(c.name().vi().strip(), c.name().en().strip()),
                c.ackHours(), c.resolveDays(), c.photoRequired(), c.publicFeed(), c.escalateWhenOverdue());
        store.putCategory(clean);
        Log.info("admin.category.saved", "category", c.code(), "created", created);
        return new Saved<>(clean, created);
    }

    // ------------------------------------------------------------------ areas

    /** @param rerouting null unless the area moved to another parent */
    public record AreaSaved(AreaEntry area, boolean created, BoundaryRerouting.Summary rerouting) {
    }

    /** Creates or updates an area; a new parent is a boundary change and re-routes the area's open complaints. */
    public AreaSaved putArea(Area input) {
        checkPattern(input.code(), AREA_CODE, "code",
                "Mã địa bàn gồm chữ, chữ số, '.', '_' và '-' (tối đa 64 ký tự).",
                "An area code is letters, digits, '.', '_' and '-' (at most 64).");
        String name = requireName(input.name(), "name");
        String level = requireText(input.level(), "level", MAX_LEVEL);
        if ((input.centroidLat() == null) != (input.centroidLon() == null)) {
            throw InputError.invalid("invalid_centroid", "centroid",
                    "Tâm địa bàn phải có cả vĩ độ và kinh độ.", "A centroid needs both lat and lon.");
        }
        if (input.centroidLat() != null && (Math.abs(input.centroidLat()) > 90 || Math.abs(input.centroidLon()) > 180)) {
            throw InputError.invalid("out_of_range", "centroid",
                    "Vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180.", "Latitude must be -90..90, longitude -180..180.");
        }
        Snapshot before = store.load();
        AreaEntry existing = before.area(input.code()).orElse(null);
        if (existing != null && existing.merged()) {
            throw mergedArea(null, existing);
        }
        String parent = input.parentCode();
        if (parent != null) {
            AreaEntry parentEntry = before.area(parent).orElseThrow(() -> InputError.invalid("unknown_area", "parent",
                    "Không có địa bàn cha với mã này.", "No area has this parent code."));
            if (parentEntry.merged()) {
                throw mergedArea("parent", parentEntry);
            }
            if (existing != null && before.subtree(input.code()).contains(parent)) {
                throw InputError.invalid("area_cycle", "parent",
                        "Địa bàn không thể nằm trong chính nó hoặc địa bàn con của nó.",
                        "An area cannot be placed under itself or one of its own sub-areas.");
            }
        }
        Area area = new Area(input.code(), name, level, parent, input.centroidLat(), input.centroidLon());
        store.putArea(new AreaEntry(area, null));
        boolean moved = existing != null && !Objects.equals(existing.area().parentCode(), parent);
        Log.info("admin.area.saved", "area", area.code(), "created", existing == null, "moved", moved);
        BoundaryRerouting.Summary summary = null;
        if (moved) {
            Snapshot after = store.load();
            summary = rerouting.reroute(new BoundaryRerouting.Change("area " + area.code() + " moved from "
                    + describeParent(existing.area().parentCode()) + " to " + describeParent(parent),
                    after.subtree(area.code()), Set.of()), after);
        }
        return new AreaSaved(new AreaEntry(area, null), existing == null, summary);
    }

    /**
     * @param rulesMoved          the merged area's rules now on the target (the target had none for their category)
     * @param rulesDropped        the merged area's rules the target's own rule for the category overrides
     * @param agenciesServingArea agencies whose area is the merged one: an administrator decides their fate
     * @param alreadyMerged       this merge had been applied before; only the re-routing ran again
     */
    public record Merged(AreaEntry area, List<Area> reparented, List<RoutingRule> rulesMoved,
                         List<RoutingRule> rulesDropped, List<String> agenciesServingArea, boolean alreadyMerged,
                         BoundaryRerouting.Summary rerouting) {
    }

    /**
     * Merges one area into another, as communes were merged in July 2025: the merged area's
     * sub-areas and rules go to the target, and the merged area is kept, retired, under the target
     * (so complaints filed under its code keep resolving, to the target's agencies), then the open
     * complaints of the target's whole subtree are re-routed. Repeating it changes nothing more.
     */
    public Merged merge(String code, String into) {
        if (into == null || into.isBlank()) {
            throw InputError.required("into");
        }
        Snapshot before = store.load();
        AreaEntry merged = before.area(code).orElseThrow(() -> notFound("unknown_area",
                "Không có địa bàn với mã này.", "No area has this code."));
        AreaEntry target = before.area(into).orElseThrow(() -> InputError.invalid("unknown_area", "into",
                "Không có địa bàn với mã này.", "No area has this code."));
        if (code.equals(into)) {
            throw InputError.invalid("same_area", "into",
                    "Không thể sáp nhập một địa bàn vào chính nó.", "An area cannot be merged into itself.");
        }
        if (target.merged()) {
            throw mergedArea("into", target);
        }
        String description = "area " + code + " merged into " + into;
        List<String> serving = before.agencies().stream().filter(a -> code.equals(a.areaCode()))
                .map(Agency::id).toList();
        if (merged.merged()) {
            if (!merged.mergedInto().equals(into)) {
                throw mergedArea(null, merged);
            }
            // Repeated: the structure is in place; re-routing again moves only what still needs it.
            BoundaryRerouting.Summary summary = rerouting.reroute(new BoundaryRerouting.Change(description,
                    before.subtree(into), Set.of(code)), before);
            return new Merged(merged, List.of(), List.of(), List.of(), serving, true, summary);
        }
        if (before.subtree(code).contains(into)) {
            throw InputError.invalid("area_cycle", "into",
                    "Không thể sáp nhập một địa bàn vào địa bàn con của nó.",
                    "An area cannot be merged into one of its own sub-areas.");
        }
        List<Area> reparented = before.areaEntries().stream().map(AreaEntry::area)
                .filter(a -> code.equals(a.parentCode()))
                .map(a -> new Area(a.code(), a.name(), a.level(), into, a.centroidLat(), a.centroidLon())).toList();
        List<RoutingRule> removed = before.rules().stream().filter(r -> r.areaCode().equals(code)).toList();
        List<RoutingRule> moved = new ArrayList<>();
        List<RoutingRule> dropped = new ArrayList<>();
        for (RoutingRule r : removed) {
            if (before.rule(r.categoryCode(), into).isPresent()) {
                dropped.add(r);
            } else {
                moved.add(new RoutingRule(r.categoryCode(), into, r.agencyId()));
            }
        }
        Area a = merged.area();
        AreaEntry retired = new AreaEntry(new Area(a.code(), a.name(), a.level(), into, a.centroidLat(),
                a.centroidLon()), into);
        try {
            store.applyMerge(new ReferenceAdminStore.Merge(retired, reparented, moved, removed));
        } catch (ReferenceAdminStore.ConcurrentChangeException e) {
            throw InputError.conflict("concurrent_change", null,
                    "Địa bàn vừa được người khác thay đổi. Hãy tải lại và thử lại.",
                    "Someone else changed this area just now. Reload and try again.");
        }
        Log.info("admin.area.merged", "area", code, "into", into, "reparented", reparented.size(),
                "rulesMoved", moved.size(), "rulesDropped", dropped.size());
        Snapshot after = store.load();
        BoundaryRerouting.Summary summary = rerouting.reroute(new BoundaryRerouting.Change(description,
                after.subtree(into), Set.of(code)), after);
        return new Merged(retired, reparented, moved, dropped, serving, false, summary);
    }

    // ------------------------------------------------------------------ agencies

    /**
     * Creates or updates an agency. A new one starts enabled unless {@code enabled} says otherwise;
     * an existing one keeps its state when {@code enabled} is null.
     */
    public Saved<AgencyEntry> putAgency(String id, String name, String level, String parentId, String areaCode,
                                        Boolean enabled) {
        if (!DynamoReferenceAdmin.isAgencyId(id)) {
            throw InputError.invalid("invalid_code", "id",
                    "Mã cơ quan gồm chữ thường, chữ số và dấu gạch ngang (tối đa 48 ký tự): nó đặt tên cho hàng đợi.",
                    "An agency id is 1-48 lower-case letters, digits and hyphens: it names the agency's queues.");
        }
        String cleanName = requireName(name, "name");
        String cleanLevel = requireText(level, "level", MAX_LEVEL);
        if (areaCode == null || areaCode.isBlank()) {
            throw InputError.required("area");
        }
        Snapshot before = store.load();
        AreaEntry area = before.area(areaCode).orElseThrow(() -> InputError.invalid("unknown_area", "area",
                "Không có địa bàn với mã này.", "No area has this code."));
        if (area.merged()) {
            throw mergedArea("area", area);
        }
        if (parentId != null) {
            if (before.agency(parentId).isEmpty()) {
                throw InputError.invalid("unknown_agency", "parent",
                        "Không có cơ quan cấp trên với mã này.", "No agency has this parent id.");
            }
            Set<String> seen = new HashSet<>();
            for (String p = parentId; p != null && seen.add(p); p = before.agency(p).map(Agency::parentId).orElse(null)) {
                if (p.equals(id)) {
                    throw InputError.invalid("agency_cycle", "parent",
                            "Cơ quan không thể là cấp trên của chính nó.", "An agency cannot be its own superior.");
                }
            }
        }
        AgencyEntry existing = before.agencyEntry(id).orElse(null);
        boolean on = enabled != null ? enabled : existing == null || existing.agency().enabled();
        Agency agency = new Agency(id, cleanName, cleanLevel, parentId, areaCode, on);
        AgencyRegistry.Queues queues = agencies.save(agency).orElse(null);
        Log.info("admin.agency.saved", "agencyId", id, "created", existing == null, "enabled", on);
        return new Saved<>(entry(agency, queues, existing), existing == null);
    }

    public AgencyEntry enable(String id) {
        AgencyEntry existing = knownAgency(id);
        AgencyRegistry.Queues queues = agencies.enable(id);
        Agency a = existing.agency();
        return entry(new Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), true), queues, existing);
    }

    public AgencyEntry disable(String id) {
        AgencyEntry existing = knownAgency(id);
        agencies.disable(id);
        Agency a = existing.agency();
        return entry(new Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), false), null, existing);
    }

    private AgencyEntry knownAgency(String id) {
        return store.load().agencyEntry(id).orElseThrow(() -> notFound("unknown_agency",
                "Không có cơ quan với mã này.", "No agency has this id."));
    }

    private static AgencyEntry entry(Agency agency, AgencyRegistry.Queues queues, AgencyEntry before) {
        if (queues != null) {
            return new AgencyEntry(agency, queues.queueUrl(), queues.deadLetterQueueUrl());
        }
        return new AgencyEntry(agency, before == null ? null : before.queueUrl(),
                before == null ? null : before.deadLetterQueueUrl());
    }

    // ------------------------------------------------------------------ rules

    /** Applies to complaints routed from now on; open complaints stay where they are. */
    public Saved<RoutingRule> putRule(String category, String area, String agency) {
        if (category == null || category.isBlank()) {
            throw InputError.required("category");
        }
        if (area == null || area.isBlank()) {
            throw InputError.required("area");
        }
        if (agency == null || agency.isBlank()) {
            throw InputError.required("agency");
        }
        Snapshot before = store.load();
        if (!RoutingRule.ANY_CATEGORY.equals(category) && before.category(category).isEmpty()) {
            throw InputError.invalid("unknown_category", "category",
                    "Không có lĩnh vực với mã này (hoặc dùng \"*\" cho mọi lĩnh vực).",
                    "No category has this code (or use \"*\" for every category).");
        }
        AreaEntry areaEntry = before.area(area).orElseThrow(() -> InputError.invalid("unknown_area", "area",
                "Không có địa bàn với mã này.", "No area has this code."));
        if (areaEntry.merged()) {
            throw mergedArea("area", areaEntry);
        }
        Agency target = before.agency(agency).orElseThrow(() -> InputError.invalid("unknown_agency", "agency",
                "Không có cơ quan với mã này.", "No agency has this id."));
        if (!target.enabled()) {
            throw InputError.invalid("agency_disabled", "agency",
                    "Cơ quan này đang ngừng hoạt động; hãy bật lại trước.", "This agency is disabled; enable it first.");
        }
        boolean created = before.rule(category, area).isEmpty();
        RoutingRule rule = new RoutingRule(category, area, agency);
        store.putRule(rule);
        Log.info("admin.rule.saved", "category", category, "area", area, "agencyId", agency, "created", created);
        return new Saved<>(rule, created);
    }

    public void deleteRule(String category, String area) {
        Snapshot before = store.load();
        if (before.rule(category, area).isEmpty()) {
            throw notFound("unknown_rule", "Không có quy tắc cho lĩnh vực và địa bàn này.",
                    "No rule for this category and area.");
        }
        boolean rootDefault = RoutingRule.ANY_CATEGORY.equals(category)
                && before.area(area).map(e -> e.area().parentCode() == null).orElse(false);
        if (rootDefault) {
            // Without it a complaint no other rule matches has nowhere to go and waits in the intake queue.
            throw InputError.conflict("default_rule_required", null,
                    "Quy tắc mặc định (\"*\") của tỉnh chỉ có thể thay bằng quy tắc khác, không thể xóa.",
                    "A province's default rule (\"*\") can be replaced with PUT, not deleted.");
        }
        store.deleteRule(category, area);
        Log.info("admin.rule.deleted", "category", category, "area", area);
    }

    // ------------------------------------------------------------------ holidays

    public Saved<Holiday> putHoliday(LocalDate date, String name) {
        String clean = null;
        if (name != null && !name.isBlank()) {
            clean = requireName(name, "name");
        }
        boolean created = store.load().holidayList().stream().noneMatch(h -> h.date().equals(date));
        store.putHoliday(date, clean);
        Log.info("admin.holiday.saved", "date", date.toString(), "created", created);
        return new Saved<>(new Holiday(date, clean), created);
    }

    public void deleteHoliday(LocalDate date) {
        if (!store.deleteHoliday(date)) {
            throw notFound("unknown_holiday", "Ngày này không phải ngày nghỉ đã khai báo.",
                    "This date is not a listed holiday.");
        }
        Log.info("admin.holiday.deleted", "date", date.toString());
    }

    // ------------------------------------------------------------------ checks

    static InputError mergedArea(String field, AreaEntry area) {
        return new InputError(InputError.Kind.CONFLICT, "area_merged", field, new LocalizedText(
                "Địa bàn " + area.area().code() + " đã được sáp nhập vào " + area.mergedInto() + ".",
                "Area " + area.area().code() + " was merged into " + area.mergedInto() + "."));
    }

    static InputError notFound(String code, String vi, String en) {
        return InputError.notFound(code, null, vi, en);
    }

    private static String describeParent(String parent) {
        return parent == null ? "the top level" : parent;
    }

    private static void checkPattern(String value, Pattern pattern, String field, String vi, String en) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw InputError.invalid("invalid_code", field, vi, en);
        }
    }

    private static String requireName(String value, String field) {
        return requireText(value, field, MAX_NAME);
    }

    private static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw InputError.required(field);
        }
        String clean = value.strip();
        if (clean.codePointCount(0, clean.length()) > max) {
            throw InputError.tooLong(field, max);
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw InputError.invalid("invalid_text", field,
                    "Không được chứa ký tự điều khiển.", "Must not contain control characters.");
        }
        return clean;
    }

    private static void range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw InputError.invalid("out_of_range", field, "Giá trị từ " + min + " đến " + max + ".",
                    "Must be from " + min + " to " + max + ".");
        }
    }
}
