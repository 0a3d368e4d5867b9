package vn.pakn.aws.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.error.InputError;

/**
 * The opaque {@code cursor} of a paginated listing: base64url of {@code {"v", "scope", "view",
 * "after"}}, where {@code after} is the position to resume after. It is bound to the scope (whose
 * list: an agency, the public) and to the view (the filters it was issued for), so it cannot be
 * replayed elsewhere, and the position must have the shape the listing writes. It is not signed:
 * a listing that uses it must not let a cursor widen what the caller may read (the partitions and
 * filters come from the request, the cursor only says where to resume).
 */
public final class PageCursor {
    public static final int MAX_LENGTH = 1024;
    private static final int VERSION = 1;

    private PageCursor() {
    }

    public static String encode(String scope, String view, String after) {
        ObjectNode node = Json.object();
        node.put("v", VERSION);
        node.put("scope", scope);
        node.put("view", view);
        node.put("after", after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param position the whole shape a valid position has
     * @return the position to resume after
     * @throws InputError 400 {@code invalid_cursor} (field {@code cursor}) when the cursor is damaged,
     *                    was issued for another scope or view, or holds a position of another shape
     */
    public static String decode(String cursor, String scope, String view, Pattern position) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        JsonNode node;
        try {
            node = Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw invalid();
        }
        if (node == null || !node.isObject() || node.path("v").asInt() != VERSION
                || !scope.equals(node.path("scope").asText(null))) {
            throw invalid();
        }
        if (!view.equals(node.path("view").asText(null))) {
            throw InputError.invalid("invalid_cursor", "cursor",
                    "Con trỏ trang thuộc về một danh sách khác (bộ lọc đã đổi); hãy bắt đầu lại từ trang đầu.",
                    "The cursor belongs to another listing (a filter changed); start again from the first page.");
        }
        String after = node.path("after").asText(null);
        if (after == null || !position.matcher(after).matches()) {
            throw invalid();
        }
        return after;
    }

    public static InputError invalid() {
        return InputError.invalid("invalid_cursor", "cursor",
                "Con trỏ trang không hợp lệ; hãy bắt đầu lại từ trang đầu.",
                "The cursor is not valid; start again from the first page.");
    }
}
