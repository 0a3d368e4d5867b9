package vn.pakn.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.stats.ComplaintFacts;
import vn.pakn.domain.stats.StatsContribution;

class PhotoPublicationTest {
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "can-bo-01");
    private static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    private static final String JPEG = "01K0000000000000000000JPEG";
    private static final String PNG = "01K00000000000000000000PNG";
    private static final String HEIC = "01K0000000000000000000HE1C";
    private static final String PENDING = "01K000000000000000000PEND1";
    private static final String BAD = "01K000000000000000000000BD";

    private final Lifecycle lifecycle = new Lifecycle(new FixedReferenceData());

    @Test
    void publishing_marksOnlyTheChosenPhotos_keepsTheStatus_andNamesThemPrivately() {
        Complaint c = assigned();
        Transition t = lifecycle.apply(c, new Command.PublishPhotos(List.of(JPEG), true), OFFICER, NOW);
        assertEquals(Status.ASSIGNED, t.after().status());
        assertEquals(c.version() + 1, t.after().version());
        assertEquals(c.handling(), t.after().handling());
        assertTrue(photo(t.after(), JPEG).isPublic());
        assertFalse(photo(t.after(), PNG).publishable());
        assertFalse(photo(c, JPEG).publishable(), "the complaint as read is left as it was");
        ComplaintEvent e = t.event();
        assertEquals("PHOTOS_VISIBILITY_CHANGED", e.type());
        assertEquals(Status.ASSIGNED, e.from());
        assertEquals(Status.ASSIGNED, e.to());
        assertEquals("published", e.note());
        assertFalse(e.note().contains(JPEG), "the public history does not point at photos");
        assertEquals("published: " + JPEG, e.privateNote());
        assertEquals("ubnd-kinh-bac", e.agencyId());
        assertNull(t.notifyAgencyId(), "no message to the agency's queue");
    }

    @Test
    void withdrawing_hidesAPublishedPhotoAgain() {
        Complaint published = lifecycle.apply(assigned(), new Command.PublishPhotos(List.of(JPEG, PNG), true),
                OFFICER, NOW).after();
        Transition t = lifecycle.apply(published, new Command.PublishPhotos(List.of(PNG), false), OFFICER, NOW);
        assertTrue(photo(t.after(), JPEG).isPublic());
        assertFalse(photo(t.after(), PNG).isPublic());
        assertEquals("withdrawn", t.event().note());
        assertEquals("withdrawn: " + PNG, t.event().privateNote());
    }

    @Test
    void allowed_inEveryStatusAnAgencyHolds_finishedOnesIncluded_butNotBeforeRouting() {
        for (Status status : Status.values()) {
            Complaint c = in(assigned(), status);
            Command publish = new Command.PublishPhotos(List.of(JPEG), true);
            if (status == Status.RECEIVED) {
                InputError e = assertThrows(InputError.class, () -> lifecycle.apply(c, publish, OFFICER, NOW));
                assertEquals("action_not_allowed", e.code());
            } else {
                assertEquals(status, lifecycle.apply(c, publish, OFFICER, NOW).after().status(), status.name());
            }
        }
    }

    @Test
    void unknownOrQuarantinedUpload_is400NamingTheEntry_whicheverWay() {
        for (boolean publishable : new boolean[] {true, false}) {
            InputError unknown = assertThrows(InputError.class, () -> lifecycle.apply(assigned(),
                    new Command.PublishPhotos(List.of(JPEG, "01K0000000000000000000NONE"), publishable), OFFICER, NOW));
            assertEquals(InputError.Kind.INVALID, unknown.kind());
            assertEquals("unknown_upload", unknown.code());
            assertEquals("uploadIds[1]", unknown.field());
            InputError quarantined = assertThrows(InputError.class, () -> lifecycle.apply(assigned(),
                    new Command.PublishPhotos(List.of(BAD), publishable), OFFICER, NOW));
            assertEquals("upload_rejected", quarantined.code());
            assertEquals("uploadIds[0]", quarantined.field());
        }
    }

    @Test
    void uncheckedOrWithoutALocationFreeCopy_cannotBePublished() {
        InputError pending = assertThrows(InputError.class, () -> lifecycle.apply(assigned(),
                new Command.PublishPhotos(List.of(PENDING), true), OFFICER, NOW));
        assertEquals("upload_not_checked", pending.code());
        assertEquals("uploadIds[0]", pending.field());
        InputError heic = assertThrows(InputError.class, () -> lifecycle.apply(assigned(),
                new Command.PublishPhotos(List.of(JPEG, HEIC), true), OFFICER, NOW));
        assertEquals("no_public_copy", heic.code());
        assertEquals("uploadIds[1]", heic.field());
    }

    @Test
    void missingFields_areRequired_andAChangeOfNothing_isAConflict() {
        assertEquals("publishable", assertThrows(InputError.class, () -> lifecycle.apply(assigned(),
                new Command.PublishPhotos(List.of(JPEG), null), OFFICER, NOW)).field());
        assertEquals("uploadIds", assertThrows(InputError.class, () -> lifecycle.apply(assigned(),
                new Command.PublishPhotos(List.of(), true), OFFICER, NOW)).field());
        InputError none = assertThrows(InputError.class, () -> lifecycle.apply(assigned(),
                new Command.PublishPhotos(List.of(JPEG), false), OFFICER, NOW));
        assertEquals(InputError.Kind.CONFLICT, none.kind());
        assertEquals("no_change", none.code());
    }

    @Test
    void theEvent_addsNothingToTheStatistics() {
        Complaint c = assigned();
        ComplaintEvent e = lifecycle.apply(c, new Command.PublishPhotos(List.of(JPEG), true), OFFICER, NOW).event();
        List<ComplaintEvent> earlier = List.of(
                new ComplaintEvent(c.id(), 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED, OFFICER, NOW, null),
                new ComplaintEvent(c.id(), 2, "ASSIGNED", Status.RECEIVED, Status.ASSIGNED, OFFICER, NOW, null, null,
                        c.handling().agencyId()));
        assertTrue(StatsContribution.of(e, earlier, new ComplaintFacts("noise", List.of("24-kinh-bac", "24"), "web", null))
                .isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    private Complaint assigned() {
        Complaint received = new Complaint("01K00000000000000000000000", "ABCD-EFGH", Status.RECEIVED, 1, "noise",
                "24-kinh-bac", null, "Karaoke", List.of(
                        new Photo(JPEG, "image/jpeg", PhotoStatus.ACCEPTED, null),
                        new Photo(PNG, "image/png", PhotoStatus.ACCEPTED, null),
                        new Photo(HEIC, "image/heic", PhotoStatus.ACCEPTED, null),
                        new Photo(PENDING, "image/jpeg", PhotoStatus.PENDING, null),
                        new Photo(BAD, "image/jpeg", PhotoStatus.QUARANTINED, "not-an-image")),
                new Reporter(null, null, null), false, Channel.WEB, NOW, NOW, "hash");
        return lifecycle.apply(received, new Command.Route("ubnd-kinh-bac", null), Actor.system("router"), NOW).after();
    }

    /** The same complaint moved to a status as the lifecycle would leave it (only the status matters here). */
    private static Complaint in(Complaint c, Status status) {
        return new Complaint(c.id(), c.trackingCode(), status, c.version(), c.categoryCode(), c.areaCode(),
                c.location(), c.description(), c.photos(), c.reporter(), c.hideIdentity(), c.channel(), c.receivedAt(),
                c.updatedAt(), c.secretHash(), status == Status.RECEIVED ? null : c.handling());
    }

    private static Photo photo(Complaint c, String uploadId) {
        return c.photos().stream().filter(p -> p.uploadId().equals(uploadId)).findFirst().orElseThrow();
    }
}
