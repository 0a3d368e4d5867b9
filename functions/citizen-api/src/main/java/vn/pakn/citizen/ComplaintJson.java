package vn.pakn.citizen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.pakn.aws.json.PublicViewJson;
import vn.pakn.domain.intake.PublicComplaintView;

/** JSON for the tracking view; the public feed shares its writer ({@link PublicViewJson}). */
final class ComplaintJson {
    private ComplaintJson() {
    }

    static ObjectNode publicView(PublicComplaintView v) {
        return PublicViewJson.tracking(v);
    }
}
