package vn.pakn.aws.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import vn.pakn.domain.intake.PublicComplaintView;

/**
 * JSON for the public complaint view, in its two forms: the tracking view (citizen API) and the
 * public feed. Only fields of {@link PublicComplaintView} can appear, one by one.
 */
public final class PublicViewJson {
    private PublicViewJson() {
    }

    /** {@code GET /v1/complaints/{trackingCode}}: every photo's check verdict, whether it is public. */
    public static ObjectNode tracking(PublicComplaintView v) {
        ObjectNode out = Json.object();
        out.put("trackingCode", v.trackingCode());
        common(v, out);
        ArrayNode photos = out.putArray("photos");
        v.photos().forEach(p -> photos.addObject().put("status", p.status().name()).put("public", p.published()));
        history(v, out);
        return out;
    }

    /**
     * An item of the public feed: the complaint id and never the tracking code.
     *
     * @param photos      links to the published photos, made by the caller
     * @param withHistory false in the list, which is read from an index holding no events
     */
    public static ObjectNode feed(PublicComplaintView v, ArrayNode photos, boolean withHistory) {
        if (v.trackingCode() != null) {
            throw new IllegalArgumentException("The feed takes PublicComplaintView.forPublicFeed()");
        }
        ObjectNode out = Json.object();
        out.put("id", v.id());
        common(v, out);
        out.set("photos", photos);
        if (withHistory) {
            history(v, out);
        }
        return out;
    }

    private static void common(PublicComplaintView v, ObjectNode out) {
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
    }

    private static void history(PublicComplaintView v, ObjectNode out) {
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
    }

    private static String text(Instant value) {
        return value == null ? null : value.toString();
    }
}
