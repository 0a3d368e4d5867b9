package vn.pakn.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.sla.WorkingCalendar;

class LifecycleTest {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "can-bo-01");
    private static final Actor CITIZEN = Actor.citizen(Channel.WEB);
    private static final Actor ROUTER = Actor.system("router");
    private final FixedReferenceData reference = new FixedReferenceData();
    private final Lifecycle lifecycle = new Lifecycle(reference);
    // Friday 20 November 2026, 10:00 in Hà Nội.
    private final Instant friday = ZonedDateTime.of(LocalDateTime.parse("2026-11-20T10:00"), WorkingCalendar.VIETNAM).toInstant();

    @Test
    void routing_assignsWithDeadlinesFromTheCategory() {
        Transition t = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", "rule noise@24-kinh-bac"), ROUTER, friday);
        assertEquals(Status.ASSIGNED, t.after().status());
        assertEquals(2, t.after().version());
        assertEquals(2, t.event().seq());
        assertEquals("ASSIGNED", t.event().type());
        assertEquals("ubnd-kinh-bac", t.notifyAgencyId());
        assertEquals(friday.plusSeconds(24 * 3600), t.after().handling().acknowledgeBy());
        // noise: 5 working days from Friday -> Friday 27 November, 17:00.
        assertEquals(ZonedDateTime.of(LocalDateTime.parse("2026-11-27T17:00"), WorkingCalendar.VIETNAM).toInstant(),
                t.after().handling().resolveBy());
    }

    @Test
    void fullPath_toClosedWithRating() {
        Complaint c = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        c = lifecycle.apply(c, new Command.Acknowledge(null), OFFICER, friday.plusSeconds(60)).after();
        c = lifecycle.apply(c, new Command.Start(null), OFFICER, friday.plusSeconds(120)).after();
        Transition resolved = lifecycle.apply(c, new Command.Resolve("Đã nhắc nhở chủ quán karaoke"), OFFICER, friday.plusSeconds(180));
        assertEquals("Đã nhắc nhở chủ quán karaoke", resolved.event().note());
        Transition closed = lifecycle.apply(resolved.after(), new Command.Confirm(5, "Cảm ơn"), CITIZEN, friday.plusSeconds(240));
        assertEquals(Status.CLOSED, closed.after().status());
        assertEquals(5, closed.after().handling().rating());
        assertEquals(6, closed.after().version());
        assertNull(closed.event().note(), "the citizen's comment is not public");
        assertEquals("Cảm ơn", closed.event().privateNote());
    }

    @Test
    void actionNotAllowed_is409NamingTheAllowedActions() {
        Complaint assigned = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        InputError e = assertThrows(InputError.class,
                () -> lifecycle.apply(assigned, new Command.Resolve("done"), OFFICER, friday));
        assertEquals(InputError.Kind.CONFLICT, e.kind());
        assertEquals("action_not_allowed", e.code());
        assertTrue(e.text().en().contains("Allowed: acknowledge, escalate, publish-photos, reject, transfer."), e.text().en());
    }

    @Test
    void transfer_movesToTheNewAgency_countsIt_andNotifiesIt() {
        Complaint assigned = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        Transition t = lifecycle.apply(assigned, new Command.Transfer("ubnd-tu-son", "Địa chỉ thuộc phường Từ Sơn"),
                OFFICER, friday.plusSeconds(3600));
        assertEquals(Status.ASSIGNED, t.after().status());
        assertEquals("ubnd-tu-son", t.after().handling().agencyId());
        assertEquals(1, t.after().handling().transfers());
        assertEquals("ubnd-tu-son", t.notifyAgencyId());
        assertEquals("ubnd-tu-son", t.event().agencyId());
    }

    @Test
    void escalation_goesToTheParentAgency() {
        Complaint assigned = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        Transition t = lifecycle.apply(assigned, new Command.Escalate("overdue"), ROUTER, friday);
        assertEquals("triage", t.after().handling().agencyId());
        assertEquals(1, t.after().handling().escalations());
        InputError top = assertThrows(InputError.class,
                () -> lifecycle.apply(t.after(), new Command.Escalate(null), OFFICER, friday));
        assertEquals("no_parent_agency", top.code());
    }

    @Test
    void infoRequest_pausesTheClock_andTheAnswerResumesWhereItWas() {
        Complaint c = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        c = lifecycle.apply(c, new Command.Acknowledge(null), OFFICER, friday).after();
        Instant dueBefore = c.handling().resolveBy();
        // Asked on Monday, answered on Tuesday: two working days of waiting.
        Instant monday = friday.plusSeconds(3 * 86400);
        c = lifecycle.apply(c, new Command.RequestInfo("Quán karaoke ở số nhà nào?"), OFFICER, monday).after();
        assertEquals(Status.NEEDS_INFO, c.status());
        Transition answered = lifecycle.apply(c, new Command.ProvideInfo("Số 15, ngõ 3"), CITIZEN, monday.plusSeconds(86400));
        assertEquals(Status.ACKNOWLEDGED, answered.after().status());
        // Due Friday 27th; two working days later, over the weekend, is Tuesday 1 December.
        assertEquals(dueBefore.plusSeconds(4 * 86400), answered.after().handling().resolveBy());
        assertNull(answered.event().note());
        assertEquals("Số 15, ngõ 3", answered.event().privateNote());
    }

    @Test
    void notFixed_reopensAtTheSameAgency_andCountsIt() {
        Complaint c = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        c = lifecycle.apply(c, new Command.Acknowledge(null), OFFICER, friday).after();
        c = lifecycle.apply(c, new Command.Resolve("Đã xử lý"), OFFICER, friday).after();
        Transition t = lifecycle.apply(c, new Command.Reopen("Vẫn còn ồn"), CITIZEN, friday.plusSeconds(86400));
        assertEquals(Status.REOPENED, t.after().status());
        assertEquals("ubnd-kinh-bac", t.notifyAgencyId());
        assertEquals(1, t.after().handling().reopens());
        assertNull(t.after().handling().resolvedAt());
    }

    @Test
    void reject_needsAReason_andTheOriginalForDuplicates() {
        Complaint assigned = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        assertEquals("required", assertThrows(InputError.class,
                () -> lifecycle.apply(assigned, new Command.Reject(null, null, null), OFFICER, friday)).code());
        assertEquals("duplicateOf", assertThrows(InputError.class, () -> lifecycle.apply(assigned,
                new Command.Reject(RejectReason.DUPLICATE_OF, null, null), OFFICER, friday)).field());
        Transition t = lifecycle.apply(assigned, new Command.Reject(RejectReason.DUPLICATE_OF, "ABCD-EFGH", null), OFFICER, friday);
        assertEquals(Status.REJECTED, t.after().status());
        assertEquals("duplicate-of", t.after().handling().rejectReason());
    }

    @Test
    void ratingOutsideOneToFive_isRefused() {
        Complaint c = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        c = lifecycle.apply(c, new Command.Acknowledge(null), OFFICER, friday).after();
        Complaint resolved = lifecycle.apply(c, new Command.Resolve("ok"), OFFICER, friday).after();
        assertEquals("out_of_range", assertThrows(InputError.class,
                () -> lifecycle.apply(resolved, new Command.Confirm(6, null), CITIZEN, friday)).code());
    }

    @Test
    void overdue_keepsTheStatus_andIsMarkedOnce() {
        Complaint c = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        Transition t = lifecycle.apply(c, new Command.MarkOverdue("acknowledge"), ROUTER, friday.plusSeconds(90000));
        assertEquals(Status.ASSIGNED, t.after().status());
        assertTrue(t.after().handling().overdue());
        assertEquals("already_overdue", assertThrows(InputError.class,
                () -> lifecycle.apply(t.after(), new Command.MarkOverdue("resolve"), ROUTER, friday)).code());
    }

    @Test
    void afterEscalation_theParentsDeadlinesCanBeMissedInTheirTurn() {
        Complaint c = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        c = lifecycle.apply(c, new Command.MarkOverdue("acknowledge"), ROUTER, friday.plusSeconds(90000)).after();
        c = lifecycle.apply(c, new Command.Escalate("overdue"), ROUTER, friday.plusSeconds(90000)).after();
        assertTrue(c.handling().overdue(), "the statistics keep the miss");
        Transition again = lifecycle.apply(c, new Command.MarkOverdue("acknowledge"), ROUTER, friday.plusSeconds(200000));
        assertEquals("triage", again.after().handling().agencyId());
        assertTrue(again.after().handling().currentDeadlineReported());
    }

    @Test
    void reopened_doesNotShowTheOldResponseAsTheAnswer() {
        Complaint c = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        c = lifecycle.apply(c, new Command.Acknowledge(null), OFFICER, friday).after();
        c = lifecycle.apply(c, new Command.Resolve("Đã xử lý"), OFFICER, friday).after();
        c = lifecycle.apply(c, new Command.Reopen("Vẫn còn ồn"), CITIZEN, friday).after();
        assertNull(c.handling().response());
    }

    @Test
    void disabledAgency_cannotReceiveATransfer() {
        Complaint assigned = lifecycle.apply(received(), new Command.Route("ubnd-kinh-bac", null), ROUTER, friday).after();
        reference.agencies.replaceAll(a -> a.id().equals("ubnd-tu-son")
                ? new vn.pakn.domain.reference.Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), false) : a);
        assertEquals("unknown_agency", assertThrows(InputError.class, () -> lifecycle.apply(assigned,
                new Command.Transfer("ubnd-tu-son", "x"), OFFICER, friday)).code());
    }

    private Complaint received() {
        return new Complaint("01K00000000000000000000000", "ABCD-EFGH", Status.RECEIVED, 1, "noise", "24-kinh-bac",
                null, "Karaoke", List.of(), new Reporter(null, null, null), false, Channel.WEB, friday, friday, "hash");
    }
}
