package vn.pakn.agency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.Action;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.aws.json.Json;

/**
 * The agency's views of complaints. Unlike the public view these carry the exact location, the
 * reporter's contact and private notes: only the agency in charge ever receives them.
 */
final class AgencyJson {
    private AgencyJson() {
    }

    static ObjectNode page(List<AgencyInbox.InboxEntry> entries, String nextCursor) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (AgencyInbox.InboxEntry e : entries) {
            ObjectNode item = items.addObject();
            item.put("id", e.id());
            item.put("trackingCode", e.trackingCode());
            item.put("status", e.status().name());
            item.put("category", e.category());
            item.put("area", e.area());
            putInstant(item, "dueAt", e.dueAt());
            putInstant(item, "acknowledgeBy", e.acknowledgeBy());
            item.put("overdue", e.overdue());
            putInstant(item, "receivedAt", e.receivedAt());
        }
        body.put("nextCursor", nextCursor);
        return body;
    }

    static ObjectNode complaint(ComplaintHistory history, ReferenceData reference, PhotoLinks photos) {
        Complaint c = history.complaint();
        ObjectNode out = Json.object();
        out.put("id", c.id());
        out.put("trackingCode", c.trackingCode());
        out.put("status", c.status().name());
        out.put("version", c.version());
        ObjectNode category = out.putObject("category");
        category.put("code", c.categoryCode());
        reference.category(c.categoryCode()).ifPresent(k ->
                category.putObject("name").put("vi", k.name().vi()).put("en", k.name().en()));
        if (c.areaCode() == null) {
            out.putNull("area");
        } else {
            ObjectNode area = out.putObject("area");
            area.put("code", c.areaCode());
            reference.areas().find(c.areaCode()).ifPresent(a -> area.put("name", a.name()));
        }
        out.put("description", c.description());
        if (c.location() == null) {
            out.putNull("location");
        } else {
            out.putObject("location").put("lat", c.location().lat()).put("lon", c.location().lon());
        }
        Reporter r = c.reporter();
        if (r == null || r.isEmpty()) {
            out.putNull("reporter");
        } else {
            out.putObject("reporter").put("name", r.name()).put("phone", r.phone()).put("email", r.email());
        }
        out.put("hideIdentityFromPublic", c.hideIdentity());
        out.put("channel", c.channel().wireName());
        out.put("receivedAt", c.receivedAt().toString());
        out.put("updatedAt", c.updatedAt().toString());
        out.set("photos", photos.photos(c));
        out.set("handling", handling(c.handling()));
        out.set("allowedActions", allowedActions(c));
        ArrayNode events = out.putArray("history");
        for (ComplaintEvent e : history.events()) {
            events.add(event(e));
        }
        return out;
    }

    /** The answer to an action: where the complaint stands now and the event that got it there. */
    static ObjectNode transition(Transition t) {
        Complaint c = t.after();
        ObjectNode out = Json.object();
        out.put("id", c.id());
        out.put("trackingCode", c.trackingCode());
        out.put("status", c.status().name());
        out.put("version", c.version());
        out.set("handling", handling(c.handling()));
        out.set("event", event(t.event()));
        out.set("allowedActions", allowedActions(c));
        return out;
    }

    private static ArrayNode allowedActions(Complaint c) {
        ArrayNode actions = Json.array();
        Action.allowed(c.status(), Action.AGENCY_ACTIONS).stream().map(Action::wireName).sorted().forEach(actions::add);
        return actions;
    }

    private static ObjectNode handling(Handling h) {
        if (h == null) {
            return null;
        }
        ObjectNode out = Json.object();
        out.put("agencyId", h.agencyId());
        putInstant(out, "assignedAt", h.assignedAt());
        putInstant(out, "acknowledgeBy", h.acknowledgeBy());
        putInstant(out, "dueAt", h.resolveBy());
        putInstant(out, "acknowledgedAt", h.acknowledgedAt());
        putInstant(out, "resolvedAt", h.resolvedAt());
        putInstant(out, "closedAt", h.closedAt());
        putInstant(out, "pausedAt", h.pausedAt());
        out.put("resumeTo", h.resumeTo() == null ? null : h.resumeTo().name());
        out.put("overdue", h.overdue());
        out.put("transfers", h.transfers());
        out.put("reopens", h.reopens());
        out.put("escalations", h.escalations());
        out.put("response", h.response());
        out.put("rejectReason", h.rejectReason());
        out.put("duplicateOf", h.duplicateOf());
        if (h.rating() == null) {
            out.putNull("rating");
        } else {
            out.put("rating", h.rating());
        }
        return out;
    }

    private static ObjectNode event(ComplaintEvent e) {
        ObjectNode out = Json.object();
        out.put("seq", e.seq());
        out.put("type", e.type());
        out.put("from", e.from() == null ? null : e.from().name());
        out.put("to", e.to().name());
        out.putObject("actor").put("kind", e.actor().kind().name()).put("id", e.actor().id());
        out.put("at", e.at().toString());
        out.put("note", e.note());
        out.put("privateNote", e.privateNote());
        out.put("agencyId", e.agencyId());
        return out;
    }

    private static void putInstant(ObjectNode node, String name, Instant value) {
        node.put(name, value == null ? null : value.toString());
    }
}
