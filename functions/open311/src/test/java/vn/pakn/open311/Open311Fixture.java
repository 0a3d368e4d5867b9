package vn.pakn.open311;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintRepository;
import vn.pakn.domain.fakes.InMemoryUploads;
import vn.pakn.domain.intake.IntakeService;
import vn.pakn.domain.reference.Category;

/**
 * The API on in-memory ports, at a fixed moment, with one client's key. The reference data is the
 * domain's small province plus a category kept out of public lists.
 */
class Open311Fixture {
    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    static final String CLIENT = "test-client";
    static final String KEY = "s3cret-open311-key";
    static final Category SECURITY = new Category("security", new LocalizedText("An ninh, trật tự", "Security"),
            4, 2, false, false);

    final InMemoryUploads uploads = new InMemoryUploads();
    final InMemoryComplaintRepository complaints = new InMemoryComplaintRepository(uploads);
    final FixedReferenceData province = new FixedReferenceData();
    final WithHiddenCategory reference = new WithHiddenCategory(province);
    final InMemoryServiceRequestQuery query = new InMemoryServiceRequestQuery(complaints);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Open311Api api = new Open311Api(
            new IntakeService(reference, complaints, uploads, uploads, clock, Duration.ofMinutes(15)),
            reference, query, ApiKeys.parse(ApiKeys.entryFor(CLIENT, KEY) + "," + ApiKeys.entryFor("other", "other-key-9")),
            new Open311Api.Settings("2026-06-01 00:00", "Liên hệ / Contact", "Xin khóa / Ask for a key", "test"),
            clock);

    /** A complaint as it stands after some of its life: routed to {@code agencyId} unless RECEIVED. */
    static Complaint complaint(String id, String category, Status status, Instant receivedAt) {
        Complaint received = new Complaint(id, "TRAK-" + id.substring(id.length() - 4), Status.RECEIVED, 1, category,
                "24-kinh-bac", new GeoPoint(21.186143, 106.076338), "Ổ gà trước số 12", List.of(),
                new Reporter("Trần Thị Bí Mật", "0912000111", "bimat@example.vn"), false, Channel.WEB,
                receivedAt, receivedAt, "hash-of-secret");
        if (status == Status.RECEIVED) {
            return received;
        }
        Instant at = receivedAt.plus(Duration.ofHours(1));
        Handling h = Handling.assigned("ubnd-kinh-bac", at, at.plus(Duration.ofHours(24)),
                Instant.parse("2026-12-04T10:00:00Z"));
        h = switch (status) {
            case RESOLVED, CLOSED -> h.acknowledged(at).resolved(at, "Đã vá ổ gà");
            case REJECTED -> h.rejected(at, "duplicate-of", "01KAAAAAAAAAAAAAAAAAAAAAAA");
            default -> h;
        };
        return received.next(status, h, at);
    }

    static Map<String, String> validForm() {
        return new java.util.LinkedHashMap<>(Map.of(
                "api_key", KEY,
                "service_code", "noise",
                "lat", "21.186143",
                "long", "106.076338",
                "description", "Karaoke sau 23 giờ mỗi đêm",
                "first_name", "Văn A",
                "last_name", "Nguyễn",
                "phone", "0912345678",
                "email", "a@example.vn",
                "device_id", "device-42"));
    }

    /** The small province plus a category whose complaints stay out of public lists. */
    static final class WithHiddenCategory implements vn.pakn.domain.reference.ReferenceData {
        private final FixedReferenceData base;

        WithHiddenCategory(FixedReferenceData base) {
            this.base = base;
        }

        @Override
        public List<Category> categories() {
            return List.of(FixedReferenceData.ROADS, FixedReferenceData.NOISE, SECURITY);
        }

        @Override
        public vn.pakn.domain.reference.AreaTree areas() {
            return base.areas();
        }

        @Override
        public List<vn.pakn.domain.reference.Agency> agencies() {
            return base.agencies();
        }

        @Override
        public List<vn.pakn.domain.reference.RoutingRule> rules() {
            return base.rules();
        }

        @Override
        public java.util.Set<java.time.LocalDate> holidays() {
            return base.holidays();
        }

        @Override
        public java.util.Set<String> retiredAreas() {
            return base.retiredAreas();
        }
    }
}
