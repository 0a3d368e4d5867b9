package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpApiRouteTest {

    private static HttpApiRoute route(String method, String path) {
        return new HttpApiRoute(method, path, "Fn", "Event", "HttpApi", null, List.of());
    }

    @Test
    void literalPath_matchesOnlyThatPathAndMethod() {
        HttpApiRoute categories = route("GET", "/v1/categories");
        assertEquals(Optional.of(Map.of()), categories.match("GET", "/v1/categories"));
        assertTrue(categories.match("POST", "/v1/categories").isEmpty());
        assertTrue(categories.match("GET", "/v1/categories/").isEmpty());
        assertTrue(categories.match("GET", "/v1/categories/x").isEmpty());
        assertTrue(categories.match("GET", "/v1").isEmpty());
        assertTrue(categories.match("GET", "/V1/categories").isEmpty(), "paths are case-sensitive");
    }

    @Test
    void variable_matchesOneNonEmptySegment_decoded() {
        HttpApiRoute track = route("GET", "/v1/complaints/{trackingCode}");
        assertEquals(Optional.of(Map.of("trackingCode", "PA 1+2")), track.match("GET", "/v1/complaints/PA%201+2"));
        assertTrue(track.match("GET", "/v1/complaints/").isEmpty());
        assertTrue(track.match("GET", "/v1/complaints/a/b").isEmpty());
    }

    @Test
    void greedyVariable_matchesOneOrMoreSegments() {
        HttpApiRoute proxy = route("ANY", "/files/{path+}");
        assertEquals(Optional.of(Map.of("path", "a/b/c.jpg")), proxy.match("DELETE", "/files/a/b/c.jpg"));
        assertTrue(proxy.match("GET", "/files").isEmpty());
        assertTrue(proxy.match("GET", "/files/").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> route("GET", "/{all+}/x"));
    }

    @Test
    void routeKeys_areMethodAndTemplatePath() {
        assertEquals("POST /v1/complaints", route("post", "/v1/complaints").routeKey());
        assertEquals("ANY /{proxy+}", route("any", "/{proxy+}").routeKey());
        assertEquals("$default", route("ANY", "$default").routeKey());
    }

    @Test
    void mostSpecificRoute_isTriedFirst() {
        List<HttpApiRoute> routes = new ArrayList<>(List.of(
                route("ANY", "$default"),
                route("GET", "/v1/{proxy+}"),
                route("ANY", "/v1/complaints/{id}"),
                route("GET", "/v1/complaints/{id}"),
                route("GET", "/v1/complaints/mine"),
                route("GET", "/v1/{kind}/mine")));
        routes.sort(HttpApiRoute.MOST_SPECIFIC_FIRST);
        assertEquals(List.of("GET /v1/complaints/mine", "GET /v1/complaints/{id}", "ANY /v1/complaints/{id}",
                "GET /v1/{kind}/mine", "GET /v1/{proxy+}", "$default"),
                routes.stream().map(HttpApiRoute::routeKey).toList());
    }
}
