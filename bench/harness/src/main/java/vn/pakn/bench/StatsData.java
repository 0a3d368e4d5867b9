package vn.pakn.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.stats.StatsKeys;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.lifecycle.Action;
import vn.pakn.domain.stats.AggregateKey;
import vn.pakn.domain.stats.ComplaintFacts;
import vn.pakn.domain.stats.StatsContribution;

/**
 * The statistics table as the aggregator would have left it after N complaints over the past
 * year, made in seconds instead of hours: each synthetic complaint's events (received, routed,
 * mostly acknowledged and resolved, half of those confirmed with a rating) go through the
 * product's own {@link StatsContribution}, the sums are written as the aggregate items, and the
 * gauges' snapshot of yesterday is written as the daily snapshot job writes it. Applied-markers are
 * left out: no reader looks at them.
 */
final class StatsData {

    /** Where the synthetic complaints fall: categories, communes with their parents, agencies. */
    record Province(List<String> categories, List<List<String>> areaPaths, List<String> agencies) {
    }

    private StatsData() {
    }

    static Map<AggregateKey, Map<String, Long>> aggregates(int complaints, LocalDate today, Province province, long seed) {
        Random random = new Random(seed);
        Map<AggregateKey, Map<String, Long>> sums = new HashMap<>();
        Channel[] channels = Channel.values();
        for (int i = 0; i < complaints; i++) {
            String id = "BENCH" + seed + "-" + i;
            LocalDate day = today.minusDays(1 + random.nextInt(365));
            Instant received = day.atTime(LocalTime.of(7 + random.nextInt(14), random.nextInt(60)))
                    .atZone(StatsContribution.ZONE).toInstant();
            String agency = province.agencies().get(random.nextInt(province.agencies().size()));
            Instant due = received.plus(Duration.ofDays(10));
            boolean resolved = random.nextInt(10) < 7;
            Integer rating = resolved && random.nextBoolean() ? 1 + random.nextInt(5) : null;
            ComplaintFacts facts = new ComplaintFacts(
                    province.categories().get(random.nextInt(province.categories().size())),
                    province.areaPaths().get(random.nextInt(province.areaPaths().size())),
                    channels[random.nextInt(channels.length)].wireName(), rating);
            Actor citizen = Actor.citizen(Channel.OTHER);
            Actor officer = Actor.system("bench");
            List<ComplaintEvent> events = new ArrayList<>();
            events.add(new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED, citizen, received, null));
            Instant routed = received.plusSeconds(5);
            events.add(new ComplaintEvent(id, 2, Action.ROUTE.eventType(), Status.RECEIVED, Status.ASSIGNED, officer,
                    routed, null, null, agency, due));
            if (random.nextInt(10) < 9) {
                Instant ack = routed.plus(Duration.ofHours(1 + random.nextInt(30)));
                events.add(new ComplaintEvent(id, 3, Action.ACKNOWLEDGE.eventType(), Status.ASSIGNED,
                        Status.ACKNOWLEDGED, officer, ack, null, null, agency, due));
                if (resolved) {
                    Instant done = ack.plus(Duration.ofHours(2 + random.nextInt(24 * 14)));
                    events.add(new ComplaintEvent(id, 4, Action.RESOLVE.eventType(), Status.ACKNOWLEDGED,
                            Status.RESOLVED, officer, done, "Đã xử lý", null, agency, due));
                    if (rating != null) {
                        events.add(new ComplaintEvent(id, 5, Action.CONFIRM.eventType(), Status.RESOLVED,
                                Status.CLOSED, citizen, done.plus(Duration.ofHours(3)), null, null, agency, due));
                    }
                }
            }
            for (int e = 0; e < events.size(); e++) {
                if (events.get(e).at().atZone(StatsContribution.ZONE).toLocalDate().isBefore(today)) {
                    StatsContribution.of(events.get(e), events.subList(0, e), facts).counters()
                            .forEach((key, counters) -> counters.forEach((name, value) ->
                                    sums.computeIfAbsent(key, k -> new HashMap<>()).merge(name, value, Long::sum)));
                }
            }
        }
        return sums;
    }

    /** Aggregates, then yesterday's snapshot of the gauges and the marker that it is complete; returns items written. */
    static int write(DynamoDbClient dynamo, String table, Map<AggregateKey, Map<String, Long>> aggregates, LocalDate today) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, long[]> gauges = new HashMap<>();
        aggregates.forEach((key, counters) -> {
            Map<String, AttributeValue> item = StatsKeys.key(key.pk(), key.sk());
            item.put(StatsKeys.PERIOD, Attr.s(key.period()));
            counters.forEach((name, value) -> item.put(name, Attr.n(value)));
            items.add(item);
            if (key.period().startsWith("DAY#")) {
                long[] g = gauges.computeIfAbsent(key.pk(), k -> new long[2]);
                g[0] += counters.getOrDefault(StatsContribution.OPEN_DELTA, 0L);
                g[1] += counters.getOrDefault(StatsContribution.OPEN_OVERDUE_DELTA, 0L);
            }
        });
        String snapshot = StatsKeys.snapshot(today.minusDays(1));
        gauges.forEach((pk, g) -> {
            if (g[0] != 0 || g[1] != 0) {
                Map<String, AttributeValue> item = StatsKeys.key(pk, snapshot);
                item.put(StatsKeys.PERIOD, Attr.s(snapshot));
                item.put(StatsKeys.OPEN, Attr.n(g[0]));
                item.put(StatsKeys.OPEN_OVERDUE, Attr.n(g[1]));
                items.add(item);
            }
        });
        Map<String, AttributeValue> meta = StatsKeys.key(StatsKeys.META_PK, StatsKeys.SNAPSHOTS_SK);
        meta.put(StatsKeys.LAST_DAY, Attr.s(today.minusDays(1).toString()));
        items.add(meta);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int i = 0; i < items.size(); i += 25) {
                List<WriteRequest> batch = items.subList(i, Math.min(items.size(), i + 25)).stream()
                        .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
                batches.add(pool.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                }));
            }
            for (Future<?> f : batches) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write the statistics data set", e);
        } finally {
            pool.shutdownNow();
        }
        return items.size();
    }
}
