package vn.pakn.publicstats;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.annotation.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import vn.pakn.aws.http.HttpResponses;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.domain.error.InputError;

/**
 * {@code GET /v1/public/stats}, open to anyone (no authorizer). Answers are cacheable: a period
 * that reaches today for 5 minutes, a closed past period for an hour (late stream records and
 * the reconciliation can still move it a little, so not for ever). The ETag is a hash of the
 * body, so a client or CDN holding the same figures gets 304 without them. Errors are never
 * cached. Built eagerly ({@code @Context}) so the snapshot holds a warm mapper and clients.
 */
@Context
public class PublicStatsApi {
    static final String STATS = "GET /v1/public/stats";
    static final String TODAY_CACHE = "public, max-age=300";
    static final String PAST_CACHE = "public, max-age=3600";

    private final PublicStatsService service;

    public PublicStatsApi(PublicStatsService service) {
        this.service = service;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            if (!STATS.equals(route)) {
                return HttpResponses.json(404, HttpResponses.errorBody("not_found", null,
                        "Không có địa chỉ này.", "No such route."));
            }
            return stats(event);
        } catch (InputError e) {
            Log.info("request.rejected", "route", route, "code", e.code(), "field", e.field());
            return HttpResponses.error(e);
        } catch (RuntimeException e) {
            Log.error("request.failed", e, "route", route);
            return HttpResponses.internalError();
        }
    }

    private APIGatewayV2HTTPResponse stats(APIGatewayV2HTTPEvent event) {
        LocalDate today = service.today();
        StatsQuery query = StatsQuery.parse(event.getQueryStringParameters(), today);
        StatsAnswer answer = service.answer(query);
        String body = Json.write(PublicStatsJson.answer(answer));
        String etag = etag(body);
        String cache = query.includes(today) ? TODAY_CACHE : PAST_CACHE;
        boolean notModified = matches(header(event, "if-none-match"), etag);
        Log.info("stats.answered", "groupBy", query.groupBy().wireName(), "from", query.from(), "to", query.to(),
                "filters", query.filters().keySet(), "groups", answer.groups().size(), "notModified", notModified);
        Map<String, String> headers = Map.of("cache-control", cache, "etag", etag);
        if (notModified) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers)
                    .withIsBase64Encoded(false).build();
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json; charset=utf-8", "cache-control", cache,
                        "etag", etag))
                .withBody(body).withIsBase64Encoded(false).build();
    }

    /** A strong validator: the same bytes, the same tag, whichever instance answered. */
    static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** If-None-Match: a list of tags or {@code *}; weak comparison, as RFC 9110 asks for GET. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** HTTP API lower-cases header names; other callers may not. */
    private static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
