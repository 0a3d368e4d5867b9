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
        return item;
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
                Attr.str(item, "secretHash"));
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
        return item;
    }

    public static ComplaintEvent event(Map<String, AttributeValue> item) {
        String from = Attr.str(item, "from");
        return new ComplaintEvent(Attr.str(item, "complaintId"), Attr.num(item, "seq").intValue(),
                Attr.str(item, "eventType"), from == null ? null : Status.valueOf(from),
                Status.valueOf(Attr.str(item, "to")),
                new Actor(Actor.Kind.valueOf(Attr.str(item, "actorKind")), Attr.str(item, "actorId")),
                Instant.parse(Attr.str(item, "at")), Attr.str(item, "note"));
    }
}
