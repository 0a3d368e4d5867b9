package vn.pakn.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.error.InputError;

/** JSON responses in the shapes every pakn API uses, errors included. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(Json.write(body))
                .withIsBase64Encoded(false)
                .build();
    }

    /** {@code {"error": {"code", "field", "message": {"vi", "en"}}}} with the status its kind implies. */
    public static APIGatewayV2HTTPResponse error(InputError e) {
        return json(statusOf(e.kind()), errorBody(e.code(), e.field(), e.text().vi(), e.text().en()));
    }

    /** The answer to a fault of ours: no detail that could leak internals or data. */
    public static APIGatewayV2HTTPResponse internalError() {
        return json(500, errorBody("internal_error", null,
                "Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút.",
                "Something went wrong on our side. Please try again in a few minutes."));
    }

    public static ObjectNode errorBody(String code, String field, String vi, String en) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        if (field == null) {
            error.putNull("field");
        } else {
            error.put("field", field);
        }
        error.putObject("message").put("vi", vi).put("en", en);
        return body;
    }

    static int statusOf(InputError.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
        };
    }
}
