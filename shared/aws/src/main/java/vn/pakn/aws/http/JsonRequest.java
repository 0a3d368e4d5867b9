package vn.pakn.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;

/** Reads a JSON request body defensively: size, media type and syntax are checked before anything else. */
public final class JsonRequest {
    /** Far above any honest submission (4000 characters of text), far below API Gateway's 10 MB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private JsonRequest() {
    }

    public static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The body as the client sent it, base64 undone. */
    public static String rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (event.getIsBase64Encoded()) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw malformed();
            }
        }
        return body;
    }

    public static StrictObject objectBody(APIGatewayV2HTTPEvent event) {
        String contentType = header(event, "content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new InputError(InputError.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", null,
                    new LocalizedText("Nội dung gửi lên phải là JSON (Content-Type: application/json).",
                            "The request body must be JSON (Content-Type: application/json)."));
        }
        String body = rawBody(event);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new InputError(InputError.Kind.TOO_LARGE, "body_too_large", null,
                    new LocalizedText("Nội dung gửi lên quá lớn (tối đa 64 KiB).",
                            "The request body is too large (at most 64 KiB)."));
        }
        JsonNode node;
        try {
            node = Json.read(body);
        } catch (JsonProcessingException e) {
            throw malformed();
        }
        if (node == null || !node.isObject()) {
            throw InputError.invalid("invalid_type", null,
                    "Nội dung gửi lên phải là một đối tượng JSON.", "The request body must be a JSON object.");
        }
        return new StrictObject((ObjectNode) node, "");
    }

    private static InputError malformed() {
        return InputError.invalid("malformed_json", null,
                "Nội dung gửi lên không phải JSON hợp lệ.", "The request body is not valid JSON.");
    }
}
