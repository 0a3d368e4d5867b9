package vn.pakn.open311;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.pakn.aws.http.JsonRequest;
import vn.pakn.domain.error.InputError;

/**
 * An {@code application/x-www-form-urlencoded} body (what GeoReport v2 clients POST), decoded as
 * UTF-8, each name with its values in order. An empty value counts as absent, as the spec's rule
 * for optional arguments requires.
 */
public final class FormBody {
    private final Map<String, List<String>> values;

    private FormBody(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormBody of(APIGatewayV2HTTPEvent event) {
        String contentType = JsonRequest.header(event, "content-type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw InputError.invalid("unsupported_media_type", "Content-Type",
                    "Yêu cầu phải gửi dạng application/x-www-form-urlencoded.",
                    "Send the request as application/x-www-form-urlencoded.");
        }
        String body = JsonRequest.rawBody(event);
        if (body.getBytes(StandardCharsets.UTF_8).length > JsonRequest.MAX_BODY_BYTES) {
            throw InputError.invalid("body_too_large", null,
                    "Nội dung gửi lên quá lớn (tối đa 64 KiB).", "The request body is too large (at most 64 KiB).");
        }
        return parse(body);
    }

    static FormBody parse(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new FormBody(values);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InputError.invalid("malformed_form", null,
                    "Nội dung gửi lên không đúng dạng form.", "The request body is not a valid form encoding.");
        }
    }

    public Iterable<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The one value of {@code name}, trimmed; null when absent or empty; 400 when given twice. */
    public String single(String name) {
        List<String> all = values.get(name);
        if (all == null) {
            return null;
        }
        List<String> present = all.stream().filter(v -> !v.isBlank()).toList();
        if (present.size() > 1) {
            throw InputError.invalid("repeated", name,
                    "Tham số này chỉ được gửi một lần.", "This parameter may be given only once.");
        }
        return present.isEmpty() ? null : present.get(0).strip();
    }

    /** Every non-empty value of {@code name}. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).map(String::strip).toList();
    }

    /** The body without {@code excluded}, names sorted: what identifies a request across retries. */
    public String canonical(String excluded) {
        StringBuilder out = new StringBuilder();
        values.keySet().stream().filter(n -> !n.equals(excluded)).sorted().forEach(n -> {
            for (String v : values.get(n)) {
                out.append(n).append('=').append(v).append('\n');
            }
        });
        return out.toString();
    }
}
