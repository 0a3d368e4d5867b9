package vn.pakn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.local.DevToken;
import vn.pakn.local.LocalRuntime;
import vn.pakn.local.events.LocalFunction;
import vn.pakn.local.events.StreamPoller;

/**
 * A complaint's whole life, as the cost of a complaint is the cost of all of it: an upload slot
 * and the photo's PUT, the submission, the photo check, the relay, routing, the assignment's
 * relay, an officer's look at the inbox and the complaint, acknowledgement and resolution, the
 * citizen looking it up three times and confirming with a rating, and the statistics for every
 * event. Scheduled functions (deadline watch, outbox sweeper) run whatever the volume and are
 * left out.
 */
final class Lifecycles {
    private static final Duration QUIET = Duration.ofMillis(1500);

    /** Per function: invocations and handler time over the lives run. */
    record FunctionUse(long invocations, double seconds, int memoryMb) {
    }

    private final LocalRuntime runtime;
    private final Api api;
    private final DynamoDbClient direct;
    private final byte[] photo;

    /** @param direct a client that bypasses any counting proxy, for waiting without being counted */
    Lifecycles(LocalRuntime runtime, Api api, DynamoDbClient direct, byte[] photo) {
        this.runtime = runtime;
        this.api = api;
        this.direct = direct;
        this.photo = photo;
    }

    /** Runs {@code complaints} lives, four at a time, and waits until every consumer is idle. */
    Map<String, FunctionUse> run(int complaints) {
        Map<String, long[]> before = snapshot();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> lives = new ArrayList<>();
            for (int i = 0; i < complaints; i++) {
                lives.add(pool.submit(this::life));
            }
            for (Future<?> f : lives) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("A complaint's life failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        awaitQuiet();
        Map<String, long[]> after = snapshot();
        Map<String, FunctionUse> use = new LinkedHashMap<>();
        after.forEach((id, a) -> {
            long[] b = before.getOrDefault(id, new long[2]);
            use.put(id, new FunctionUse(a[0] - b[0], (a[1] - b[1]) / 1e9,
                    runtime.deployment().template().function(id).memorySize()));
        });
        return use;
    }

    private Void life() {
        JsonNode slot = Api.ok(api.post("/v1/uploads", null, null,
                "{\"contentType\": \"image/jpeg\", \"contentLength\": " + photo.length + "}"), 201);
        HttpResponse<String> put = api.send(HttpRequest.newBuilder(URI.create(slot.at("/upload/url").asText()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("photo upload answered " + put.statusCode() + ": " + put.body());
        }
        String body = Api.submission("roads", Api.randomArea())
                .replace("\"hideIdentity\"", "\"photos\": [\"" + slot.get("uploadId").asText() + "\"], \"hideIdentity\"");
        JsonNode receipt = api.submitOk(body);
        String id = receipt.get("id").asText();
        String code = receipt.get("trackingCode").asText();
        awaitStatus(id, "ASSIGNED");
        JsonNode view = api.track(code);
        String token = DevToken.agency(runtime, view.at("/agency/id").asText(), "can-bo-bench");
        Api.ok(api.get("/v1/agency/complaints?status=ASSIGNED", token), 200);
        Api.ok(api.get("/v1/agency/complaints/" + id, token), 200);
        String act = "/v1/agency/complaints/" + id + "/actions/";
        Api.ok(api.post(act + "acknowledge", token, null, "{}"), 200);
        Api.ok(api.post(act + "resolve", token, null, "{\"response\": \"Đã cử tổ công tác đến kiểm tra và xử lý dứt điểm.\"}"), 200);
        api.track(code);
        api.track(code);
        Api.ok(api.post("/v1/complaints/" + code + "/confirm", null, receipt.get("citizenSecret").asText(),
                "{\"rating\": 5}"), 200);
        return null;
    }

    private void awaitStatus(String complaintId, String status) {
        String table = runtime.deployment().tableName("ComplaintsTable");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = direct.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(ComplaintKeys.stateKey(complaintId))).item();
            if (item != null && item.containsKey("status") && status.equals(item.get("status").s())) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("Complaint " + complaintId + " never became " + status);
    }

    /**
     * Until nothing runs, no stream poller holds records in a batching window (the stats
     * aggregator waits up to 5 s to fill a batch) or for a retry, and no function has been invoked
     * for a while longer than the pollers' intervals: stream and queue consumers have caught up.
     */
    void awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long last = total();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            sleep(100);
            long now = total();
            if (now != last || running() > 0 || held() > 0) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > QUIET.toNanos()) {
                return;
            }
        }
        throw new IllegalStateException("The functions never went quiet after the complaint lives");
    }

    private int held() {
        int sum = 0;
        for (var source : runtime.events().sources()) {
            if (source instanceof StreamPoller stream) {
                sum += stream.heldRecords();
            }
        }
        return sum;
    }

    private long total() {
        long sum = 0;
        for (long[] v : snapshot().values()) {
            sum += v[0];
        }
        return sum;
    }

    private int running() {
        int sum = 0;
        for (var spec : runtime.deployment().template().functions()) {
            try {
                sum += runtime.function(spec.logicalId()).runningCount();
            } catch (IllegalArgumentException notRunning) {
                // not started in this run
            }
        }
        return sum;
    }

    private Map<String, long[]> snapshot() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (var spec : runtime.deployment().template().functions()) {
            try {
                LocalFunction f = runtime.function(spec.logicalId());
                out.put(spec.logicalId(), new long[] {f.invocationCount(), f.invocationNanos()});
            } catch (IllegalArgumentException notRunning) {
                // a function the template has but this run did not start
            }
        }
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
