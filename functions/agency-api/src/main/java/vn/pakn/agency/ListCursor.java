package vn.pakn.agency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.error.InputError;

/**
 * The opaque {@code cursor} of the inbox listing: base64url of {@code {"v", "agency", "view",
 * "after"}}, where {@code after} is the sort key of the last entry served (resolve deadline and
 * id, unique in every shelf). It is bound to the agency and to the listing (statuses or overdue)
 * it came from, so it cannot be replayed elsewhere; it is not signed because it cannot widen
 * access: the index partition always comes from the caller's token, the cursor only says where
 * in it to resume.
 */
final class ListCursor {
    static final int MAX_LENGTH = 1024;
    private static final int VERSION = 1;
    /** What {@code ComplaintItems.indexKeys} writes: an ISO instant (or nothing), '#', a ULID. */
    private static final Pattern SORT_KEY = Pattern.compile("[0-9TZ:.+-]{0,40}#[0-9A-HJKMNP-TV-Z]{26}");

    private ListCursor() {
    }

    static String encode(String agencyId, String view, String after) {
        ObjectNode node = Json.object();
        node.put("v", VERSION);
        node.put("agency", agencyId);
        node.put("view", view);
        node.put("after", after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the sort key to resume after
     * @throws InputError 400 {@code invalid_cursor} when the cursor is damaged, or was issued to
     *                    another agency or for another listing
     */
    static String decode(String cursor, String agencyId, String view) {
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
                || !agencyId.equals(node.path("agency").asText(null))) {
            throw invalid();
        }
        if (!view.equals(node.path("view").asText(null))) {
            throw InputError.invalid("invalid_cursor", "cursor",
                    "Con trỏ trang thuộc về một danh sách khác (trạng thái hoặc quá hạn đã đổi).",
                    "The cursor belongs to another listing (the status or overdue filter changed).");
        }
        String after = node.path("after").asText(null);
        if (after == null || !SORT_KEY.matcher(after).matches()) {
            throw invalid();
        }
        return after;
    }

    private static InputError invalid() {
        return InputError.invalid("invalid_cursor", "cursor",
                "Con trỏ trang không hợp lệ; hãy bắt đầu lại từ trang đầu.",
                "The cursor is not valid; start again from the first page.");
    }
}
