package vn.pakn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceAdminStore;
import vn.pakn.domain.reference.RoutingRule;

class AdminServiceTest {
    private final Complaints complaints = new Complaints();
    private final InMemoryReferenceAdmin store = InMemoryReferenceAdmin.of(new FixedReferenceData());
    private final AdminService service = new AdminService(store, store, new BoundaryRerouting(complaints.store,
            new InMemoryOpenComplaints(complaints.store), Clock.fixed(Complaints.MONDAY.plusSeconds(3600),
            ZoneOffset.UTC), Duration.ofSeconds(20)));

    /** The refusal: its kind, code and field, and no write at all. */
    private InputError refused(InputError.Kind kind, String code, String field, Runnable call) {
        ReferenceAdminStore.Snapshot before = store.load();
        int writes = store.writes;
        InputError e = assertThrows(InputError.class, call::run);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertFalse(e.text().vi().isBlank());
        assertFalse(e.text().en().isBlank());
        assertEquals(writes, store.writes, "nothing written");
        assertEquals(before, store.load());
        return e;
    }

    private static Category category(String code, int ackHours, int resolveDays) {
        return new Category(code, new LocalizedText("Chiếu sáng", "Lighting"), ackHours, resolveDays, true, true, false);
    }

    // ------------------------------------------------------------------ categories

    @Test
    void putCategory_createsThenReplaces_withEveryField() {
        AdminService.Saved<Category> created = service.putCategory(new Category("street-lighting",
                new LocalizedText(" Đèn chiếu sáng ", "Street lighting"), 24, 3, true, true, true));
        assertTrue(created.created());
        assertEquals("Đèn chiếu sáng", store.categories.get("street-lighting").name().vi());
        assertTrue(store.categories.get("street-lighting").escalateWhenOverdue());

        AdminService.Saved<Category> replaced = service.putCategory(category("street-lighting", 12, 2));
        assertFalse(replaced.created());
        assertEquals(12, store.categories.get("street-lighting").ackHours());
        assertFalse(store.categories.get("street-lighting").escalateWhenOverdue());
    }

    @Test
    void putCategory_refusesBadCodesNamesAndDeadlines() {
        refused(InputError.Kind.INVALID, "invalid_code", "code", () -> service.putCategory(category("Đèn", 24, 3)));
        refused(InputError.Kind.INVALID, "invalid_code", "code", () -> service.putCategory(category("*", 24, 3)));
        refused(InputError.Kind.INVALID, "out_of_range", "ackHours", () -> service.putCategory(category("x", 0, 3)));
        refused(InputError.Kind.INVALID, "out_of_range", "resolveDays", () -> service.putCategory(category("x", 4, 366)));
        refused(InputError.Kind.INVALID, "required", "name.en", () -> service.putCategory(new Category("x",
                new LocalizedText("Tên", " "), 4, 3, false, true, false)));
        refused(InputError.Kind.NOT_FOUND, "unknown_category", null, () -> service.category("nothing"));
    }

    // ------------------------------------------------------------------ areas

    @Test
    void putArea_createsUnderAKnownParent_andRefusesUnknownParentsAndCycles() {
        AdminService.AreaSaved created = service.putArea(new Area("24-moi", "Phường Mới", "commune", "24", 21.1, 106.1));
        assertTrue(created.created());
        assertNull(created.rerouting(), "a new area holds no complaints");
        assertEquals("24", store.areas.get("24-moi").area().parentCode());

        refused(InputError.Kind.INVALID, "unknown_area", "parent",
                () -> service.putArea(new Area("24-x", "X", "commune", "99", null, null)));
        refused(InputError.Kind.INVALID, "area_cycle", "parent",
                () -> service.putArea(new Area("24", "Tỉnh Bắc Ninh", "province", "24-moi", null, null)));
        refused(InputError.Kind.INVALID, "area_cycle", "parent",
                () -> service.putArea(new Area("24-moi", "Phường Mới", "commune", "24-moi", null, null)));
        refused(InputError.Kind.INVALID, "invalid_code", "code",
                () -> service.putArea(new Area("24-*", "X", "commune", "24", null, null)));
        refused(InputError.Kind.INVALID, "invalid_centroid", "centroid",
                () -> service.putArea(new Area("24-y", "Y", "commune", "24", 21.0, null)));
        refused(InputError.Kind.INVALID, "required", "level",
                () -> service.putArea(new Area("24-y", "Y", " ", "24", null, null)));
    }

    @Test
    void putArea_withAnotherParent_reroutesItsOpenComplaints_butARenameDoesNot() {
        store.addArea(new Area("24-tu-son-1", "Khu phố 1", "quarter", "24-tu-son", null, null));
        String id = complaints.routed("noise", "24-tu-son-1", "ubnd-tu-son");

        AdminService.AreaSaved renamed = service.putArea(new Area("24-tu-son-1", "Khu phố Một", "quarter",
                "24-tu-son", null, null));
        assertNull(renamed.rerouting());
        assertFalse(renamed.created());

        AdminService.AreaSaved moved = service.putArea(new Area("24-tu-son-1", "Khu phố Một", "quarter",
                "24-kinh-bac", null, null));
        assertNotNull(moved.rerouting());
        assertEquals(1, moved.rerouting().rerouted());
        assertEquals("ubnd-kinh-bac", complaints.complaint(id).handling().agencyId());
        assertEquals("boundary-change: area 24-tu-son-1 moved from 24-tu-son to 24-kinh-bac",
                complaints.transfers(id).get(0).note());
    }

    // ------------------------------------------------------------------ merging

    @Test
    void merge_movesSubAreasAndRules_retiresTheArea_andReroutesItsComplaints() {
        store.addArea(new Area("24-kinh-bac-1", "Khu phố 1", "quarter", "24-kinh-bac", null, null));
        store.putRule(new RoutingRule("roads", "24-kinh-bac", "ubnd-kinh-bac"));
        String noise = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        String inQuarter = complaints.routed("noise", "24-kinh-bac-1", "ubnd-kinh-bac");
        String roads = complaints.routed("roads", "24-kinh-bac", "ubnd-kinh-bac");

        AdminService.Merged merged = service.merge("24-kinh-bac", "24-tu-son");

        assertFalse(merged.alreadyMerged());
        assertEquals("24-tu-son", store.areas.get("24-kinh-bac").mergedInto());
        assertEquals("24-tu-son", store.areas.get("24-kinh-bac").area().parentCode(), "kept, retired, under the target");
        assertEquals("24-tu-son", store.areas.get("24-kinh-bac-1").area().parentCode());
        assertEquals(List.of("24-kinh-bac-1"), merged.reparented().stream().map(Area::code).toList());
        assertTrue(store.load().rules().stream().noneMatch(r -> r.areaCode().equals("24-kinh-bac")));
        assertEquals(List.of(new RoutingRule("noise", "24-kinh-bac", "ubnd-kinh-bac")), merged.rulesDropped(),
                "the target's own noise rule wins");
        assertEquals(List.of(new RoutingRule("roads", "24-tu-son", "ubnd-kinh-bac")), merged.rulesMoved());
        assertEquals(List.of("ubnd-kinh-bac"), merged.agenciesServingArea());

        assertEquals(2, merged.rerouting().rerouted());
        assertEquals(1, merged.rerouting().unchanged(), "roads follow the moved rule to the same committee");
        assertEquals("ubnd-tu-son", complaints.complaint(noise).handling().agencyId());
        assertEquals("ubnd-tu-son", complaints.complaint(inQuarter).handling().agencyId());
        assertEquals("ubnd-kinh-bac", complaints.complaint(roads).handling().agencyId());
        assertEquals("boundary-change: area 24-kinh-bac merged into 24-tu-son", complaints.transfers(noise).get(0).note());
    }

    @Test
    void merge_repeated_changesNothingMore() {
        String id = complaints.routed("noise", "24-kinh-bac", "ubnd-kinh-bac");
        service.merge("24-kinh-bac", "24-tu-son");
        ReferenceAdminStore.Snapshot after = store.load();
        int events = complaints.history(id).events().size();

        AdminService.Merged again = service.merge("24-kinh-bac", "24-tu-son");

        assertTrue(again.alreadyMerged());
        assertEquals(0, again.rerouting().rerouted());
        assertEquals(1, again.rerouting().unchanged());
        assertEquals(after, store.load());
        assertEquals(events, complaints.history(id).events().size());
    }

    @Test
    void merge_refusals_writeNothing() {
        store.addArea(new Area("24-kinh-bac-1", "Khu phố 1", "quarter", "24-kinh-bac", null, null));
        refused(InputError.Kind.NOT_FOUND, "unknown_area", null, () -> service.merge("24-nowhere", "24-tu-son"));
        refused(InputError.Kind.INVALID, "unknown_area", "into", () -> service.merge("24-kinh-bac", "24-nowhere"));
        refused(InputError.Kind.INVALID, "required", "into", () -> service.merge("24-kinh-bac", null));
        refused(InputError.Kind.INVALID, "same_area", "into", () -> service.merge("24-kinh-bac", "24-kinh-bac"));
        refused(InputError.Kind.INVALID, "area_cycle", "into", () -> service.merge("24-kinh-bac", "24-kinh-bac-1"));
        refused(InputError.Kind.INVALID, "area_cycle", "into", () -> service.merge("24", "24-tu-son"));

        service.merge("24-kinh-bac", "24-tu-son");
        refused(InputError.Kind.CONFLICT, "area_merged", null, () -> service.merge("24-kinh-bac", "24"));
        refused(InputError.Kind.CONFLICT, "area_merged", "into", () -> service.merge("24-tu-son", "24-kinh-bac"));
        refused(InputError.Kind.CONFLICT, "area_merged", null,
                () -> service.putArea(new Area("24-kinh-bac", "Phường Kinh Bắc", "commune", "24", null, null)));
        refused(InputError.Kind.CONFLICT, "area_merged", "parent",
                () -> service.putArea(new Area("24-new", "Mới", "commune", "24-kinh-bac", null, null)));
        refused(InputError.Kind.CONFLICT, "area_merged", "area",
                () -> service.putRule("noise", "24-kinh-bac", "ubnd-tu-son"));
        refused(InputError.Kind.CONFLICT, "area_merged", "area",
                () -> service.putAgency("new-office", "Văn phòng", "commune", null, "24-kinh-bac", true));
    }

    @Test
    void merge_lostToAnotherAdministrator_isAConflict() {
        store.failNextMerge = true;
        InputError e = assertThrows(InputError.class, () -> service.merge("24-kinh-bac", "24-tu-son"));
        assertEquals("concurrent_change", e.code());
        assertEquals(InputError.Kind.CONFLICT, e.kind());
    }

    // ------------------------------------------------------------------ agencies

    @Test
    void putAgency_newEnabledAgency_getsItsQueues_andAnExistingOneKeepsItsState() {
        AdminService.Saved<ReferenceAdminStore.AgencyEntry> created = service.putAgency("so-y-te", "Sở Y tế",
                "province", "triage", "24", null);
        assertTrue(created.created());
        assertTrue(created.value().agency().enabled());
        assertEquals(InMemoryReferenceAdmin.queueUrl("so-y-te"), created.value().queueUrl());

        service.disable("so-y-te");
        AdminService.Saved<ReferenceAdminStore.AgencyEntry> renamed = service.putAgency("so-y-te", "Sở Y tế tỉnh",
                "province", "triage", "24", null);
        assertFalse(renamed.created());
        assertFalse(renamed.value().agency().enabled(), "PUT without enabled leaves a disabled agency disabled");
        assertEquals(InMemoryReferenceAdmin.queueUrl("so-y-te"), renamed.value().queueUrl(), "its queue stays");

        ReferenceAdminStore.AgencyEntry enabled = service.enable("so-y-te");
        assertTrue(enabled.agency().enabled());
        assertTrue(store.agencies.get("so-y-te").agency().enabled());
    }

    @Test
    void putAgency_refusesBadIdsUnknownAreasAndParentsAndCycles() {
        refused(InputError.Kind.INVALID, "invalid_code", "id",
                () -> service.putAgency("Sở_Y_tế", "Sở Y tế", "province", null, "24", true));
        refused(InputError.Kind.INVALID, "invalid_code", "id",
                () -> service.putAgency("x".repeat(49), "Sở Y tế", "province", null, "24", true));
        refused(InputError.Kind.INVALID, "unknown_area", "area",
                () -> service.putAgency("so-y-te", "Sở Y tế", "province", null, "99", true));
        refused(InputError.Kind.INVALID, "required", "area",
                () -> service.putAgency("so-y-te", "Sở Y tế", "province", null, null, true));
        refused(InputError.Kind.INVALID, "unknown_agency", "parent",
                () -> service.putAgency("so-y-te", "Sở Y tế", "province", "bo-y-te", "24", true));
        // triage's parent would be its own child.
        refused(InputError.Kind.INVALID, "agency_cycle", "parent",
                () -> service.putAgency("triage", "Tổ tiếp nhận", "province", "ubnd-kinh-bac", "24", true));
        refused(InputError.Kind.NOT_FOUND, "unknown_agency", null, () -> service.disable("nobody"));
        refused(InputError.Kind.NOT_FOUND, "unknown_agency", null, () -> service.enable("nobody"));
    }

    // ------------------------------------------------------------------ rules

    @Test
    void putRule_needsAKnownCategoryAreaAndEnabledAgency() {
        AdminService.Saved<RoutingRule> created = service.putRule("roads", "24-kinh-bac", "ubnd-kinh-bac");
        assertTrue(created.created());
        assertFalse(service.putRule("roads", "24-kinh-bac", "so-xay-dung").created());
        assertTrue(service.putRule("*", "24-tu-son", "ubnd-tu-son").created());

        refused(InputError.Kind.INVALID, "unknown_category", "category",
                () -> service.putRule("parking", "24", "triage"));
        refused(InputError.Kind.INVALID, "unknown_area", "area", () -> service.putRule("roads", "99", "triage"));
        refused(InputError.Kind.INVALID, "unknown_agency", "agency", () -> service.putRule("roads", "24", "nobody"));
        refused(InputError.Kind.INVALID, "required", "agency", () -> service.putRule("roads", "24", null));
        store.disable("so-xay-dung");
        refused(InputError.Kind.INVALID, "agency_disabled", "agency",
                () -> service.putRule("roads", "24", "so-xay-dung"));
    }

    @Test
    void deleteRule_removesIt_butNotAProvincesDefault() {
        service.deleteRule("noise", "24-kinh-bac");
        assertTrue(store.load().rule("noise", "24-kinh-bac").isEmpty());
        refused(InputError.Kind.NOT_FOUND, "unknown_rule", null, () -> service.deleteRule("noise", "24-kinh-bac"));
        refused(InputError.Kind.CONFLICT, "default_rule_required", null, () -> service.deleteRule("*", "24"));
    }

    // ------------------------------------------------------------------ holidays

    @Test
    void holidays_areAddedNamedAndRemoved() {
        LocalDate tet = LocalDate.parse("2027-02-06");
        assertTrue(service.putHoliday(tet, "Tết Nguyên đán").created());
        assertFalse(service.putHoliday(tet, "Tết").created());
        assertEquals("Tết", store.holidays.get(tet));
        assertNull(service.putHoliday(LocalDate.parse("2027-02-07"), " ").value().name());
        service.deleteHoliday(tet);
        assertFalse(store.holidays.containsKey(tet));
        refused(InputError.Kind.NOT_FOUND, "unknown_holiday", null, () -> service.deleteHoliday(tet));
        refused(InputError.Kind.INVALID, "too_long", "name",
                () -> service.putHoliday(LocalDate.parse("2027-03-01"), "x".repeat(201)));
    }
}
