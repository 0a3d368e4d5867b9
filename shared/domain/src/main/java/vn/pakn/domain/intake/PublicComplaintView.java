package vn.pakn.domain.intake;

import java.time.Instant;
import java.util.List;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;

/**
 * What the public may see of a complaint: the tracking view (anyone holding the tracking code) and,
 * through {@link #forPublicFeed()}, the public feed. It is built field by field from the complaint,
 * so reporter data, the secret hash, private notes and exact coordinates cannot slip through by
 * accident.
 *
 * @param id           the complaint id: the feed's key, which gives no access to anything
 * @param trackingCode the citizen's key to act on the complaint; null in the feed
 * @param area         null when the complaint was located by coordinates only
 * @param location     rounded to about 100 m; null when not given
 * @param photos       every photo in the tracking view; in the feed only the public ones
 * @param handling     null until the complaint is routed
 */
public record PublicComplaintView(String id, String trackingCode, Status status, Category category, Area area,
                                  GeoPoint location, String description, Instant receivedAt, Instant updatedAt,
                                  List<PublicPhoto> photos, List<HistoryEntry> history, PublicHandling handling) {
    public PublicComplaintView {
        photos = List.copyOf(photos);
        history = List.copyOf(history);
    }

    /** One line of the public timeline; the actor is reduced to its kind, private notes are left out. */
    public record HistoryEntry(int seq, String type, Status from, Status to, Actor.Kind by, Instant at, String note) {
    }

    /**
     * Who is in charge and by when, as the brief promises the citizen.
     *
     * @param agencyName null if the agency has since been removed from the reference data
     * @param response   the agency's answer once resolved, else null
     */
    public record PublicHandling(String agencyId, String agencyName, Instant acknowledgeBy, Instant dueAt,
                                 boolean overdue, String response) {
    }

    /**
     * A photo as the public may know it: the photo check's verdict and whether it is shown in the
     * feed ({@link Photo#isPublic()}); never the check's reasons or where the original lies.
     *
     * @param type null for a content type pakn no longer recognises
     */
    public record PublicPhoto(String uploadId, ImageType type, PhotoStatus status, boolean published) {
        static PublicPhoto of(Photo p) {
            return new PublicPhoto(p.uploadId(), ImageType.fromContentType(p.contentType()).orElse(null), p.status(),
                    p.isPublic());
        }
    }

    public static PublicComplaintView of(ComplaintHistory history, Category category, Area area) {
        return of(history, category, area, null);
    }

    /** @param agency the agency in charge, looked up by the caller; null when unknown or not routed */
    public static PublicComplaintView of(ComplaintHistory history, Category category, Area area, Agency agency) {
        Complaint c = history.complaint();
        Handling h = c.handling();
        PublicHandling handling = h == null ? null : new PublicHandling(h.agencyId(),
                agency == null ? null : agency.name(), h.acknowledgeBy(), h.resolveBy(), h.overdue(), h.response());
        return new PublicComplaintView(
                c.id(), c.trackingCode(), c.status(), category, area,
                c.location() == null ? null : c.location().rounded(),
                c.description(), c.receivedAt(), c.updatedAt(),
                c.photos().stream().map(PublicPhoto::of).toList(),
                history.events().stream().map(PublicComplaintView::entry).toList(),
                handling);
    }

    /**
     * The view anyone may browse without holding the complaint's tracking code: without that code
     * (the citizen's own key, which hotline staff take as a sign of being the reporter) and with only
     * the photos the agency published.
     */
    public PublicComplaintView forPublicFeed() {
        return new PublicComplaintView(id, null, status, category, area, location, description, receivedAt, updatedAt,
                photos.stream().filter(PublicPhoto::published).toList(), history, handling);
    }

    private static HistoryEntry entry(ComplaintEvent e) {
        return new HistoryEntry(e.seq(), e.type(), e.from(), e.to(), e.actor().kind(), e.at(), e.note());
    }
}
