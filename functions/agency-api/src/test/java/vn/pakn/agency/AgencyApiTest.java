package vn.pakn.agency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintStore;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.lifecycle.Transition;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.sla.WorkingCalendar;

class AgencyApiTest {
    private static final String A = "ubnd-kinh-bac";
    private static final String B = "ubnd-tu-son";
    private static final Map<String, String> OFFICER_A = AgencyEvents.officer(A, "can-bo-a1");
    private static final Map<String, String> OFFICER_B = AgencyEvents.officer(B, "can-bo-b1");
    // Friday 20 November 2026, 09:00 in Hà Nội.
    private static final Instant FRIDAY = ZonedDateTime.of(LocalDateTime.parse("2026-11-20T09:00"),
            WorkingCalendar.VIETNAM).toInstant();
    private static final Instant NOW = FRIDAY.plus(Duration.ofHours(2));

    private final FixedReferenceData reference = new FixedReferenceData();
    private final InMemoryComplaintStore store = new InMemoryComplaintStore();
    private final InMemoryAgencyInbox inbox = new InMemoryAgencyInbox(store);
    private final Lifecycle lifecycle = new Lifecycle(reference);
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Consumer<String> previousSink = Log.redirect(logLines::add);
    private ComplaintStore storeSeenByService = store;
    private final PhotoLinks photos = c -> {
        ArrayNode out = Json.array();
        c.photos().forEach(p -> out.addObject().put("uploadId", p.uploadId()).put("status", p.status().name())
                .put("url", "https://photos.test/original/" + p.uploadId() + ".jpg?X-Amz-Expires=3600"));
        return out;
    };

    @AfterEach
    void restoreLog() {
        Log.redirect(previousSink);
    }

    private AgencyApi api() {
        return new AgencyApi(new AgencyService(storeSeenByService, inbox, reference, Clock.fixed(NOW, ZoneOffset.UTC)),
                reference, photos);
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return api().handle(event);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    /** A complaint routed to {@code agency} at FRIDAY + {@code minutes}. */
    private String assigned(String agency, String category, int minutes) {
        Instant at = FRIDAY.plus(Duration.ofMinutes(minutes));
        NewComplaint nc = TestComplaints.received(category, "24-kinh-bac", at);
        store.put(nc.complaint(), List.of(nc.firstEvent()));
        store.append(lifecycle.apply(nc.complaint(), new Command.Route(agency, "rule"), Actor.system("router"), at));
        return nc.complaint().id();
    }

    private String assigned(String agency) {
        return assigned(agency, "noise", 0);
    }

    private Complaint complaint(String id) {
        return store.byId.get(id).complaint();
    }

    private void officer(String id, Command command) {
        store.append(lifecycle.apply(complaint(id), command, new Actor(Actor.Kind.AGENCY, "setup"), FRIDAY.plusSeconds(60)));
    }

    /** Drives a fresh complaint of agency A to {@code status} the way officers and citizens would. */
    private String inStatus(Status status) {
        String id = assigned(A);
        switch (status) {
            case ASSIGNED -> { }
            case ACKNOWLEDGED -> officer(id, new Command.Acknowledge(null));
            case IN_PROGRESS -> {
                officer(id, new Command.Acknowledge(null));
                officer(id, new Command.Start(null));
            }
            case NEEDS_INFO -> {
                officer(id, new Command.Acknowledge(null));
                officer(id, new Command.RequestInfo("Số nhà chính xác?"));
            }
            case RESOLVED -> {
                officer(id, new Command.Acknowledge(null));
                officer(id, new Command.Resolve("Đã xử lý"));
            }
            case REJECTED -> officer(id, new Command.Reject(RejectReason.INVALID, null, null));
            case REOPENED -> {
                officer(id, new Command.Acknowledge(null));
                officer(id, new Command.Resolve("Đã xử lý"));
                store.append(lifecycle.apply(complaint(id), new Command.Reopen("Vẫn còn ồn"),
                        Actor.citizen(vn.pakn.domain.complaint.Channel.WEB), FRIDAY.plusSeconds(120)));
            }
            default -> throw new IllegalArgumentException(status.name());
        }
        assertEquals(status, complaint(id).status());
        return id;
    }

    // ------------------------------------------------------------------ actions: happy paths

    @Test
    void acknowledge_fromAssigned_answersTheNewStatusVersionAndHandling() throws Exception {
        String id = assigned(A);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "acknowledge",
                "{\"expectedVersion\": 2, \"note\": \"Đã nhận\"}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("ACKNOWLEDGED", body.get("status").asText());
        assertEquals(3, body.get("version").asInt());
        assertEquals(NOW.toString(), body.at("/handling/acknowledgedAt").asText());
        assertEquals(A, body.at("/handling/agencyId").asText());
        assertEquals("ACKNOWLEDGED", body.at("/event/type").asText());
        assertEquals("can-bo-a1", body.at("/event/actor/id").asText());
        assertEquals("AGENCY", body.at("/event/actor/kind").asText());
        assertEquals("[\"escalate\",\"publish-photos\",\"reject\",\"request-info\",\"resolve\",\"start\",\"transfer\"]",
                body.get("allowedActions").toString());
        assertEquals(Status.ACKNOWLEDGED, complaint(id).status());
        assertEquals(3, store.byId.get(id).events().size());
    }

    @Test
    void acknowledge_withoutAnyBody_isAccepted() {
        String id = assigned(A);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "acknowledge", null));
        assertEquals(200, response.getStatusCode(), response.getBody());
    }

    @Test
    void start_fromAcknowledged_isInProgress() throws Exception {
        String id = inStatus(Status.ACKNOWLEDGED);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "start", "{}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("IN_PROGRESS", json(response).get("status").asText());
    }

    @Test
    void requestInfo_pausesTheClockUntilTheCitizenAnswers() throws Exception {
        String id = inStatus(Status.IN_PROGRESS);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "request-info",
                "{\"question\": \"Quán ở số nhà nào?\"}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("NEEDS_INFO", body.get("status").asText());
        assertEquals(NOW.toString(), body.at("/handling/pausedAt").asText());
        assertEquals("IN_PROGRESS", body.at("/handling/resumeTo").asText());
        assertEquals("Quán ở số nhà nào?", body.at("/event/note").asText());
    }

    @Test
    void resolve_recordsTheResponse() throws Exception {
        String id = inStatus(Status.IN_PROGRESS);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "resolve",
                "{\"response\": \"Đã lập biên bản, quán cam kết tắt nhạc trước 22 giờ\"}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("RESOLVED", body.get("status").asText());
        assertEquals("Đã lập biên bản, quán cam kết tắt nhạc trước 22 giờ", body.at("/handling/response").asText());
        assertEquals("[\"publish-photos\"]", body.get("allowedActions").toString(),
                "the citizen's turn; the agency may still publish photos");
    }

    @Test
    void reject_asDuplicate_normalisesTheOriginalsTrackingCode() throws Exception {
        String original = assigned(A);
        String code = complaint(original).trackingCode();
        String id = assigned(A);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "reject",
                "{\"reason\": \"duplicate-of\", \"duplicateOf\": \"" + code.toLowerCase().replace("-", "") + "\"}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("REJECTED", body.get("status").asText());
        assertEquals("duplicate-of", body.at("/handling/rejectReason").asText());
        assertEquals(code, body.at("/handling/duplicateOf").asText());
    }

    @Test
    void reject_withReasonAndNote() throws Exception {
        String id = inStatus(Status.ACKNOWLEDGED);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "reject",
                "{\"reason\": \"not-actionable\", \"note\": \"Việc dân sự giữa hai hộ\"}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("not-actionable", json(response).at("/handling/rejectReason").asText());
    }

    @Test
    void transfer_handsTheComplaintToTheOtherAgency_queuesIt_andCountsIt() throws Exception {
        String id = inStatus(Status.ACKNOWLEDGED);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "transfer",
                "{\"toAgencyId\": \"" + B + "\", \"reason\": \"Địa chỉ thuộc phường Từ Sơn\", \"expectedVersion\": 3}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("ASSIGNED", body.get("status").asText());
        assertEquals(B, body.at("/handling/agencyId").asText());
        assertEquals(1, body.at("/handling/transfers").asInt());
        assertEquals(B, store.assignments.get(store.assignments.size() - 1).getKey());
        // It is B's now: A no longer sees it, B does.
        assertEquals(404, call(AgencyEvents.get(OFFICER_A, id)).getStatusCode());
        assertEquals(200, call(AgencyEvents.get(OFFICER_B, id)).getStatusCode());
    }

    @Test
    void escalate_goesToTheParentAgency() throws Exception {
        String id = inStatus(Status.IN_PROGRESS);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "escalate",
                "{\"reason\": \"Vượt thẩm quyền phường\"}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("triage", body.at("/handling/agencyId").asText());
        assertEquals(1, body.at("/handling/escalations").asInt());
        assertEquals("triage", store.assignments.get(store.assignments.size() - 1).getKey());
    }

    @Test
    void escalate_fromTheTopAgency_is409NoParent() throws Exception {
        String id = assigned("triage");
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(AgencyEvents.officer("triage", "t1"), id,
                "escalate", "{}"));
        assertEquals(409, response.getStatusCode());
        assertEquals("no_parent_agency", json(response).at("/error/code").asText());
        assertEquals(2, complaint(id).version());
    }

    // ------------------------------------------------------------------ actions: refused

    static Stream<Arguments> actionsFromWrongStates() {
        return Stream.of(
                Arguments.of("acknowledge", "{}", Status.ACKNOWLEDGED),
                Arguments.of("acknowledge", "{}", Status.RESOLVED),
                Arguments.of("start", "{}", Status.ASSIGNED),
                Arguments.of("start", "{}", Status.IN_PROGRESS),
                Arguments.of("request-info", "{\"question\": \"?\"}", Status.ASSIGNED),
                Arguments.of("request-info", "{\"question\": \"?\"}", Status.NEEDS_INFO),
                Arguments.of("resolve", "{\"response\": \"xong\"}", Status.ASSIGNED),
                Arguments.of("resolve", "{\"response\": \"xong\"}", Status.NEEDS_INFO),
                Arguments.of("reject", "{\"reason\": \"invalid\"}", Status.NEEDS_INFO),
                Arguments.of("reject", "{\"reason\": \"invalid\"}", Status.REJECTED),
                Arguments.of("transfer", "{\"toAgencyId\": \"" + B + "\", \"reason\": \"x\"}", Status.RESOLVED),
                Arguments.of("escalate", "{\"reason\": \"x\"}", Status.RESOLVED),
                Arguments.of("escalate", "{\"reason\": \"x\"}", Status.REJECTED));
    }

    @ParameterizedTest(name = "{0} from {2}")
    @MethodSource("actionsFromWrongStates")
    void actionFromAWrongState_is409NamingTheAllowedActions_andWritesNothing(String action, String body, Status from)
            throws Exception {
        String id = inStatus(from);
        ComplaintHistory before = store.byId.get(id);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, action, body));
        assertEquals(409, response.getStatusCode(), response.getBody());
        JsonNode error = json(response).get("error");
        assertEquals("action_not_allowed", error.get("code").asText());
        assertTrue(error.at("/message/en").asText().contains("Allowed: "), error.toString());
        assertTrue(error.at("/message/en").asText().contains(from.name()), error.toString());
        assertEquals(before, store.byId.get(id));
    }

    @Test
    void notAllowed_namesExactlyTheActionsThatAre() throws Exception {
        String id = inStatus(Status.NEEDS_INFO);
        JsonNode error = json(call(AgencyEvents.act(OFFICER_A, id, "resolve", "{\"response\": \"x\"}")));
        assertEquals("Cannot 'resolve' a complaint that is NEEDS_INFO. Allowed: escalate, publish-photos, transfer.",
                error.at("/error/message/en").asText());
    }

    @Test
    void expectedVersionMismatch_is409ConcurrentUpdate_andWritesNothing() throws Exception {
        String id = assigned(A);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "acknowledge",
                "{\"expectedVersion\": 1}"));
        assertEquals(409, response.getStatusCode());
        assertEquals("concurrent_update", json(response).at("/error/code").asText());
        assertEquals("expectedVersion", json(response).at("/error/field").asText());
        assertEquals(2, complaint(id).version());
    }

    @Test
    void losingTheRaceAfterReading_is409ConcurrentUpdate() throws Exception {
        String id = assigned(A);
        // Another officer's transfer lands between this request's read and its write.
        storeSeenByService = new ComplaintStore() {
            @Override
            public Optional<ComplaintHistory> findById(String complaintId) {
                Optional<ComplaintHistory> seen = store.findById(complaintId);
                officer(id, new Command.Transfer(B, "không thuộc phường"));
                return seen;
            }

            @Override
            public void append(Transition transition) {
                store.append(transition);
            }
        };
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "acknowledge", "{}"));
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("concurrent_update", json(response).at("/error/code").asText());
        assertEquals(B, complaint(id).handling().agencyId(), "the other officer's change stands");
        assertEquals(Status.ASSIGNED, complaint(id).status());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("acknowledge", "{\"note\": \"x\", \"surprise\": 1}", 400, "unknown_field", "surprise"),
                Arguments.of("acknowledge", "{\"question\": \"wrong action's field\"}", 400, "unknown_field", "question"),
                Arguments.of("resolve", "{\"response\": \"x\", \"photos\": [\"01K\"]}", 400, "unknown_field", "photos"),
                Arguments.of("acknowledge", "{\"expectedVersion\": \"2\"}", 400, "invalid_type", "expectedVersion"),
                Arguments.of("acknowledge", "{\"expectedVersion\": 2.5}", 400, "invalid_type", "expectedVersion"),
                Arguments.of("acknowledge", "{\"expectedVersion\": 0}", 400, "out_of_range", "expectedVersion"),
                Arguments.of("acknowledge", "{\"note\": 7}", 400, "invalid_type", "note"),
                Arguments.of("acknowledge", "{\"note\": \"" + "x".repeat(4001) + "\"}", 400, "too_long", "note"),
                Arguments.of("acknowledge", "[]", 400, "invalid_type", null),
                Arguments.of("acknowledge", "{not json", 400, "malformed_json", null),
                Arguments.of("reject", "{\"reason\": \"lazy\"}", 400, "invalid_value", "reason"),
                Arguments.of("reject", "{\"reason\": \"invalid\", \"duplicateOf\": \"7KX4-9QMB\"}", 400, "not_applicable",
                        "duplicateOf"),
                Arguments.of("reject", "{\"reason\": \"duplicate-of\", \"duplicateOf\": \"not-a-code\"}", 400,
                        "invalid_tracking_code", "duplicateOf"),
                Arguments.of("reject", "{\"reason\": \"duplicate-of\"}", 400, "required", "duplicateOf"),
                Arguments.of("reject", "{}", 400, "required", "reason"),
                Arguments.of("transfer", "{\"toAgencyId\": \"" + B + "\"}", 400, "required", "reason"),
                Arguments.of("transfer", "{\"reason\": \"x\"}", 400, "required", "toAgencyId"),
                Arguments.of("transfer", "{\"toAgencyId\": \"" + A + "\", \"reason\": \"x\"}", 400, "same_agency",
                        "toAgencyId"),
                Arguments.of("transfer", "{\"toAgencyId\": \"ubnd-atlantis\", \"reason\": \"x\"}", 400, "unknown_agency",
                        "toAgencyId"),
                Arguments.of("transfer", "{\"toAgencyId\": [\"" + B + "\"], \"reason\": \"x\"}", 400, "invalid_type",
                        "toAgencyId"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badBodies")
    void badBody_is4xxNamingTheField_andWritesNothing(String action, String body, int status, String code, String field)
            throws Exception {
        String id = assigned(A);
        ComplaintHistory before = store.byId.get(id);
        int assignments = store.assignments.size();
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, action, body));
        assertEquals(status, response.getStatusCode(), response.getBody());
        JsonNode error = json(response).get("error");
        assertEquals(code, error.get("code").asText(), error.toString());
        assertEquals(field == null ? "null" : field, error.get("field").asText(), error.toString());
        assertEquals(before, store.byId.get(id));
        assertEquals(assignments, store.assignments.size());
    }

    @Test
    void requiredTexts_areRequired() throws Exception {
        String id = inStatus(Status.IN_PROGRESS);
        for (String[] actionAndField : new String[][] {{"request-info", "question"}, {"resolve", "response"}}) {
            APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, actionAndField[0],
                    "{\"" + actionAndField[1] + "\": \"   \"}"));
            assertEquals(400, response.getStatusCode(), response.getBody());
            assertEquals(actionAndField[1], json(response).at("/error/field").asText());
        }
        assertEquals(Status.IN_PROGRESS, complaint(id).status());
    }

    @Test
    void bodyThatIsNotJson_is415() {
        String id = assigned(A);
        APIGatewayV2HTTPEvent event = AgencyEvents.act(OFFICER_A, id, "acknowledge", "note=x");
        event.setHeaders(Map.of("content-type", "application/x-www-form-urlencoded"));
        assertEquals(415, call(event).getStatusCode());
    }

    @Test
    void transferToADisabledAgency_is400() throws Exception {
        reference.agencies.replaceAll(a -> a.id().equals(B)
                ? new Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), false) : a);
        String id = assigned(A);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "transfer",
                "{\"toAgencyId\": \"" + B + "\", \"reason\": \"x\"}"));
        assertEquals(400, response.getStatusCode());
        assertEquals("unknown_agency", json(response).at("/error/code").asText());
        assertEquals(A, complaint(id).handling().agencyId());
    }

    @Test
    void rejectingAsADuplicateOfItself_is400() throws Exception {
        String id = assigned(A);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "reject",
                "{\"reason\": \"duplicate-of\", \"duplicateOf\": \"" + complaint(id).trackingCode() + "\"}"));
        assertEquals(400, response.getStatusCode());
        assertEquals("duplicate_of_itself", json(response).at("/error/code").asText());
        assertEquals(Status.ASSIGNED, complaint(id).status());
    }

    @Test
    void unknownAction_is404NamingTheActions() throws Exception {
        String id = assigned(A);
        for (String action : List.of("fly", "confirm", "route", "mark-overdue")) {
            APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, action, "{}"));
            assertEquals(404, response.getStatusCode(), action);
            assertEquals("unknown_action", json(response).at("/error/code").asText());
        }
        assertEquals(2, complaint(id).version());
    }

    // ------------------------------------------------------------------ access

    @Test
    void otherAgency_gets404OnEveryEndpoint_exactlyAsForAComplaintThatDoesNotExist() throws Exception {
        String id = assigned(A);
        int assignments = store.assignments.size();
        String missing = "01KZZZZZZZZZZZZZZZZZZZZZZZ";
        List<APIGatewayV2HTTPEvent> probes = new ArrayList<>();
        List<APIGatewayV2HTTPEvent> controls = new ArrayList<>();
        probes.add(AgencyEvents.get(OFFICER_B, id));
        controls.add(AgencyEvents.get(OFFICER_B, missing));
        Map<String, String> validBodies = Map.of(
                "acknowledge", "{}", "start", "{}", "request-info", "{\"question\": \"?\"}",
                "resolve", "{\"response\": \"x\"}", "reject", "{\"reason\": \"invalid\"}",
                "transfer", "{\"toAgencyId\": \"so-xay-dung\", \"reason\": \"x\"}", "escalate", "{\"reason\": \"x\"}");
        validBodies.forEach((action, body) -> {
            probes.add(AgencyEvents.act(OFFICER_B, id, action, body));
            controls.add(AgencyEvents.act(OFFICER_B, missing, action, body));
        });
        for (int i = 0; i < probes.size(); i++) {
            APIGatewayV2HTTPResponse probe = call(probes.get(i));
            APIGatewayV2HTTPResponse control = call(controls.get(i));
            assertEquals(404, probe.getStatusCode(), probes.get(i).getRawPath());
            assertEquals(control.getBody(), probe.getBody(), "must not tell 'exists elsewhere' from 'does not exist'");
        }
        JsonNode listed = json(call(AgencyEvents.list(OFFICER_B, Map.of())));
        assertEquals(0, listed.get("items").size());
        assertEquals(2, complaint(id).version(), "nothing was written");
        assertEquals(assignments, store.assignments.size());
    }

    @Test
    void malformedComplaintId_is404() {
        for (String id : List.of("x", "../../etc/passwd", "01kaaaaaaaaaaaaaaaaaaaaaaa", "I".repeat(26), "0".repeat(2000))) {
            assertEquals(404, call(AgencyEvents.get(OFFICER_A, id)).getStatusCode(), id);
        }
    }

    @Test
    void withoutClaims_is401_andUnknownRole_is403() throws Exception {
        String id = assigned(A);
        APIGatewayV2HTTPResponse anonymous = call(AgencyEvents.event(null, AgencyApi.GET, "/v1/agency/complaints/" + id,
                Map.of("id", id), null, null));
        assertEquals(401, anonymous.getStatusCode());
        Map<String, String> citizen = new HashMap<>(OFFICER_A);
        citizen.put("pakn:role", "citizen");
        APIGatewayV2HTTPResponse wrongRole = call(AgencyEvents.act(citizen, id, "acknowledge", "{}"));
        assertEquals(403, wrongRole.getStatusCode());
        assertEquals("role_unknown", json(wrongRole).at("/error/code").asText());
        assertEquals(2, complaint(id).version());
    }

    @Test
    void administrator_readsAnyAgency_butActsOnNone() throws Exception {
        String id = assigned(A);
        Map<String, String> admin = AgencyEvents.admin("quan-tri-1");
        assertEquals(200, call(AgencyEvents.get(admin, id)).getStatusCode());
        JsonNode listed = json(call(AgencyEvents.list(admin, Map.of("agencyId", A))));
        assertEquals(id, listed.at("/items/0/id").asText());
        assertEquals(400, call(AgencyEvents.list(admin, Map.of())).getStatusCode());
        assertEquals(400, call(AgencyEvents.list(admin, Map.of("agencyId", "ubnd-atlantis"))).getStatusCode());
        APIGatewayV2HTTPResponse acted = call(AgencyEvents.act(admin, id, "acknowledge", "{}"));
        assertEquals(403, acted.getStatusCode());
        assertEquals("agency_role_required", json(acted).at("/error/code").asText());
        assertEquals(2, complaint(id).version());
    }

    @Test
    void officerListingAnotherAgency_is403() {
        assertEquals(403, call(AgencyEvents.list(OFFICER_B, Map.of("agencyId", A))).getStatusCode());
        assertEquals(200, call(AgencyEvents.list(OFFICER_B, Map.of("agencyId", B))).getStatusCode());
    }

    // ------------------------------------------------------------------ get

    @Test
    void get_showsTheAgencyEverythingIncludingContactExactLocationAndPrivateNotes() throws Exception {
        String id = inStatus(Status.REOPENED);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.get(OFFICER_A, id));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode view = json(response);
        assertEquals(id, view.get("id").asText());
        assertEquals(complaint(id).trackingCode(), view.get("trackingCode").asText());
        assertEquals("REOPENED", view.get("status").asText());
        assertEquals(5, view.get("version").asInt());
        assertEquals("Tiếng ồn", view.at("/category/name/vi").asText());
        assertEquals("Phường Kinh Bắc", view.at("/area/name").asText());
        assertEquals(TestComplaints.DESCRIPTION, view.get("description").asText());
        assertEquals(TestComplaints.LOCATION.lat(), view.at("/location/lat").asDouble(), 0);
        assertEquals(TestComplaints.REPORTER_NAME, view.at("/reporter/name").asText());
        assertEquals(TestComplaints.REPORTER_PHONE, view.at("/reporter/phone").asText());
        assertEquals(TestComplaints.REPORTER_EMAIL, view.at("/reporter/email").asText());
        assertTrue(view.at("/photos/0/url").asText().startsWith("https://photos.test/original/"));
        assertEquals(A, view.at("/handling/agencyId").asText());
        assertEquals(1, view.at("/handling/reopens").asInt());
        assertTrue(view.at("/handling/dueAt").isTextual());
        assertEquals(5, view.get("history").size());
        assertEquals("REOPENED", view.at("/history/4/type").asText());
        assertEquals("Vẫn còn ồn", view.at("/history/4/privateNote").asText(), "agencies see the citizen's words");
        assertEquals("[\"acknowledge\",\"escalate\",\"publish-photos\",\"reject\",\"transfer\"]",
                view.get("allowedActions").toString());
    }

    @Test
    void logs_carryIdentifiersOnly() {
        String id = assigned(A);
        call(AgencyEvents.get(OFFICER_A, id));
        call(AgencyEvents.act(OFFICER_A, id, "acknowledge", "{\"note\": \"" + TestComplaints.REPORTER_PHONE + "\"}"));
        call(AgencyEvents.list(OFFICER_A, Map.of()));
        assertFalse(logLines.isEmpty());
        String all = String.join("\n", logLines);
        assertTrue(all.contains(id));
        for (String secret : List.of(TestComplaints.REPORTER_NAME, TestComplaints.REPORTER_PHONE,
                TestComplaints.REPORTER_EMAIL, TestComplaints.DESCRIPTION)) {
            assertFalse(all.contains(secret), secret + " leaked into " + all);
        }
    }

    // ------------------------------------------------------------------ list

    private List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    /** Follows nextCursor to the end and returns every id in the order served. */
    private List<String> allPages(Map<String, String> claims, Map<String, String> query) throws Exception {
        List<String> out = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 50; pages++) {
            Map<String, String> q = new HashMap<>(query);
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            APIGatewayV2HTTPResponse response = call(AgencyEvents.list(claims, q));
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode page = json(response);
            out.addAll(ids(page));
            if (page.get("nextCursor").isNull()) {
                return out;
            }
            cursor = page.get("nextCursor").asText();
        }
        throw new AssertionError("more than 50 pages");
    }

    @Test
    void list_default_mergesEveryOpenStatusInDeadlineOrder() throws Exception {
        // roads take 10 working days, noise 5: a later noise complaint is due before an earlier roads one.
        String roadsEarly = assigned(A, "roads", 0);
        String noiseLate = assigned(A, "noise", 30);
        String acknowledged = assigned(A, "noise", 10);
        officer(acknowledged, new Command.Acknowledge(null));
        String resolved = assigned(A, "noise", 5);
        officer(resolved, new Command.Acknowledge(null));
        officer(resolved, new Command.Resolve("xong"));
        assigned(B, "noise", 1);
        JsonNode page = json(call(AgencyEvents.list(OFFICER_A, Map.of())));
        assertEquals(List.of(acknowledged, noiseLate, roadsEarly), ids(page));
        assertTrue(page.get("nextCursor").isNull());
        JsonNode first = page.at("/items/0");
        assertEquals(complaint(acknowledged).trackingCode(), first.get("trackingCode").asText());
        assertEquals("ACKNOWLEDGED", first.get("status").asText());
        assertEquals("noise", first.get("category").asText());
        assertEquals("24-kinh-bac", first.get("area").asText());
        assertEquals(complaint(acknowledged).handling().resolveBy().toString(), first.get("dueAt").asText());
        assertEquals(complaint(acknowledged).handling().acknowledgeBy().toString(), first.get("acknowledgeBy").asText());
        assertFalse(first.get("overdue").asBoolean());
        assertEquals(complaint(acknowledged).receivedAt().toString(), first.get("receivedAt").asText());
        assertFalse(page.toString().contains(TestComplaints.REPORTER_PHONE), "the list carries no contact details");
    }

    @Test
    void list_byStatus_includingClosedOnes() throws Exception {
        String assigned = assigned(A);
        String resolved = inStatus(Status.RESOLVED);
        assertEquals(List.of(assigned), ids(json(call(AgencyEvents.list(OFFICER_A, Map.of("status", "ASSIGNED"))))));
        assertEquals(List.of(resolved), ids(json(call(AgencyEvents.list(OFFICER_A, Map.of("status", "resolved"))))));
        assertEquals(2, ids(json(call(AgencyEvents.list(OFFICER_A, Map.of("status", "ASSIGNED,RESOLVED"))))).size());
    }

    @Test
    void list_overdue_comesFromTheOverdueShelf() throws Exception {
        String late = assigned(A);
        store.append(lifecycle.apply(complaint(late), new Command.MarkOverdue("acknowledge"), Actor.system("deadlines"),
                NOW));
        assigned(A);
        JsonNode page = json(call(AgencyEvents.list(OFFICER_A, Map.of("overdue", "true"))));
        assertEquals(List.of(late), ids(page));
        assertTrue(page.at("/items/0/overdue").asBoolean());
        assertEquals(2, ids(json(call(AgencyEvents.list(OFFICER_A, Map.of("overdue", "false"))))).size());
    }

    @ParameterizedTest(name = "acknowledged: {0}")
    @ValueSource(strings = {"every other", "only the latest"})
    void list_paginates_withoutGapsOrRepeats_evenWhenReadsAreCutShort(String layout) throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            String id = assigned(A, i % 3 == 0 ? "roads" : "noise", i * 7);
            // Unbalanced shelves are what would expose a merge that serves past a shelf it has not read.
            if (layout.equals("every other") ? i % 2 == 0 : i >= 9) {
                officer(id, new Command.Acknowledge(null));
            }
            expected.add(id);
        }
        expected.sort(Comparator.comparing(id -> ComplaintItems.indexKeys(complaint(id)).get("gsi2sk").s()));
        assertEquals(expected, allPages(OFFICER_A, Map.of("limit", "4")));
        assertEquals(expected, allPages(OFFICER_A, Map.of("limit", "1")));
        inbox.maxPerRead = 2; // as if each query hit DynamoDB's 1 MB page size
        assertEquals(expected, allPages(OFFICER_A, Map.of("limit", "5")));
        assertEquals(expected, allPages(OFFICER_A, Map.of("limit", "100")));
    }

    @Test
    void list_pageThatEndsExactlyAtTheEnd_hasNoCursor() throws Exception {
        for (int i = 0; i < 4; i++) {
            assigned(A, "noise", i);
        }
        JsonNode page = json(call(AgencyEvents.list(OFFICER_A, Map.of("limit", "4"))));
        assertEquals(4, page.get("items").size());
        assertTrue(page.get("nextCursor").isNull());
    }

    @Test
    void cursor_isBoundToTheAgencyAndTheListing() throws Exception {
        for (int i = 0; i < 3; i++) {
            assigned(A, "noise", i);
            assigned(B, "noise", i);
        }
        String cursor = json(call(AgencyEvents.list(OFFICER_A, Map.of("limit", "1")))).get("nextCursor").asText();
        APIGatewayV2HTTPResponse stolen = call(AgencyEvents.list(OFFICER_B, Map.of("limit", "1", "cursor", cursor)));
        assertEquals(400, stolen.getStatusCode());
        assertEquals("invalid_cursor", json(stolen).at("/error/code").asText());
        APIGatewayV2HTTPResponse otherView = call(AgencyEvents.list(OFFICER_A, Map.of("status", "ASSIGNED",
                "cursor", cursor)));
        assertEquals(400, otherView.getStatusCode());
        // A cursor forged to name agency B still reads only the caller's own shelves.
        String open = AgencyApi.view(AgencyService.OPEN);
        String forged = ListCursor.encode(B, open, "#00000000000000000000000000");
        assertEquals(400, call(AgencyEvents.list(OFFICER_A, Map.of("cursor", forged))).getStatusCode());
        for (String garbage : List.of("x", "%%%", "eyJ2IjoxfQ", "A".repeat(2000),
                ListCursor.encode(A, open, "' OR 1=1"), ListCursor.encode(A, open, "x".repeat(300) + "#0"))) {
            APIGatewayV2HTTPResponse response = call(AgencyEvents.list(OFFICER_A, Map.of("cursor", garbage)));
            assertEquals(400, response.getStatusCode(), garbage);
            assertEquals("cursor", json(response).at("/error/field").asText());
        }
        assertNotEquals(400, call(AgencyEvents.list(OFFICER_A, Map.of("cursor", cursor))).getStatusCode());
        // The same listing however the statuses are spelled or ordered.
        String byStatus = json(call(AgencyEvents.list(OFFICER_A, Map.of("status", "ASSIGNED,acknowledged",
                "limit", "1")))).get("nextCursor").asText();
        assertEquals(200, call(AgencyEvents.list(OFFICER_A, Map.of("status", "ACKNOWLEDGED,ASSIGNED",
                "cursor", byStatus))).getStatusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=abc", "status=RECEIVED", "status=SLEEPING",
            "overdue=yes", "overdue=true&status=ASSIGNED", "sort=dueAt"})
    void list_badParameters_are400(String query) throws Exception {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        APIGatewayV2HTTPResponse response = call(AgencyEvents.list(OFFICER_A, params));
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertTrue(json(response).at("/error/field").isTextual());
    }

    @Test
    void list_readsOnlyTheIndexShelves() throws Exception {
        assigned(A);
        call(AgencyEvents.list(OFFICER_A, Map.of()));
        assertEquals(AgencyService.OPEN.size(), inbox.reads, "one query per open status, nothing else");
    }

    @Test
    void unknownRoute_is404() {
        APIGatewayV2HTTPResponse response = call(AgencyEvents.event(OFFICER_A, "DELETE /v1/agency/complaints/{id}",
                "/v1/agency/complaints/x", Map.of("id", "x"), null, null));
        assertEquals(404, response.getStatusCode());
    }

    // ---------------------------------------------------------------- publish-photos

    @Test
    void publishPhotos_marksThePhotoPublic_keepsTheStatus_andAnswersTheEvent() throws Exception {
        String id = inStatus(Status.ACKNOWLEDGED);
        String photo = complaint(id).photos().get(0).uploadId();
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "publish-photos",
                "{\"uploadIds\": [\"" + photo + "\"], \"publishable\": true, \"expectedVersion\": 3}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("ACKNOWLEDGED", body.get("status").asText());
        assertEquals(4, body.get("version").asInt());
        assertEquals("PHOTOS_VISIBILITY_CHANGED", body.at("/event/type").asText());
        assertEquals("published", body.at("/event/note").asText());
        assertEquals("published: " + photo, body.at("/event/privateNote").asText());
        assertTrue(complaint(id).photos().get(0).isPublic());
        assertTrue(store.assignments.stream().noneMatch(a -> a.getValue().seq() == 4), "nothing is queued");
    }

    @Test
    void publishPhotos_afterTheComplaintIsClosed_isStillPossible() throws Exception {
        String id = inStatus(Status.RESOLVED);
        store.append(lifecycle.apply(complaint(id), new Command.Confirm(5, null),
                Actor.citizen(vn.pakn.domain.complaint.Channel.WEB), FRIDAY.plusSeconds(120)));
        String photo = complaint(id).photos().get(0).uploadId();
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "publish-photos",
                "{\"uploadIds\": [\"" + photo + "\"], \"publishable\": true}"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("CLOSED", json(response).get("status").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"uploadIds\": [\"01K0000000000000000000NONE\"], \"publishable\": true}|unknown_upload|uploadIds[0]",
            "{\"uploadIds\": [], \"publishable\": true}|required|uploadIds",
            "{\"uploadIds\": \"x\", \"publishable\": true}|invalid_type|uploadIds",
            "{\"uploadIds\": [1], \"publishable\": true}|invalid_type|uploadIds[0]",
            "{\"uploadIds\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"], \"publishable\": true}|too_many|uploadIds",
            "{\"uploadIds\": [\"PHOTO\"]}|required|publishable",
            "{\"uploadIds\": [\"PHOTO\"], \"publishable\": \"yes\"}|invalid_type|publishable",
            "{\"uploadIds\": [\"PHOTO\"], \"publishable\": true, \"note\": \"x\"}|unknown_field|note"})
    void publishPhotos_badBodies_are400NamingTheField_andWriteNothing(String testCase) throws Exception {
        String id = assigned(A);
        String[] parts = testCase.split("\\|");
        ComplaintHistory before = store.byId.get(id);
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "publish-photos",
                parts[0].replace("PHOTO", complaint(id).photos().get(0).uploadId())));
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(parts[1], json(response).at("/error/code").asText());
        assertEquals(parts[2], json(response).at("/error/field").asText());
        assertEquals(before, store.byId.get(id));
    }

    @Test
    void publishPhotos_ofAnotherAgencysComplaint_is404() throws Exception {
        String id = assigned(B);
        String photo = complaint(id).photos().get(0).uploadId();
        APIGatewayV2HTTPResponse response = call(AgencyEvents.act(OFFICER_A, id, "publish-photos",
                "{\"uploadIds\": [\"" + photo + "\"], \"publishable\": true}"));
        assertEquals(404, response.getStatusCode());
        assertFalse(complaint(id).photos().get(0).publishable());
    }
}
