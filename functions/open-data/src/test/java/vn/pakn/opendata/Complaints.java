package vn.pakn.opendata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.AreaTree;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.reference.RoutingRule;

/** Complaints as tests need them, with a reporter whose data must never appear, and a small province with a private category. */
final class Complaints {
    static final Reporter REPORTER = new Reporter("Nguyễn Văn Bình", "0912345678", "binh.nguyen@example.vn");
    static final Category SECURITY = new Category("public-security",
            new LocalizedText("An ninh, trật tự công cộng", "Public security and order"), 4, 5, false, false);

    /** FixedReferenceData plus a category kept out of the public feed. */
    static final class Reference implements ReferenceData {
        private final FixedReferenceData base = new FixedReferenceData();

        @Override
        public List<Category> categories() {
            List<Category> all = new ArrayList<>(base.categories());
            all.add(SECURITY);
            return all;
        }

        @Override
        public AreaTree areas() {
            return base.areas();
        }

        @Override
        public List<Agency> agencies() {
            return base.agencies();
        }

        @Override
        public List<RoutingRule> rules() {
            return base.rules();
        }

        @Override
        public Set<LocalDate> holidays() {
            return base.holidays();
        }
    }

    /** A source over a fixed list. */
    static ComplaintSource source(List<Complaint> complaints) {
        return (Consumer<Complaint> sink) -> complaints.forEach(sink);
    }

    static Complaint received(String id, String category, String description, GeoPoint location, Instant at) {
        return new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, "24-kinh-bac", location,
                description, List.of(), REPORTER, true, Channel.MOBILE, at, at, CitizenSecret.hash(CitizenSecret.generate()));
    }

    static Complaint with(Complaint c, Status status, Handling handling) {
        return new Complaint(c.id(), c.trackingCode(), status, c.version() + 1, c.categoryCode(), c.areaCode(),
                c.location(), c.description(), c.photos(), c.reporter(), c.hideIdentity(), c.channel(), c.receivedAt(),
                c.receivedAt(), c.secretHash(), handling);
    }

    private Complaints() {
    }
}
