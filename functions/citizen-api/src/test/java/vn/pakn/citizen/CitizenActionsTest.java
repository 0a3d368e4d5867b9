package vn.pakn.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.pakn.citizen.CitizenApiTest.assertError;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintStore;
import vn.pakn.domain.fakes.InMemoryUploads;
import vn.pakn.domain.fakes.MovableClock;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.ComplaintRepository;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.IdempotencyRecord;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.intake.NewComplaint;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Lifecycle;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.lifecycle.Transition;

/** The citizen's three answers through the API, on in-memory fakes. */
class CitizenActionsTest {
    private static final String SECRET = CitizenSecret.generate();
    private static final String REPORTER_PHONE = "0912345678";
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-7");
    /** Monday 16 November 2026, 09:00 in Vietnam. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T02:00:00Z");

    private final FixedReferenceData reference = new FixedReferenceData();
    private final Lifecycle lifecycle = new Lifecycle(reference);
    private final InMemoryComplaintStore store = new InMemoryComplaintStore();
    private final ByTrackingCode byCode = new ByTrackingCode(store);
    private final MovableClock clock = new MovableClock(MONDAY.plus(Duration.ofDays(1)));
    private final CitizenApi api = api(store);
    private final List<String> logLines = new ArrayList<>();
    private final java.util.function.Consumer<String> previousSink = Log.redirect(logLines::add);

    @AfterEach
    void restoreLog() {
        Log.redirect(previousSink);
    }

    // ---------------------------------------------------------------- info

    @Test
    void answerToInfoRequest_returnsToTheStateBefore_extendsTheDeadline_keepsTheAnswerPrivate() throws Exception {
        String code = complaint(Status.IN_PROGRESS);
        agency(code, new Command.RequestInfo("Số nhà chính xác là bao nhiêu?"));
        Complaint paused = current(code);

        var response = api.handle(action("info", code, SECRET, "{\"answer\": \"Số 12, gọi " + REPORTER_PHONE + "\"}"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        Complaint after = current(code);
        assertEquals(Status.IN_PROGRESS, after.status());
        assertNull(after.handling().pausedAt());
        assertTrue(after.handling().resolveBy().isAfter(paused.handling().resolveBy()),
                "the paused day is given back: " + paused.handling().resolveBy() + " -> " + after.handling().resolveBy());
        ComplaintEvent answered = lastEvent(code);
        assertEquals("INFO_PROVIDED", answered.type());
        assertEquals(Actor.Kind.CITIZEN, answered.actor().kind());
        assertTrue(answered.privateNote().contains(REPORTER_PHONE));
        assertNull(answered.note());
        JsonNode view = Json.read(response.getBody());
        assertEquals("IN_PROGRESS", view.get("status").asText());
        assertEquals(after.handling().resolveBy().toString(), view.get("dueAt").asText());
        assertFalse(response.getBody().contains(REPORTER_PHONE), "the answer is private: " + response.getBody());
        assertEquals("Số nhà chính xác là bao nhiêu?", view.at("/history/4/note").asText(), "the question is public");
    }

    // ---------------------------------------------------------------- confirm

    @ParameterizedTest(name = "rating {0}")
    @ValueSource(ints = {1, 5})
    void confirmAfterResolution_closesWithTheRating(int rating) throws Exception {
        String code = resolved();

        var response = api.handle(action("confirm", code, SECRET,
                "{\"rating\": " + rating + ", \"comment\": \"Đã sửa, cảm ơn. " + REPORTER_PHONE + "\"}"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        Complaint after = current(code);
        assertEquals(Status.CLOSED, after.status());
        assertEquals(rating, after.handling().rating());
        assertEquals("CLOSED", lastEvent(code).type());
        assertTrue(lastEvent(code).privateNote().contains("cảm ơn"));
        assertFalse(response.getBody().contains(REPORTER_PHONE));
        assertEquals("Đã vá ổ gà.", Json.read(response.getBody()).get("response").asText());
        assertTrue(store.assignments.stream().noneMatch(a -> a.getValue().type().equals("CLOSED")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero               | {\"rating\": 0}            | out_of_range | rating",
            "six                | {\"rating\": 6}            | out_of_range | rating",
            "wraps round an int | {\"rating\": 4294967297}   | out_of_range | rating",
            "negative           | {\"rating\": -3}           | out_of_range | rating",
            "fraction           | {\"rating\": 4.5}          | invalid_type | rating",
            "text               | {\"rating\": \"5\"}        | invalid_type | rating",
            "missing            | {\"comment\": \"ok\"}      | required     | rating",
            "unknown field      | {\"rating\": 5, \"x\": 1}  | unknown_field | x",
    })
    void confirmWithABadRating_is400_andWritesNothing(String name, String body, String code, String field)
            throws Exception {
        String tracking = resolved();
        int before = current(tracking).version();

        assertError(api.handle(action("confirm", tracking, SECRET, body)), 400, code, field);

        assertEquals(before, current(tracking).version());
        assertEquals(Status.RESOLVED, current(tracking).status());
    }

    // ---------------------------------------------------------------- reopen

    @Test
    void reopen_goesBackToTheSameAgencyWithFreshDeadlines_andIsCounted() throws Exception {
        String code = resolved();
        String agency = current(code).handling().agencyId();
        int assignmentsBefore = store.assignments.size();

        var response = api.handle(action("reopen", code, SECRET, "{\"note\": \"Vẫn còn ổ gà, xe vẫn ngã\"}"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        Complaint after = current(code);
        assertEquals(Status.REOPENED, after.status());
        assertEquals(agency, after.handling().agencyId());
        assertEquals(1, after.handling().reopens());
        assertNull(after.handling().resolvedAt());
        assertEquals(clock.instant(), after.handling().assignedAt());
        assertTrue(after.handling().resolveBy().isAfter(clock.instant()));
        assertEquals(assignmentsBefore + 1, store.assignments.size());
        var assignment = store.assignments.get(store.assignments.size() - 1);
        assertEquals(agency, assignment.getKey(), "back to the same agency's queue");
        assertEquals("REOPENED", assignment.getValue().type());
        assertEquals("Vẫn còn ổ gà, xe vẫn ngã", lastEvent(code).privateNote());
        assertFalse(response.getBody().contains("xe vẫn ngã"), "the citizen's note stays private");

        // Reopened twice, counted twice.
        agency(code, new Command.Acknowledge(null));
        agency(code, new Command.Resolve("Đã vá lại."));
        api.handle(action("reopen", code, SECRET, "{\"note\": \"Lại hỏng\"}"));
        assertEquals(2, current(code).handling().reopens());
    }

    @Test
    void reopenWithoutANote_is400() throws Exception {
        String code = resolved();
        assertError(api.handle(action("reopen", code, SECRET, "{}")), 400, "required", "note");
        assertEquals(Status.RESOLVED, current(code).status());
    }

    // ---------------------------------------------------------------- who may act

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "info    | NEEDS_INFO | {\"answer\": \"Số 12\"}",
            "confirm | RESOLVED   | {\"rating\": 5}",
            "reopen  | RESOLVED   | {\"note\": \"chưa sửa\"}",
    })
    void wrongOrMissingSecret_is403_andNothingIsWritten(String route, Status state, String body) throws Exception {
        String code = state == Status.RESOLVED ? resolved() : needsInfo();
        ComplaintHistory before = store.byId.get(byCode.idOf(code));
        int assignments = store.assignments.size();

        assertError(api.handle(action(route, code, CitizenSecret.generate(), body)), 403, "citizen_secret_invalid",
                "X-Citizen-Secret");
        assertError(api.handle(action(route, code, SECRET.substring(1), body)), 403, "citizen_secret_invalid",
                "X-Citizen-Secret");
        assertError(api.handle(action(route, code, null, body)), 403, "citizen_secret_required", "X-Citizen-Secret");
        assertError(api.handle(action(route, code, "  ", body)), 403, "citizen_secret_required", "X-Citizen-Secret");

        assertEquals(before, store.byId.get(byCode.idOf(code)), "not a single event or field changed");
        assertEquals(assignments, store.assignments.size());
    }

    @Test
    void unknownOrMistypedTrackingCode_getsExactlyTheWrongSecretAnswer() throws Exception {
        String code = resolved();
        String body = "{\"rating\": 5}";
        var wrongSecret = api.handle(action("confirm", code, CitizenSecret.generate(), body));
        var unknownCode = api.handle(action("confirm", TrackingCode.generate(), SECRET, body));
        var mistyped = api.handle(action("confirm", "ABCD", SECRET, body));

        assertError(wrongSecret, 403, "citizen_secret_invalid", "X-Citizen-Secret");
        assertEquals(wrongSecret.getStatusCode(), unknownCode.getStatusCode());
        assertEquals(wrongSecret.getBody(), unknownCode.getBody());
        assertEquals(wrongSecret.getBody(), mistyped.getBody());
    }

    @Test
    void secretInTheBody_isNotAccepted() throws Exception {
        String code = resolved();
        assertError(api.handle(action("confirm", code, null, "{\"rating\": 5, \"citizenSecret\": \"" + SECRET + "\"}")),
                403, "citizen_secret_required", "X-Citizen-Secret");
        assertEquals(Status.RESOLVED, current(code).status());
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = '|', value = {
            "confirm | IN_PROGRESS | {\"rating\": 5}         | none",
            "reopen  | NEEDS_INFO  | {\"note\": \"x\"}        | provide-info",
            "info    | RESOLVED    | {\"answer\": \"x\"}      | confirm, reopen",
            "confirm | CLOSED      | {\"rating\": 4}         | none",
            "reopen  | REJECTED    | {\"note\": \"x\"}        | none",
    })
    void actionNotAllowedInTheCurrentState_is409NamingTheCitizensAllowedActions(String route, Status state, String body,
                                                                                 String allowed) throws Exception {
        String code = switch (state) {
            case IN_PROGRESS -> complaint(Status.IN_PROGRESS);
            case NEEDS_INFO -> needsInfo();
            case RESOLVED -> resolved();
            case CLOSED -> closed();
            case REJECTED -> rejected();
            default -> throw new IllegalArgumentException(state.name());
        };
        int version = current(code).version();

        var response = api.handle(action(route, code, SECRET, body));

        assertError(response, 409, "action_not_allowed", "action");
        String en = Json.read(response.getBody()).at("/error/message/en").asText();
        assertTrue(en.endsWith("Allowed: " + allowed + "."), en);
        assertEquals(version, current(code).version());
    }

    @Test
    void theAgencyActsBetweenTheCitizensReadAndWrite_is409_andOnlyTheAgencysChangeStands() throws Exception {
        String code = resolved();
        ComplaintStore racing = new ComplaintStore() {
            @Override
            public Optional<ComplaintHistory> findById(String id) {
                return store.findById(id);
            }

            @Override
            public void append(Transition t) {
                throw new ConcurrentUpdateException(t.before().id());
            }
        };

        var response = api(racing).handle(action("confirm", code, SECRET, "{\"rating\": 5}"));

        assertError(response, 409, "concurrent_update", null);
        assertEquals(Status.RESOLVED, current(code).status());
    }

    @Test
    void confirmAndReopenAtTheSameMoment_exactlyOneWins_theOtherGets409() throws Exception {
        String code = resolved();
        CyclicBarrier bothRead = new CyclicBarrier(2);
        byCode.afterRead = () -> {
            try {
                bothRead.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<APIGatewayV2HTTPResponse> confirm = pool.submit(() ->
                    api.handle(action("confirm", code, SECRET, "{\"rating\": 5}")));
            Future<APIGatewayV2HTTPResponse> reopen = pool.submit(() ->
                    api.handle(action("reopen", code, SECRET, "{\"note\": \"chưa sửa\"}")));
            List<Integer> statuses = new ArrayList<>(List.of(confirm.get(10, TimeUnit.SECONDS).getStatusCode(),
                    reopen.get(10, TimeUnit.SECONDS).getStatusCode()));
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        Complaint after = current(code);
        assertTrue(after.status() == Status.CLOSED || after.status() == Status.REOPENED);
        assertEquals(1, store.byId.get(byCode.idOf(code)).events().stream()
                .filter(e -> e.type().equals("CLOSED") || e.type().equals("REOPENED")).count());
    }

    // ---------------------------------------------------------------- public view and logs

    @Test
    void publicTrackingView_showsAgencyDeadlinesAndResponse_neverPrivateNotesReporterOrSecret() throws Exception {
        String code = resolved();
        api.handle(action("reopen", code, SECRET, "{\"note\": \"Gọi tôi: " + REPORTER_PHONE + "\"}"));
        Complaint c = current(code);

        var response = api.handle(CitizenApiTest.get("GET /v1/complaints/{trackingCode}", "/v1/complaints/" + code,
                Map.of("trackingCode", code)));

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode view = Json.read(response.getBody());
        assertEquals("so-xay-dung", view.at("/agency/id").asText());
        assertEquals("Sở Xây dựng", view.at("/agency/name").asText());
        assertEquals(c.handling().acknowledgeBy().toString(), view.get("acknowledgeBy").asText());
        assertEquals(c.handling().resolveBy().toString(), view.get("dueAt").asText());
        assertFalse(view.get("overdue").asBoolean());
        assertEquals("Đã vá ổ gà.", view.at("/history/4/note").asText(), "the agency's response is public");
        String text = response.getBody();
        for (String secretThing : List.of(REPORTER_PHONE, "Nguyễn", SECRET, CitizenSecret.hash(SECRET), "officer-7")) {
            assertFalse(text.contains(secretThing), secretThing + " leaked: " + text);
        }
    }

    @Test
    void notYetRouted_viewHasNoAgencyOrDeadlines() throws Exception {
        String code = TrackingCode.generate();
        store.put(received("C-new", code), List.of(new ComplaintEvent("C-new", 1, ComplaintEvent.RECEIVED, null,
                Status.RECEIVED, Actor.citizen(Channel.WEB), MONDAY, null)));
        var view = Json.read(api.handle(CitizenApiTest.get("GET /v1/complaints/{trackingCode}",
                "/v1/complaints/" + code, Map.of("trackingCode", code))).getBody());
        assertTrue(view.get("agency").isNull());
        assertTrue(view.get("dueAt").isNull());
        assertTrue(view.get("response").isNull());
    }

    @Test
    void logs_carryIdentifiersOnly() throws Exception {
        String code = resolved();
        api.handle(action("reopen", code, SECRET, "{\"note\": \"Gọi " + REPORTER_PHONE + "\"}"));
        api.handle(action("confirm", code, "wrong-" + SECRET, "{\"rating\": 5}"));
        assertTrue(logLines.stream().anyMatch(l -> l.contains("citizen.action") && l.contains("reopen")), logLines.toString());
        for (String line : logLines) {
            assertFalse(line.contains(REPORTER_PHONE) || line.contains(SECRET), line);
            Json.read(line);
        }
    }

    // ---------------------------------------------------------------- set-up

    private CitizenApi api(ComplaintStore complaintStore) {
        InMemoryUploads uploads = new InMemoryUploads();
        IntakeService intake = new IntakeService(reference, byCode, uploads, uploads, clock, Duration.ofMinutes(15));
        return new CitizenApi(intake, reference, new CitizenActions(byCode, complaintStore, reference, clock));
    }

    /** A roads complaint routed to the department on Monday and taken to {@code state} by it. */
    private String complaint(Status state) {
        String id = "C" + store.byId.size();
        String code = TrackingCode.generate();
        store.put(received(id, code), List.of(new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null,
                Status.RECEIVED, Actor.citizen(Channel.MOBILE), MONDAY, null)));
        apply(code, new Command.Route("so-xay-dung", "routed"), Actor.system("router"), MONDAY);
        agency(code, new Command.Acknowledge(null));
        if (state == Status.IN_PROGRESS) {
            agency(code, new Command.Start(null));
        }
        return code;
    }

    private String needsInfo() {
        String code = complaint(Status.IN_PROGRESS);
        agency(code, new Command.RequestInfo("Ở đâu?"));
        return code;
    }

    private String resolved() {
        String code = complaint(Status.IN_PROGRESS);
        agency(code, new Command.Resolve("Đã vá ổ gà."));
        return code;
    }

    private String closed() {
        String code = resolved();
        apply(code, new Command.Confirm(5, null), Actor.citizen(Channel.MOBILE), MONDAY.plusSeconds(600));
        return code;
    }

    private String rejected() {
        String code = complaint(Status.IN_PROGRESS);
        agency(code, new Command.Reject(RejectReason.INVALID, null, null));
        return code;
    }

    private void agency(String code, Command command) {
        apply(code, command, OFFICER, MONDAY.plusSeconds(60L * current(code).version()));
    }

    private void apply(String code, Command command, Actor actor, Instant at) {
        store.append(lifecycle.apply(current(code), command, actor, at));
    }

    private Complaint current(String code) {
        return store.byId.get(byCode.idOf(code)).complaint();
    }

    private ComplaintEvent lastEvent(String code) {
        List<ComplaintEvent> events = store.byId.get(byCode.idOf(code)).events();
        return events.get(events.size() - 1);
    }

    private static Complaint received(String id, String code) {
        return new Complaint(id, code, Status.RECEIVED, 1, "roads", "24-kinh-bac", null, "Ổ gà trước số 12",
                List.of(), new Reporter("Nguyễn Văn A", REPORTER_PHONE, null), true, Channel.MOBILE,
                MONDAY, MONDAY, CitizenSecret.hash(SECRET));
    }

    private static APIGatewayV2HTTPEvent action(String route, String code, String secret, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (secret != null) {
            headers.put("x-citizen-secret", secret);
        }
        String path = "/v1/complaints/" + code + "/" + route;
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/complaints/{trackingCode}/" + route)
                .withRawPath(path).withPathParameters(Map.of("trackingCode", code))
                .withHeaders(headers).withBody(body).withIsBase64Encoded(false).build();
    }

    /** Look-up by tracking code over the store, as DynamoDB's TRACK# item serves it. */
    static final class ByTrackingCode implements ComplaintRepository {
        private final InMemoryComplaintStore store;
        /** Runs after each read, to hold two requests between their read and their write. */
        volatile Runnable afterRead = () -> { };

        ByTrackingCode(InMemoryComplaintStore store) {
            this.store = store;
        }

        String idOf(String code) {
            return find(code).orElseThrow().complaint().id();
        }

        @Override
        public Optional<ComplaintHistory> findByTrackingCode(String trackingCode) {
            Optional<ComplaintHistory> found = find(trackingCode);
            afterRead.run();
            return found;
        }

        private Optional<ComplaintHistory> find(String trackingCode) {
            return store.byId.values().stream()
                    .filter(h -> h.complaint().trackingCode().equals(trackingCode)).findFirst();
        }

        @Override
        public CreateOutcome create(NewComplaint complaint) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public Optional<IdempotencyRecord> findReservation(String trackingCode) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public boolean isWritten(String complaintId) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public CreateOutcome completeReserved(NewComplaint complaint) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public void release(IdempotencyRecord reservation) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public byte[] idempotencySecret() {
            throw new UnsupportedOperationException("not needed here");
        }
    }
}
