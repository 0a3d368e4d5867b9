package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server on a loopback port: the API, files beside it, and local endpoints. */
class HttpApiServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestHandlers.Http citizen = new TestHandlers.Http();
    private HttpApiServer server;

    @BeforeEach
    void start() {
        citizen.doing((e, i) -> new APIGatewayV2HTTPResponse(200, Map.of("content-type", "application/json"), null,
                null, "{\"route\":\"" + e.getRouteKey() + "\"}", false));
        List<HttpApiRoute> routes = List.of(
                new HttpApiRoute("GET", "/v1/categories", "CitizenApiFunction", "ListCategories", "HttpApi", null,
                        List.of()),
                new HttpApiRoute("POST", "/v1/complaints", "CitizenApiFunction", "Submit", "HttpApi", null, List.of()));
        HttpApiGateway gateway = new HttpApiGateway(routes,
                Map.of("CitizenApiFunction", HttpApiGatewayTest.function("CitizenApiFunction", citizen)), Map.of(),
                Map.of(), new HttpApiEvents.ApiContext("000000000000", "abcdefghij"), line -> { });
        server = HttpApiServer.start(gateway, 0, 2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rootFiles_answerPathsWithoutARoute_whileTheApiKeepsItsRoutesAndItsOwn404() throws Exception {
        server.serveFiles("/", path -> path.equals("/index.html") || path.equals("/v1/categories")
                ? new HttpApiResponse(200, Map.of("content-type", List.of("text/html")), ("file " + path).getBytes(
                        StandardCharsets.UTF_8))
                : HttpApiResponse.gatewayError(404, "Not Found"));

        assertEquals("file /index.html", get("/index.html").body());
        assertEquals("{\"route\":\"GET /v1/categories\"}", get("/v1/categories").body(), "a route beats a file");
        HttpResponse<String> missing = get("/v1/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", missing.body());
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, posted.statusCode(), "files answer GET and HEAD only; the rest is the API's");
        assertEquals(1, citizen.events.size(), "only GET /v1/categories reached the function");
    }

    @Test
    void localEndpoint_getsTheWholeRequest_atExactlyItsPath() throws Exception {
        AtomicReference<HttpApiRequest> seen = new AtomicReference<>();
        server.serve("/.local-auth/token", request -> {
            seen.set(request);
            return new HttpApiResponse(201, Map.of("content-type", List.of("application/json")),
                    "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        });
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/.local-auth/token"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode());
        assertEquals("POST", seen.get().method());
        assertEquals("{\"a\":1}", new String(seen.get().body(), StandardCharsets.UTF_8));
        assertEquals("application/json", seen.get().firstHeader("content-type"));
        assertEquals(404, get("/.local-auth/token/more").statusCode());
        assertTrue(citizen.events.isEmpty());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
