package vn.pakn.open311;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.fakes.InMemoryComplaintRepository;

/** The query over what the in-memory intake stored, plus complaints a test puts in any state. */
final class InMemoryServiceRequestQuery implements ServiceRequestQuery {
    final Map<String, Complaint> extra = new LinkedHashMap<>();
    private final InMemoryComplaintRepository repository;
    int lastLimit;
    RuntimeException failure;

    InMemoryServiceRequestQuery(InMemoryComplaintRepository repository) {
        this.repository = repository;
    }

    void put(Complaint c) {
        extra.put(c.id(), c);
    }

    private List<Complaint> all() {
        if (failure != null) {
            throw failure;
        }
        Map<String, Complaint> all = new LinkedHashMap<>();
        repository.byId.values().forEach(h -> all.put(h.complaint().id(), h.complaint()));
        all.putAll(extra);
        return new ArrayList<>(all.values());
    }

    @Override
    public List<Complaint> received(Instant from, Instant to, Filter filter, int limit) {
        lastLimit = limit;
        return all().stream()
                .filter(c -> !c.receivedAt().isBefore(from) && !c.receivedAt().isAfter(to))
                .filter(filter::accepts)
                .sorted(Comparator.comparing(Complaint::receivedAt).reversed())
                .limit(limit).toList();
    }

    @Override
    public List<Complaint> byIds(List<String> ids) {
        Map<String, Complaint> byId = new LinkedHashMap<>();
        all().forEach(c -> byId.put(c.id(), c));
        return ids.stream().distinct().map(byId::get).filter(c -> c != null).toList();
    }

    @Override
    public Optional<String> idForTrackingCode(String trackingCode) {
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(repository.idByTrackingCode.get(trackingCode))
                .or(() -> extra.values().stream().filter(c -> c.trackingCode().equals(trackingCode))
                        .map(Complaint::id).findFirst());
    }
}
