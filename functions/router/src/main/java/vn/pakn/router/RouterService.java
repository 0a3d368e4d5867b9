package vn.pakn.router;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.routing.Routing;

/**
 * Assigns a received complaint. Redelivery is harmless: the assignment is conditioned on the
 * complaint still being at the version it was read at, and a complaint that is no longer
 * RECEIVED has been routed already, so the message is simply acknowledged.
 */
public class RouterService {
    static final Actor ROUTER = Actor.system("router");
    private static final int MAX_ATTEMPTS = 3;

    private final ComplaintStore store;
    private final Routing routing;
    private final Lifecycle lifecycle;
    private final Clock clock;

    public RouterService(ComplaintStore store, ReferenceData reference, Clock clock) {
        this.store = store;
        this.routing = new Routing(reference);
        this.lifecycle = new Lifecycle(reference);
        this.clock = clock;
    }

    public void handle(String messageBody) {
        String complaintId = complaintId(messageBody);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Complaint complaint = store.findById(complaintId)
                    .orElseThrow(() -> new IllegalStateException("No complaint " + complaintId + " for an intake message"))
                    .complaint();
            if (complaint.status() != Status.RECEIVED) {
                Log.info("router.already_routed", "complaintId", complaintId, "status", complaint.status().name());
                return;
            }
            var decision = routing.route(complaint.categoryCode(), complaint.areaCode()).orElseThrow(() ->
                    new IllegalStateException("No enabled agency for " + complaint.categoryCode() + " in "
                            + complaint.areaCode() + ": the province needs a '*' rule for its triage agency"));
            String note = "routed by rule " + decision.rule().categoryCode() + "@" + decision.rule().areaCode();
            Transition transition = lifecycle.apply(complaint, new Command.Route(decision.agency().id(), note),
                    ROUTER, clock.instant());
            try {
                store.append(transition);
                Log.info("router.assigned", "complaintId", complaintId, "agencyId", decision.agency().id(),
                        "dueAt", transition.after().handling().resolveBy().toString());
                return;
            } catch (ComplaintStore.ConcurrentUpdateException e) {
                Log.info("router.raced", "complaintId", complaintId, "attempt", attempt);
            }
        }
        throw new IllegalStateException("Complaint " + complaintId + " kept changing while being routed");
    }

    private static String complaintId(String body) {
        try {
            JsonNode message = Json.read(body);
            String id = message.path("complaintId").asText(null);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("Intake message without complaintId");
            }
            return id;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Intake message is not JSON", e);
        }
    }
}
