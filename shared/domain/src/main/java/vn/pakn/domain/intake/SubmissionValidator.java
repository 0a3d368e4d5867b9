package vn.pakn.domain.intake;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/** The rules a submission must meet before any I/O; the first broken rule is reported. */
public final class SubmissionValidator {
    public static final int MAX_DESCRIPTION = 4000;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    /** Browsers and proxies cope with URLs up to about this length; anything longer is not a link to a photo. */
    static final int MAX_MEDIA_LINK = 2048;
    static final int MAX_PRIVATE_NOTE = 4000;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .\\-]{6,22}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ReferenceData reference;

    public SubmissionValidator(ReferenceData reference) {
        this.reference = reference;
    }

    /** A submission that passed every rule that needs no I/O. */
    public record Valid(Category category, String description, GeoPoint location, String areaCode,
                        List<String> uploadIds, Reporter reporter, boolean hideIdentity, Channel channel,
                        List<String> mediaLinks, String privateNote) {
    }

    public Valid validate(SubmitRequest r) {
        if (r.category() == null) {
            throw InputError.required("category");
        }
        Category category = reference.category(r.category()).orElseThrow(() -> InputError.invalid(
                "unknown_category", "category",
                "Lĩnh vực không tồn tại. Hãy chọn một lĩnh vực trong danh sách.",
                "Unknown category. Choose one from the list."));

        String description = r.description() == null ? null : r.description().strip();
        if (description == null || description.isEmpty()) {
            throw InputError.required("description");
        }
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw InputError.tooLong("description", MAX_DESCRIPTION);
        }

        GeoPoint location = null;
        if (r.locationGiven()) {
            if (r.lat() == null) {
                throw InputError.required("location.lat");
            }
            if (r.lon() == null) {
                throw InputError.required("location.lon");
            }
            if (!GeoPoint.isValid(r.lat(), r.lon())) {
                throw InputError.invalid("out_of_range", r.lat() < -90 || r.lat() > 90 || !Double.isFinite(r.lat())
                                ? "location.lat" : "location.lon",
                        "Tọa độ không hợp lệ: vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180.",
                        "Impossible coordinates: latitude must be -90..90 and longitude -180..180.");
            }
            location = new GeoPoint(r.lat(), r.lon());
        }
        if (r.areaCode() != null && !reference.areas().contains(r.areaCode())) {
            throw InputError.invalid("unknown_area", "areaCode",
                    "Địa bàn không tồn tại. Hãy chọn một địa bàn trong danh sách.",
                    "Unknown area. Choose one from the list.");
        }
        if (location == null && r.areaCode() == null) {
            throw InputError.invalid("location_required", "location",
                    "Hãy cho biết vị trí trên bản đồ hoặc chọn địa bàn.",
                    "Give a position on the map or choose an area.");
        }

        List<String> photos = r.photos() == null ? List.of() : r.photos();
        if (photos.size() > UploadPolicy.MAX_PHOTOS_PER_COMPLAINT) {
            throw InputError.invalid("too_many", "photos",
                    "Tối đa " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " ảnh cho một phản ánh.",
                    "At most " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " photos per complaint.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < photos.size(); i++) {
            String id = photos.get(i);
            if (id == null || id.isBlank()) {
                throw InputError.required("photos[" + i + "]");
            }
            if (!seen.add(id)) {
                throw InputError.invalid("duplicate", "photos[" + i + "]",
                        "Ảnh này đã có trong danh sách.", "This photo is already in the list.");
            }
        }
        List<String> mediaLinks = mediaLinks(r.mediaLinks(), photos.size());
        if (category.photoRequired() && photos.isEmpty() && mediaLinks.isEmpty()) {
            throw InputError.invalid("photo_required", "photos",
                    "Lĩnh vực này cần ít nhất một ảnh.", "This category needs at least one photo.");
        }

        Reporter reporter = reporter(r);
        Channel channel = Channel.WEB;
        if (r.channel() != null) {
            channel = Channel.fromWire(r.channel().toLowerCase(Locale.ROOT)).orElseThrow(() -> InputError.invalid(
                    "unknown_channel", "channel",
                    "Kênh tiếp nhận không hợp lệ.", "Unknown channel."));
        }
        String privateNote = blankToNull(r.privateNote());
        if (privateNote != null && privateNote.length() > MAX_PRIVATE_NOTE) {
            throw InputError.tooLong("privateNote", MAX_PRIVATE_NOTE);
        }
        return new Valid(category, description, location, r.areaCode(), List.copyOf(photos), reporter,
                Boolean.TRUE.equals(r.hideIdentity()), channel, mediaLinks, privateNote);
    }

    /** Absolute http(s) links only: anything else cannot be opened by the agency, or is not a link at all. */
    private static List<String> mediaLinks(List<String> links, int photos) {
        if (links == null || links.isEmpty()) {
            return List.of();
        }
        if (photos + links.size() > UploadPolicy.MAX_PHOTOS_PER_COMPLAINT) {
            throw InputError.invalid("too_many", "mediaLinks",
                    "Tối đa " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " ảnh cho một phản ánh.",
                    "At most " + UploadPolicy.MAX_PHOTOS_PER_COMPLAINT + " photos per complaint.");
        }
        for (int i = 0; i < links.size(); i++) {
            String link = links.get(i);
            String field = "mediaLinks[" + i + "]";
            if (link == null || link.isBlank()) {
                throw InputError.required(field);
            }
            if (link.length() > MAX_MEDIA_LINK) {
                throw InputError.tooLong(field, MAX_MEDIA_LINK);
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(link);
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw InputError.invalid("invalid_format", field,
                        "Đường dẫn ảnh phải là một địa chỉ http(s) đầy đủ.",
                        "A media link must be a complete http(s) URL.");
            }
        }
        return List.copyOf(links);
    }

    private static Reporter reporter(SubmitRequest r) {
        String name = blankToNull(r.reporterName());
        String phone = blankToNull(r.reporterPhone());
        String email = blankToNull(r.reporterEmail());
        if (name != null && name.length() > MAX_NAME) {
            throw InputError.tooLong("reporter.name", MAX_NAME);
        }
        if (phone != null && (!PHONE.matcher(phone).matches() || digits(phone) < 8 || digits(phone) > 15)) {
            throw InputError.invalid("invalid_format", "reporter.phone",
                    "Số điện thoại không hợp lệ.", "Not a valid phone number.");
        }
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            throw InputError.invalid("invalid_format", "reporter.email",
                    "Địa chỉ email không hợp lệ.", "Not a valid e-mail address.");
        }
        return new Reporter(name, phone, email);
    }

    private static long digits(String s) {
        return s.chars().filter(Character::isDigit).count();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
