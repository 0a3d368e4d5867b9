package vn.pakn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The HTTP API as a citizen's phone and an officer's browser use it. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Categories the demo province routes without a photo, and its communes: a realistic spread. */
    static final String[] CATEGORIES = {"noise", "pollution", "water-supply", "electricity", "public-security",
            "food-safety", "admin-procedures", "health"};
    static final String[] AREAS = {"24-kinh-bac", "24-vo-cuong", "24-vu-ninh", "24-tu-son", "24-bac-giang",
            "24-yen-dung"};

    private final URI base;
    private final HttpClient http;
    private final java.util.concurrent.atomic.LongAdder apiRequests = new java.util.concurrent.atomic.LongAdder();

    Api(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /**
     * A submission as a phone sends it: about 600 bytes of JSON with a Vietnamese description,
     * a location, the reporter's contact and an idempotency key.
     */
    static String submission(String category, String area) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format(Locale.ROOT, """
                {"category": "%s", "areaCode": "%s",
                 "description": "Tiếng ồn lớn kéo dài từ quán karaoke số %d đường Nguyễn Trãi sau 23 giờ, ảnh hưởng giấc ngủ của cả khu dân cư. Đề nghị cơ quan chức năng kiểm tra và xử lý.",
                 "location": {"lat": %.5f, "lon": %.5f},
                 "reporter": {"name": "Nguyễn Văn A", "phone": "09%08d", "email": "nguyen.van.a@example.vn"},
                 "hideIdentity": true, "channel": "mobile"}""",
                category, area, r.nextInt(1, 500), 21.15 + r.nextDouble() * 0.1, 106.0 + r.nextDouble() * 0.1,
                r.nextInt(100_000_000));
    }

    static String randomCategory() {
        return CATEGORIES[ThreadLocalRandom.current().nextInt(CATEGORIES.length)];
    }

    static String randomArea() {
        return AREAS[ThreadLocalRandom.current().nextInt(AREAS.length)];
    }

    HttpResponse<String> submit(String body) {
        return send(HttpRequest.newBuilder(uri("/v1/complaints")).header("content-type", "application/json")
                .header("idempotency-key", "bench-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Submits as the intake load does and returns the status: on the calling thread with
     * {@link java.net.HttpURLConnection} (connections kept alive), the kind of client the floor's SDK
     * clients are ({@code UrlConnectionHttpClient}), so the arms differ in what they ask, not in
     * their clients. The JDK {@link HttpClient} hands every exchange between the caller, its
     * selector thread and its executor; measured on the 2-core machine, a loopback POST cost 270 us
     * of CPU with it against 110 us this way, and on busy cores each hand-over waits for a core.
     */
    int submitStatus(String body) {
        apiRequests.increment();
        URI target = uri("/v1/complaints");
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) target.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(5_000);
            connection.setRequestProperty("content-type", "application/json");
            connection.setRequestProperty("idempotency-key", "bench-" + UUID.randomUUID());
            try (var out = connection.getOutputStream()) {
                out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            // Read to the end, or the connection is not reused.
            try (var in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + target + ": " + e, e);
        }
    }

    JsonNode submitOk(String body) {
        return ok(submit(body), 201);
    }

    JsonNode track(String trackingCode) {
        return ok(send(HttpRequest.newBuilder(uri("/v1/complaints/" + trackingCode)).GET().build()), 200);
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> post(String path, String token, String secret, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        if (secret != null) {
            b.header("x-citizen-secret", secret);
        }
        return send(b.build());
    }

    /** Requests sent to the HTTP API (not to presigned S3 URLs): what API Gateway bills. */
    long apiRequests() {
        return apiRequests.sum();
    }

    HttpResponse<String> send(HttpRequest request) {
        if (request.uri().toString().startsWith(base.toString())) {
            apiRequests.increment();
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static JsonNode ok(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
