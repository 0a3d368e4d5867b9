package vn.pakn.aws.dynamo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;

/** Complaint and event items: the only place that knows their attribute names. */
public final class ComplaintItems {
    private ComplaintItems() {
    }

    public static Map<String, AttributeValue> stateItem(Complaint c) {
        Map<String, AttributeValue> item = new HashMap<>(ComplaintKeys.stateKey(c.id()));
        item.put("type", Attr.s("complaint"));
        item.put("id", Attr.s(c.id()));
        item.put("trackingCode", Attr.s(c.trackingCode()));
        item.put("status", Attr.s(c.status().name()));
        item.put("version", Attr.n(c.version()));
        item.put("category", Attr.s(c.categoryCode()));
        if (c.areaCode() != null) {
            item.put("area", Attr.s(c.areaCode()));
        }
        if (c.location() != null) {
            item.put("lat", Attr.n(c.location().lat()));
            item.put("lon", Attr.n(c.location().lon()));
        }
        item.put("description", Attr.s(c.description()));
        Map<String, AttributeValue> photos = new HashMap<>();
        for (int i = 0; i < c.photos().size(); i++) {
            Photo p = c.photos().get(i);
            Map<String, AttributeValue> photo = new HashMap<>();
            photo.put("idx", Attr.n(i));
            photo.put("contentType", Attr.s(p.contentType()));
            photo.put("status", Attr.s(p.status().name()));
            if (p.reason() != null) {
                photo.put("reason", Attr.s(p.reason()));
            }
            photos.put(p.uploadId(), Attr.m(photo));
        }
        // A map keyed by upload id lets the photo check update one entry without knowing its place.
        item.put("photos", Attr.m(photos));
        Reporter r = c.reporter();
        if (r != null && !r.isEmpty()) {
            Map<String, AttributeValue> reporter = new HashMap<>();
            if (r.name() != null) reporter.put("name", Attr.s(r.name()));
            if (r.phone() != null) reporter.put("phone", Attr.s(r.phone()));
            if (r.email() != null) reporter.put("email", Attr.s(r.email()));
            item.put("reporter", Attr.m(reporter));
        }
        item.put("hideIdentity", Attr.bool(c.hideIdentity()));
        item.put("channel", Attr.s(c.channel().wireName()));
        item.put("receivedAt", Attr.s(c.receivedAt().toString()));
        item.put("updatedAt", Attr.s(c.updatedAt().toString()));
        item.put("secretHash", Attr.s(c.secretHash()));
        if (c.handling() != null) {
            item.put("handling", Attr.m(handlingMap(c.handling())));
        }
        item.putAll(indexKeys(c));
        // Not among indexKeys: transitions never change it, so they need not rewrite it.
        item.put(ComplaintKeys.GSI5_PK, Attr.s(ComplaintKeys.feedMonth(c.receivedAt())));
        item.put(ComplaintKeys.GSI5_SK, Attr.s(ComplaintKeys.feedSk(c.receivedAt(), c.id())));
        return item;
    }

    /**
     * The index keys a complaint's state implies; an absent key takes the item out of that
     * index, which is how the sparse inboxes stay small.
     */
    public static Map<String, AttributeValue> indexKeys(Complaint c) {
        Map<String, AttributeValue> keys = new HashMap<>();
        Handling h = c.handling();
        if (h == null) {
            return keys;
        }
        String order = (h.resolveBy() == null ? "" : h.resolveBy().toString()) + "#" + c.id();
        keys.put(ComplaintKeys.GSI2_PK, Attr.s(ComplaintKeys.agencyInbox(h.agencyId(), c.status().name())));
        keys.put(ComplaintKeys.GSI2_SK, Attr.s(order));
        Instant next = nextDeadline(c);
        if (next != null) {
            keys.put(ComplaintKeys.GSI3_PK, Attr.s(ComplaintKeys.dueShard(c.id())));
            keys.put(ComplaintKeys.GSI3_SK, Attr.s(next + "#" + c.id()));
        } else if (c.status() == Status.RESOLVED && h.resolvedAt() != null) {
            // Waiting for the citizen: the same index tells the watch which ones to close.
            keys.put(ComplaintKeys.GSI3_PK, Attr.s(ComplaintKeys.resolvedShard(c.id())));
            keys.put(ComplaintKeys.GSI3_SK, Attr.s(h.resolvedAt() + "#" + c.id()));
        }
        if (h.overdue() && c.isOpen()) {
            keys.put(ComplaintKeys.GSI4_PK, Attr.s(ComplaintKeys.overdueInbox(h.agencyId())));
            keys.put(ComplaintKeys.GSI4_SK, Attr.s(order));
        }
        return keys;
    }

    /**
     * The deadline the watch must look at next, or null when nothing is pending (RESOLVED
     * complaints are watched for auto-close by their {@code resolvedAt} instead, see {@link #indexKeys}).
     */
    public static Instant nextDeadline(Complaint c) {
        Handling h = c.handling();
        if (h == null || h.currentDeadlineReported() || !c.isOpen() || h.pausedAt() != null) {
            return null;
        }
        return h.currentDeadline();
    }

    static Map<String, AttributeValue> handlingMap(Handling h) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("agencyId", Attr.s(h.agencyId()));
        putInstant(m, "assignedAt", h.assignedAt());
        putInstant(m, "acknowledgeBy", h.acknowledgeBy());
        putInstant(m, "resolveBy", h.resolveBy());
        putInstant(m, "acknowledgedAt", h.acknowledgedAt());
        putInstant(m, "resolvedAt", h.resolvedAt());
        putInstant(m, "closedAt", h.closedAt());
        putInstant(m, "pausedAt", h.pausedAt());
        if (h.resumeTo() != null) {
            m.put("resumeTo", Attr.s(h.resumeTo().name()));
        }
        m.put("transfers", Attr.n(h.transfers()));
        m.put("reopens", Attr.n(h.reopens()));
        m.put("escalations", Attr.n(h.escalations()));
        m.put("overdue", Attr.bool(h.overdue()));
        putInstant(m, "overdueDeadline", h.overdueDeadline());
        if (h.response() != null) m.put("response", Attr.s(h.response()));
        if (h.rejectReason() != null) m.put("rejectReason", Attr.s(h.rejectReason()));
        if (h.duplicateOf() != null) m.put("duplicateOf", Attr.s(h.duplicateOf()));
        if (h.rating() != null) m.put("rating", Attr.n(h.rating()));
        return m;
    }

    static Handling handling(Map<String, AttributeValue> m) {
        String resumeTo = Attr.str(m, "resumeTo");
        Long rating = Attr.num(m, "rating");
        return new Handling(Attr.str(m, "agencyId"), instant(m, "assignedAt"), instant(m, "acknowledgeBy"),
                instant(m, "resolveBy"), instant(m, "acknowledgedAt"), instant(m, "resolvedAt"), instant(m, "closedAt"),
                instant(m, "pausedAt"), resumeTo == null ? null : Status.valueOf(resumeTo),
                Attr.num(m, "transfers").intValue(), Attr.num(m, "reopens").intValue(),
                Attr.num(m, "escalations").intValue(), Attr.bool(m, "overdue"), instant(m, "overdueDeadline"),
                Attr.str(m, "response"), Attr.str(m, "rejectReason"), Attr.str(m, "duplicateOf"),
                rating == null ? null : rating.intValue());
    }

    private static void putInstant(Map<String, AttributeValue> m, String name, Instant value) {
        if (value != null) {
            m.put(name, Attr.s(value.toString()));
        }
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        String value = Attr.str(m, name);
        return value == null ? null : Instant.parse(value);
    }

    public static Complaint complaint(Map<String, AttributeValue> item) {
        Double lat = Attr.dbl(item, "lat");
        Double lon = Attr.dbl(item, "lon");
        List<Map.Entry<String, AttributeValue>> photoEntries = new ArrayList<>(Attr.map(item, "photos").entrySet());
        photoEntries.sort(Comparator.comparing(e -> Attr.num(e.getValue().m(), "idx")));
        List<Photo> photos = photoEntries.stream().map(e -> new Photo(e.getKey(),
                Attr.str(e.getValue().m(), "contentType"),
                PhotoStatus.valueOf(Attr.str(e.getValue().m(), "status")),
                Attr.str(e.getValue().m(), "reason"))).toList();
        Map<String, AttributeValue> reporter = Attr.map(item, "reporter");
        return new Complaint(Attr.str(item, "id"), Attr.str(item, "trackingCode"),
                Status.valueOf(Attr.str(item, "status")), Attr.num(item, "version").intValue(),
                Attr.str(item, "category"), Attr.str(item, "area"),
                lat == null || lon == null ? null : new GeoPoint(lat, lon),
                Attr.str(item, "description"), photos,
                new Reporter(Attr.str(reporter, "name"), Attr.str(reporter, "phone"), Attr.str(reporter, "email")),
                Attr.bool(item, "hideIdentity"),
                Channel.fromWire(Attr.str(item, "channel")).orElse(Channel.OTHER),
                Instant.parse(Attr.str(item, "receivedAt")), Instant.parse(Attr.str(item, "updatedAt")),
                Attr.str(item, "secretHash"),
                item.containsKey("handling") ? handling(Attr.map(item, "handling")) : null);
    }

    public static Map<String, AttributeValue> eventItem(ComplaintEvent e) {
        Map<String, AttributeValue> item = new HashMap<>(
                ComplaintKeys.key(ComplaintKeys.complaintPk(e.complaintId()), ComplaintKeys.eventSk(e.seq())));
        item.put("type", Attr.s("event"));
        item.put("complaintId", Attr.s(e.complaintId()));
        item.put("seq", Attr.n(e.seq()));
        item.put("eventType", Attr.s(e.type()));
        if (e.from() != null) {
            item.put("from", Attr.s(e.from().name()));
        }
        item.put("to", Attr.s(e.to().name()));
        item.put("actorKind", Attr.s(e.actor().kind().name()));
        item.put("actorId", Attr.s(e.actor().id()));
        item.put("at", Attr.s(e.at().toString()));
        if (e.note() != null) {
            item.put("note", Attr.s(e.note()));
        }
        if (e.privateNote() != null) {
            item.put("privateNote", Attr.s(e.privateNote()));
        }
        if (e.agencyId() != null) {
            item.put("agencyId", Attr.s(e.agencyId()));
        }
        if (e.dueAt() != null) {
            item.put("dueAt", Attr.s(e.dueAt().toString()));
        }
        return item;
    }

    public static ComplaintEvent event(Map<String, AttributeValue> item) {
        String from = Attr.str(item, "from");
        return new ComplaintEvent(Attr.str(item, "complaintId"), Attr.num(item, "seq").intValue(),
                Attr.str(item, "eventType"), from == null ? null : Status.valueOf(from),
                Status.valueOf(Attr.str(item, "to")),
                new Actor(Actor.Kind.valueOf(Attr.str(item, "actorKind")), Attr.str(item, "actorId")),
                Instant.parse(Attr.str(item, "at")), Attr.str(item, "note"), Attr.str(item, "privateNote"),
                Attr.str(item, "agencyId"), instant(item, "dueAt"));
    }
}
