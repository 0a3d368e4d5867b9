package vn.pakn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vn.pakn.aws.dynamo.ProvinceFile;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.ReferenceAdminStore;
import vn.pakn.domain.reference.ReferenceAdminStore.AreaEntry;
import vn.pakn.domain.reference.ReferenceAdminStore.Snapshot;

/**
 * A whole province file through the admin API: checked whole by {@link ProvinceFile} (and against
 * the areas merged since, which a file must not bring back), then written by
 * {@link ReferenceImporter} with each enabled agency's queues made first. An area the file puts
 * under another parent is a boundary change like any other: its open complaints are re-routed.
 */
final class ProvinceImport {
    /** SQS calls wait on the network, not the CPU; a province has a few dozen agencies. */
    private static final int QUEUE_THREADS = 8;

    private final ReferenceAdminStore store;
    private final ReferenceImporter importer;
    private final AgencyQueues queues;
    private final AgencyProvisioning provisioning;
    private final BoundaryRerouting rerouting;

    ProvinceImport(ReferenceAdminStore store, ReferenceImporter importer, AgencyQueues queues,
                   AgencyProvisioning provisioning, BoundaryRerouting rerouting) {
        this.store = store;
        this.importer = importer;
        this.queues = queues;
        this.provisioning = provisioning;
        this.rerouting = rerouting;
    }

    /**
     * @param queueUrls the queue of each enabled agency of the file
     * @param moved     areas of the file that already existed under another parent
     * @param rerouting null when no area moved
     */
    record Result(ProvinceFile file, Map<String, String> queueUrls, List<String> moved,
                  BoundaryRerouting.Summary rerouting) {
    }

    /** @throws ProvinceFile.InvalidProvinceFileException listing every problem, before anything is written */
    Result run(JsonNode root) {
        ProvinceFile file = ProvinceFile.parse(root);
        Snapshot before = store.load();
        List<String> revived = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (Area area : file.areas()) {
            AreaEntry existing = before.area(area.code()).orElse(null);
            if (existing == null) {
                continue;
            }
            if (existing.merged()) {
                revived.add(area.code() + " -> " + existing.mergedInto());
            } else if (!Objects.equals(existing.area().parentCode(), area.parentCode())) {
                moved.add(area.code());
            }
        }
        if (!revived.isEmpty()) {
            throw new InputError(InputError.Kind.CONFLICT, "area_merged", "areas", new LocalizedText(
                    "Tệp có địa bàn đã được sáp nhập: " + String.join(", ", revived) + ". Hãy bỏ chúng khỏi tệp.",
                    "The file lists areas merged since: " + String.join(", ", revived) + ". Remove them from the file."));
        }
        ensureQueues(file.agencies().stream().filter(Agency::enabled).map(Agency::id).toList());
        Map<String, String> urls = new TreeMap<>();
        try {
            importer.importProvince(new ByteArrayInputStream(Json.write(root).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    agency -> provisioning.save(agency).ifPresent(q -> urls.put(agency.id(), q.queueUrl())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Log.info("admin.import.done", "province", file.province(), "areas", file.areas().size(),
                "agencies", file.agencies().size(), "rules", file.rules().size(), "holidays", file.holidays().size(),
                "moved", moved.size());
        BoundaryRerouting.Summary summary = null;
        if (!moved.isEmpty()) {
            Snapshot after = store.load();
            Set<String> affected = new HashSet<>();
            moved.forEach(code -> affected.addAll(after.subtree(code)));
            summary = rerouting.reroute(new BoundaryRerouting.Change("province file moved area"
                    + (moved.size() == 1 ? " " : "s ") + String.join(", ", moved), affected, Set.of()), after);
        }
        return new Result(file, urls, moved, summary);
    }

    /** Side by side: the import then finds each queue in place and records it with one look-up. */
    private void ensureQueues(List<String> agencyIds) {
        if (agencyIds.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(QUEUE_THREADS, agencyIds.size()));
        try {
            List<Callable<AgencyQueues.AgencyQueue>> jobs = agencyIds.stream()
                    .<Callable<AgencyQueues.AgencyQueue>>map(id -> () -> queues.ensure(id)).toList();
            for (Future<AgencyQueues.AgencyQueue> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating agency queues", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
