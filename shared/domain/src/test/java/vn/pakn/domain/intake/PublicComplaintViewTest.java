package vn.pakn.domain.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.fakes.FixedReferenceData;

class PublicComplaintViewTest {
    private static final Instant AT = Instant.parse("2026-11-20T03:00:00Z");

    @Test
    void tracking_showsEveryPhotosVerdict_feedOnlyThePublishedOnes_andNoTrackingCode() {
        Complaint c = new Complaint("01K00000000000000000000000", "ABCD-EFGH", Status.RECEIVED, 2, "noise",
                "24-kinh-bac", new GeoPoint(21.186143, 106.076337), "Karaoke", List.of(
                        new Photo("01K000000000000000000000P1", "image/jpeg", PhotoStatus.ACCEPTED, null, true),
                        new Photo("01K000000000000000000000P2", "image/jpeg", PhotoStatus.ACCEPTED, null, false),
                        new Photo("01K000000000000000000000P3", "image/heic", PhotoStatus.ACCEPTED, null, true),
                        new Photo("01K000000000000000000000P4", "image/png", PhotoStatus.QUARANTINED, "x", true)),
                new Reporter("Nguyễn Văn A", "0912345678", null), false, Channel.WEB, AT, AT, "hash");
        ComplaintHistory history = new ComplaintHistory(c, List.of(
                new ComplaintEvent(c.id(), 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED, Actor.citizen(Channel.WEB),
                        AT, null),
                new ComplaintEvent(c.id(), 2, "INFO_PROVIDED", Status.NEEDS_INFO, Status.RECEIVED, Actor.citizen(Channel.WEB),
                        AT, null, "Số nhà 15, gọi 0912345678", null)));

        PublicComplaintView tracking = PublicComplaintView.of(history, FixedReferenceData.NOISE, null);
        assertEquals("ABCD-EFGH", tracking.trackingCode());
        assertEquals(List.of(true, false, false, false),
                tracking.photos().stream().map(PublicComplaintView.PublicPhoto::published).toList(),
                "published only when accepted, with a location-free copy, and marked by the agency");

        PublicComplaintView feed = tracking.forPublicFeed();
        assertNull(feed.trackingCode());
        assertEquals(c.id(), feed.id());
        assertEquals(List.of("01K000000000000000000000P1"),
                feed.photos().stream().map(PublicComplaintView.PublicPhoto::uploadId).toList());
        assertEquals(new GeoPoint(21.186, 106.076), feed.location());
        assertNull(feed.history().get(1).note());
        assertFalse(feed.toString().contains("0912345678") || feed.toString().contains("Nguyễn Văn A")
                || feed.toString().contains("hash"));
    }
}
