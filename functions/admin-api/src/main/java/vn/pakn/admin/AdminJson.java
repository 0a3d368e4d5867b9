package vn.pakn.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceAdminStore.AgencyEntry;
import vn.pakn.domain.reference.ReferenceAdminStore.AreaEntry;
import vn.pakn.domain.reference.ReferenceAdminStore.Holiday;
import vn.pakn.domain.reference.RoutingRule;

/** The admin API's JSON: each item in the shape its PUT accepts, plus what only the system sets. */
final class AdminJson {
    private AdminJson() {
    }

    static ObjectNode category(Category c) {
        ObjectNode out = Json.object();
        out.put("code", c.code());
        out.putObject("name").put("vi", c.name().vi()).put("en", c.name().en());
        out.put("ackHours", c.ackHours());
        out.put("resolveDays", c.resolveDays());
        out.put("photoRequired", c.photoRequired());
        out.put("publicFeed", c.publicFeed());
        out.put("escalateWhenOverdue", c.escalateWhenOverdue());
        return out;
    }

    static ObjectNode area(AreaEntry e) {
        Area a = e.area();
        ObjectNode out = Json.object();
        out.put("code", a.code());
        out.put("name", a.name());
        out.put("level", a.level());
        out.put("parent", a.parentCode());
        if (a.centroidLat() != null && a.centroidLon() != null) {
            out.putObject("centroid").put("lat", a.centroidLat()).put("lon", a.centroidLon());
        }
        out.put("mergedInto", e.mergedInto());
        return out;
    }

    static ObjectNode agency(AgencyEntry e) {
        Agency a = e.agency();
        ObjectNode out = Json.object();
        out.put("id", a.id());
        out.put("name", a.name());
        out.put("level", a.level());
        out.put("parent", a.parentId());
        out.put("area", a.areaCode());
        out.put("enabled", a.enabled());
        out.put("queueUrl", e.queueUrl());
        out.put("deadLetterQueueUrl", e.deadLetterQueueUrl());
        return out;
    }

    static ObjectNode rule(RoutingRule r) {
        ObjectNode out = Json.object();
        out.put("category", r.categoryCode());
        out.put("area", r.areaCode());
        out.put("agency", r.agencyId());
        return out;
    }

    static ObjectNode holiday(Holiday h) {
        ObjectNode out = Json.object();
        out.put("date", h.date().toString());
        out.put("name", h.name());
        return out;
    }

    static ObjectNode rerouting(BoundaryRerouting.Summary s) {
        ObjectNode out = Json.object();
        out.put("rerouted", s.rerouted());
        out.put("unchanged", s.unchanged());
        out.put("keptByDecision", s.keptByDecision());
        ArrayNode failed = out.putArray("failed");
        for (BoundaryRerouting.Failure f : s.failed()) {
            failed.addObject().put("complaintId", f.complaintId()).put("trackingCode", f.trackingCode())
                    .put("code", f.code()).put("reason", f.reason());
        }
        out.put("remaining", s.remaining());
        out.put("complete", s.complete());
        return out;
    }

    static <T> ArrayNode list(List<T> items, java.util.function.Function<T, ObjectNode> render) {
        ArrayNode out = Json.array();
        items.forEach(i -> out.add(render.apply(i)));
        return out;
    }
}
