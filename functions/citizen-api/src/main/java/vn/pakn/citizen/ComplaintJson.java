package vn.pakn.citizen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.intake.PublicComplaintView;

/** JSON for the public complaint view; only fields of {@link PublicComplaintView} can appear. */
final class ComplaintJson {
    private ComplaintJson() {
    }

    static ObjectNode publicView(PublicComplaintView v) {
        ObjectNode out = Json.object();
        out.put("trackingCode", v.trackingCode());
        out.put("status", v.status().name());
        if (v.category() == null) {
            out.putNull("category");
        } else {
            ObjectNode category = out.putObject("category");
            category.put("code", v.category().code());
            category.putObject("name").put("vi", v.category().name().vi()).put("en", v.category().name().en());
        }
        if (v.area() == null) {
            out.putNull("area");
        } else {
            out.putObject("area").put("code", v.area().code()).put("name", v.area().name());
        }
        if (v.location() == null) {
            out.putNull("location");
        } else {
            out.putObject("location").put("lat", v.location().lat()).put("lon", v.location().lon());
        }
        out.put("description", v.description());
        out.put("receivedAt", v.receivedAt().toString());
        out.put("updatedAt", v.updatedAt().toString());
        var handling = v.handling();
        if (handling == null) {
            out.putNull("agency");
            out.putNull("acknowledgeBy");
            out.putNull("dueAt");
            out.put("overdue", false);
            out.putNull("response");
        } else {
            out.putObject("agency").put("id", handling.agencyId()).put("name", handling.agencyName());
            out.put("acknowledgeBy", text(handling.acknowledgeBy()));
            out.put("dueAt", text(handling.dueAt()));
            out.put("overdue", handling.overdue());
            out.put("response", handling.response());
        }
        ArrayNode photos = out.putArray("photos");
        v.photos().forEach(status -> photos.addObject().put("status", status.name()));
        ArrayNode history = out.putArray("history");
        for (var h : v.history()) {
            ObjectNode entry = history.addObject();
            entry.put("seq", h.seq());
            entry.put("type", h.type());
            entry.put("from", h.from() == null ? null : h.from().name());
            entry.put("to", h.to().name());
            entry.put("by", h.by().name());
            entry.put("at", h.at().toString());
            entry.put("note", h.note());
        }
        return out;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
