package vn.pakn.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.intake.SubmitReceipt;
import vn.pakn.domain.intake.SubmitRequest;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * POST Service Request: an Open311 form turned into a normal pakn submission through the one
 * intake ({@link IntakeService}), so it is stored, routed, counted and shown like any other,
 * with channel {@code open311}.
 */
final class Submission {
    static final String API_KEY = "api_key";
    private static final Set<String> PARAMETERS = Set.of(API_KEY, "jurisdiction_id", "service_code", "lat", "long",
            "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
            "description", "media_url");
    /** {@code attribute[code]} or {@code attribute[code][]} (the latter for multivaluelists). */
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]+)\\](\\[\\])?");
    private static final Pattern CLIENT_KEY = Pattern.compile("[A-Za-z0-9_.:\\-]{8,64}");
    private static final int MAX_ID_TEXT = 200;

    /** What the client is told; the secret lets the citizen answer and rate later through pakn. */
    record Accepted(SubmitReceipt receipt, Category category) {
    }

    private final IntakeService intake;
    private final ReferenceData reference;
    private final ApiKeys keys;

    Submission(IntakeService intake, ReferenceData reference, ApiKeys keys) {
        this.intake = intake;
        this.reference = reference;
        this.keys = keys;
    }

    Accepted submit(FormBody form, String idempotencyKey) {
        String client = keys.clientFor(form.single(API_KEY)).orElseThrow(() -> InputError.forbidden("api_key_invalid",
                "Thiếu api_key hoặc api_key không hợp lệ.", "The api_key is missing or invalid."));
        Map<String, List<String>> attributes = attributes(form);

        String serviceCode = form.single("service_code");
        if (serviceCode == null) {
            throw InputError.required("service_code");
        }
        Category category = reference.category(serviceCode).orElseThrow(() -> InputError.notFound("unknown_service",
                "service_code", "Không có dịch vụ (lĩnh vực) với mã này.", "No service has this service_code."));

        Double lat = coordinate(form, "lat", 90);
        Double lon = coordinate(form, "long", 180);
        if ((lat == null) != (lon == null)) {
            throw InputError.invalid("required", lat == null ? "lat" : "long",
                    "lat và long phải được gửi cùng nhau.", "lat and long must be sent together.");
        }
        String address = form.single("address_string");
        String area = single(attributes, Services.AREA_ATTRIBUTE);
        if (area == null && address != null) {
            area = AddressAreas.find(address, reference.areas()).orElse(null);
        }
        if (lat == null && area == null) {
            if (address != null) {
                throw InputError.invalid("address_not_located", "address_string",
                        "Không xác định được phường, xã trong địa chỉ này. Hãy gửi thêm lat/long hoặc attribute[area].",
                        "No ward or commune could be found in this address. Add lat/long or attribute[area].");
            }
            if (form.single("address_id") != null) {
                throw InputError.invalid("address_id_unsupported", "address_id",
                        "Hệ thống không dùng address_id. Hãy gửi lat/long, address_string hoặc attribute[area].",
                        "address_id is not supported. Send lat/long, address_string or attribute[area].");
            }
            throw InputError.invalid("location_required", "lat",
                    "Cần vị trí: lat và long, hoặc address_string, hoặc attribute[area].",
                    "A location is needed: lat and long, or address_string, or attribute[area].");
        }

        String mediaUrl = form.single("media_url");
        SubmitRequest request = new SubmitRequest(category.code(), form.single("description"), lat, lon, lat != null,
                area, List.of(), name(form), form.single("phone"), form.single("email"),
                // GeoReport cannot ask whether the reporter may be named publicly: assume not.
                Boolean.TRUE, Channel.OPEN311.wireName(), mediaUrl == null ? List.of() : List.of(mediaUrl),
                privateNote(client, form));
        String canonical = form.canonical(API_KEY);
        SubmitReceipt receipt = intake.submit(request, key(client, idempotencyKey, canonical), sha256(canonical));
        return new Accepted(receipt, category);
    }

    /**
     * Without an Idempotency-Key, the same client sending the same form again is a retry: the key
     * is derived from both. The client's name is part of every key, so one client can never be
     * handed another's receipt.
     */
    private static String key(String client, String idempotencyKey, String canonical) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return "open311:" + client + ":" + sha256(canonical).substring(0, 48);
        }
        if (!CLIENT_KEY.matcher(idempotencyKey).matches()) {
            throw InputError.invalid("invalid_format", IntakeService.IDEMPOTENCY_HEADER,
                    "Idempotency-Key phải dài 8-64 ký tự gồm chữ, số và - _ . :",
                    "Idempotency-Key must be 8-64 letters, digits or - _ . :");
        }
        return "open311:" + client + ":k:" + idempotencyKey;
    }

    /** Only the attributes the service definitions declare; anything else is a client's mistake. */
    private static Map<String, List<String>> attributes(FormBody form) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String name : form.names()) {
            Matcher m = ATTRIBUTE.matcher(name);
            if (m.matches()) {
                String code = m.group(1);
                if (!code.equals(Services.AREA_ATTRIBUTE)) {
                    throw InputError.invalid("unknown_attribute", name,
                            "Dịch vụ không có thuộc tính này.", "No service defines this attribute.");
                }
                if (m.group(2) != null) {
                    throw InputError.invalid("single_value", name,
                            "Thuộc tính này chỉ nhận một giá trị: attribute[" + code + "]=...",
                            "This attribute takes one value: attribute[" + code + "]=...");
                }
                attributes.computeIfAbsent(code, c -> new ArrayList<>()).addAll(form.all(name));
            } else if (!PARAMETERS.contains(name)) {
                throw InputError.invalid("unknown_parameter", name,
                        "Tham số này không có trong GeoReport v2.", "GeoReport v2 has no such parameter.");
            }
        }
        return attributes;
    }

    private static String single(Map<String, List<String>> attributes, String code) {
        List<String> values = attributes.getOrDefault(code, List.of());
        if (values.size() > 1) {
            throw InputError.invalid("repeated", "attribute[" + code + "]",
                    "Tham số này chỉ được gửi một lần.", "This parameter may be given only once.");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static Double coordinate(FormBody form, String name, double bound) {
        String value = form.single(name);
        if (value == null) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw InputError.invalid("invalid_type", name, "Phải là một số (WGS84).", "Must be a number (WGS84).");
        }
        if (!Double.isFinite(d) || d < -bound || d > bound) {
            throw InputError.invalid("out_of_range", name,
                    "Tọa độ không hợp lệ: vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180.",
                    "Impossible coordinates: latitude must be -90..90 and longitude -180..180.");
        }
        return d;
    }

    /** Vietnamese order: family name (last_name) first. */
    private static String name(FormBody form) {
        String first = form.single("first_name");
        String last = form.single("last_name");
        if (first == null || last == null) {
            return first == null ? last : first;
        }
        return last + " " + first;
    }

    /** What the agency should know and the public must not: the client, the address as typed, the ids. */
    private static String privateNote(String client, FormBody form) {
        List<String> lines = new ArrayList<>();
        lines.add("Open311: " + client);
        for (String name : List.of("address_string", "address_id", "device_id", "account_id")) {
            String value = form.single(name);
            if (value != null) {
                if (!name.equals("address_string") && value.length() > MAX_ID_TEXT) {
                    throw InputError.tooLong(name, MAX_ID_TEXT);
                }
                lines.add(name + ": " + value);
            }
        }
        return String.join("\n", lines);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
