package vn.pakn.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.pakn.aws.http.PageCursor;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.intake.PublicComplaintView;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.sla.WorkingCalendar;

/**
 * The public feed without HTTP: pages of complaints newest first, and one complaint with its
 * history. Complaints of a category whose {@code publicFeed} is false do not exist here, checked
 * on every read against the reference data, so changing a category takes effect at once.
 *
 * <p>A page is read month partition by month partition, filtered in code, until it is full (and
 * one more match proves there is a next page) or a read budget is spent; then it ends early with
 * a position to resume from. So the cost of a request is bounded whatever the province's volume,
 * and a page may hold fewer items than asked, even none, while there is more to read.
 */
public final class PublicFeedService {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** Index items one request may read, matching or not. */
    static final int READ_BUDGET = 500;
    /** Queries one request may make: a year of empty months and then some. */
    static final int MAX_QUERIES = 14;
    /** Items read per query when filters make most of them miss. */
    static final int NARROW_BATCH = 100;

    private final FeedIndex index;
    private final ComplaintReader complaints;
    private final ReferenceData reference;
    private final Clock clock;
    private final YearMonth firstMonth;

    /** @param firstMonth the month of the province's first complaint: older partitions are never read */
    public PublicFeedService(FeedIndex index, ComplaintReader complaints, ReferenceData reference, Clock clock,
                             YearMonth firstMonth) {
        this.index = index;
        this.complaints = complaints;
        this.reference = reference;
        this.clock = clock;
        this.firstMonth = firstMonth;
    }

    /** @param next where the next page starts; null when this was the last */
    public record Page(List<PublicComplaintView> items, FeedPosition next) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * @param start a position from a previous page, or null for the newest
     * @throws InputError 400 for an unknown area or category, or one not in the feed; 400
     *                    {@code invalid_cursor} for a position outside the filter's months
     */
    public Page list(FeedFilter filter, FeedPosition start, int limit) {
        Criteria criteria = criteria(filter);
        YearMonth newest = FeedPosition.monthOf(clock.instant());
        if (filter.to() != null && YearMonth.from(filter.to()).isBefore(newest)) {
            newest = YearMonth.from(filter.to());
        }
        YearMonth oldest = filter.from() != null ? YearMonth.from(filter.from()) : firstMonth;
        if (start != null && (start.month().isAfter(newest) || start.month().isBefore(oldest))) {
            throw PageCursor.invalid();
        }
        Instant notBefore = startOf(filter.from());
        Instant until = filter.to() == null ? null : startOf(filter.to().plusDays(1));

        List<PublicComplaintView> items = new ArrayList<>();
        FeedPosition position = start == null ? FeedPosition.top(newest) : start;
        FeedPosition lastServed = null;
        int queries = 0;
        int read = 0;
        while (!position.month().isBefore(oldest)) {
            if (queries == MAX_QUERIES || read >= READ_BUDGET) {
                return new Page(items, position);
            }
            int wanted = limit + 1 - items.size();
            int batch = Math.min(READ_BUDGET - read, criteria.narrow ? Math.max(wanted, NARROW_BATCH) : wanted);
            FeedIndex.Slice slice = index.read(position.month(), position, notBefore, until, batch);
            queries++;
            read += slice.complaints().size();
            for (Complaint c : slice.complaints()) {
                if (criteria.matches(c)) {
                    if (items.size() == limit) {
                        // One match beyond the page: there is a next page, and it starts after the last served.
                        return new Page(items, lastServed);
                    }
                    items.add(view(c, List.of()));
                    lastServed = FeedPosition.after(c.receivedAt(), c.id());
                }
                position = FeedPosition.after(c.receivedAt(), c.id());
            }
            if (!slice.more()) {
                position = FeedPosition.top(position.month().minusMonths(1));
            }
        }
        return new Page(items, null);
    }

    /**
     * @throws InputError 404 {@code not_found} for an unknown id and for a complaint whose category
     *                    is kept out of the feed, with the same answer
     */
    public PublicComplaintView get(String complaintId) {
        ComplaintHistory history = complaints.findById(complaintId)
                .filter(h -> isPublic(h.complaint()))
                .orElseThrow(PublicFeedService::notFound);
        return view(history.complaint(), history.events());
    }

    static InputError notFound() {
        return InputError.notFound("not_found", "id",
                "Không có phản ánh công khai với mã này.", "No public complaint has this id.");
    }

    private boolean isPublic(Complaint c) {
        return reference.category(c.categoryCode()).map(Category::publicFeed).orElse(false);
    }

    private PublicComplaintView view(Complaint c, List<ComplaintEvent> events) {
        Category category = reference.category(c.categoryCode()).orElseThrow();
        Area area = c.areaCode() == null ? null : reference.areas().find(c.areaCode()).orElse(null);
        Agency agency = c.handling() == null ? null : reference.agency(c.handling().agencyId()).orElse(null);
        return PublicComplaintView.of(new ComplaintHistory(c, events), category, area, agency).forPublicFeed();
    }

    private Criteria criteria(FeedFilter filter) {
        Set<String> areas = null;
        if (filter.area() != null) {
            areas = reference.areas().subtree(filter.area());
            if (areas.isEmpty()) {
                throw InputError.invalid("unknown_area", "area",
                        "Không có địa bàn với mã này.", "No area has this code.");
            }
        }
        if (filter.category() != null) {
            Category category = reference.category(filter.category()).orElseThrow(() -> InputError.invalid(
                    "unknown_category", "category", "Không có lĩnh vực với mã này.", "No category has this code."));
            if (!category.publicFeed()) {
                throw InputError.invalid("not_public", "category",
                        "Phản ánh thuộc lĩnh vực này không được công khai.",
                        "Complaints of this category are not published.");
            }
        }
        return new Criteria(filter, areas, filter.narrows());
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(WorkingCalendar.VIETNAM).toInstant();
    }

    /** The filter resolved against the reference data; dates are the index's key conditions. */
    private final class Criteria {
        final FeedFilter filter;
        final Set<String> areas;
        final boolean narrow;

        Criteria(FeedFilter filter, Set<String> areas, boolean narrow) {
            this.filter = filter;
            this.areas = areas;
            this.narrow = narrow;
        }

        boolean matches(Complaint c) {
            return isPublic(c)
                    && (filter.category() == null || filter.category().equals(c.categoryCode()))
                    && (filter.statuses() == null || filter.statuses().contains(c.status()))
                    && (areas == null || (c.areaCode() != null && areas.contains(c.areaCode())));
        }
    }
}
