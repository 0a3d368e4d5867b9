package vn.pakn.aws.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.reference.ReferenceData;
import vn.pakn.domain.stats.AggregateKey;
import vn.pakn.domain.stats.ComplaintFacts;
import vn.pakn.domain.stats.Contribution;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures.Gauges;

/**
 * Recomputes every aggregate and daily snapshot from the event log and reports where the
 * statistics table differs (docs/statistics.md, "Reconciliation"). {@link StatsContribution} is
 * pure, so replaying each complaint's events through it gives exactly what the aggregator should
 * have added; a record the stream dropped, a counter changed by hand or a snapshot written from
 * stale aggregates all show up as drift.
 *
 * <p>Memory is bounded by the aggregates (groupings x days), not by complaints: the complaints
 * table is scanned once and each complaint's events are replayed as soon as its state item (which
 * sorts after them) arrives, then dropped.
 *
 * <p>The table keeps changing while this runs. Two things keep that from being mistaken for drift,
 * or worse, "repaired": an event written in the last {@link #IN_FLIGHT_HORIZON} whose applied
 * markers are missing is on its way (the stream will still deliver it), so what it will add is
 * reported apart and never repaired; and {@link #repair} changes only values that drift
 * identically (same expected and same table value) in two runs, which an event arriving in
 * between cannot produce.
 */
public class Reconciliation {
    /**
     * Longer than the aggregator's event source retries a record (MaximumRecordAgeInSeconds 3600 in
     * template.yaml), with room for clock skew: an event older than this that is not applied never
     * will be.
     */
    public static final Duration IN_FLIGHT_HORIZON = Duration.ofHours(2);
    /** Lines of the human-readable report per list; the result object always has every drift. */
    public static final int REPORT_LINES = 200;

    private static final String SNAPSHOT_PREFIX = "SNAP#";

    private final DynamoDbClient dynamo;
    private final String complaintsTable;
    private final String statsTable;
    private final ReferenceData reference;
    private final Clock clock;
    private final int updatesPerPart;
    private final DynamoStatsReader reader;
    private Consumer<String> progress = line -> { };

    public Reconciliation(DynamoDbClient dynamo, String complaintsTable, String statsTable, ReferenceData reference,
                          Clock clock) {
        this(dynamo, complaintsTable, statsTable, reference, clock, DynamoStatsTable.UPDATES_PER_PART);
    }

    /** @param updatesPerPart the part size the aggregator's {@link DynamoStatsTable} writes with */
    public Reconciliation(DynamoDbClient dynamo, String complaintsTable, String statsTable, ReferenceData reference,
                          Clock clock, int updatesPerPart) {
        this.dynamo = dynamo;
        this.complaintsTable = complaintsTable;
        this.statsTable = statsTable;
        this.reference = reference;
        this.clock = clock;
        this.updatesPerPart = updatesPerPart;
        this.reader = new DynamoStatsReader(dynamo, statsTable);
    }

    /** Where progress lines go (a command prints them; by default nowhere). */
    public Reconciliation progress(Consumer<String> lines) {
        this.progress = lines;
        return this;
    }

    /** Reads both tables and compares; writes nothing. */
    public Result check() {
        Instant started = clock.instant();
        Sums expected = new Sums();
        Sums onTheirWay = new Sums();
        Tally tally = new Tally();
        progress.accept("Replaying the event log of " + complaintsTable + " ...");
        readEventLog(started.minus(IN_FLIGHT_HORIZON), expected, onTheirWay, tally);
        progress.accept("Replayed " + tally.events + " event(s) of " + tally.complaints + " complaint(s); comparing "
                + statsTable + " ...");
        List<Drift> drifts = new ArrayList<>();
        LocalDate lastDay = reader.lastSnapshotDay();
        long snapshots = lastDay == null ? 0 : checkSnapshots(expected, lastDay, drifts);
        long aggregates = checkAggregates(expected, onTheirWay, drifts);
        drifts.sort(Drift.ORDER);
        return new Result(complaintsTable, statsTable, tally.complaints, tally.events, tally.reread, aggregates,
                snapshots, lastDay, drifts);
    }

    /**
     * Checks again and repairs what drifts now exactly as it did in {@code earlier} (same expected
     * and same table value, nothing on its way): counters get the difference with {@code ADD}, so
     * an event the aggregator applies meanwhile is kept; an aggregate that should not exist is left
     * with zeros, which reads as no item. Then the snapshots are rebuilt from the first day that
     * drifted or whose backlog deltas were repaired, and everything is checked a last time.
     */
    public Repair repair(Result earlier) {
        Map<String, Drift> before = new HashMap<>();
        earlier.drifts().forEach(d -> before.put(d.key(), d));
        Result second = check();
        List<Drift> repaired = new ArrayList<>();
        List<Drift> leftAlone = new ArrayList<>();
        Map<String, Map<String, Long>> differences = new LinkedHashMap<>();
        LocalDate rebuildFrom = null;
        for (Drift d : second.drifts()) {
            Drift seen = before.get(d.key());
            boolean lasting = seen != null && seen.expected() == d.expected() && seen.actual() == d.actual()
                    && seen.onTheirWay() == 0 && d.onTheirWay() == 0;
            if (!lasting) {
                leftAlone.add(d);
                continue;
            }
            repaired.add(d);
            LocalDate day = d.day();
            if (d.isSnapshot()) {
                rebuildFrom = earliest(rebuildFrom, day);
            } else {
                differences.computeIfAbsent(d.pk() + "\n" + d.sk(), k -> new LinkedHashMap<>())
                        .put(d.counter(), d.expected() - d.actual());
                boolean backlog = StatsContribution.OPEN_DELTA.equals(d.counter())
                        || StatsContribution.OPEN_OVERDUE_DELTA.equals(d.counter());
                if (backlog && day != null && second.snapshotsUpTo() != null && !day.isAfter(second.snapshotsUpTo())) {
                    rebuildFrom = earliest(rebuildFrom, day);
                }
            }
        }
        addDifferences(differences);
        if (rebuildFrom != null) {
            progress.accept("Rebuilding the daily snapshots from " + rebuildFrom + " to " + second.snapshotsUpTo() + " ...");
            new DailySnapshots(dynamo, statsTable, clock).rebuild(rebuildFrom, second.snapshotsUpTo());
        }
        progress.accept("Checking again after the repair ...");
        return new Repair(second, repaired, leftAlone, rebuildFrom, check());
    }

    // ------------------------------------------------------------------ the event log

    /**
     * One Scan of event and state items. A complaint's items sort EVENT#..., OUTBOX#..., STATE, so
     * its events usually arrive just before its state; when they do not all (the complaint changed
     * while the scan went by), the complaint is read again with a consistent query. Each complaint
     * is replayed once, at its state item, whatever order the scan returns.
     */
    private void readEventLog(Instant recentFrom, Sums expected, Sums onTheirWay, Tally tally) {
        ScanRequest request = ScanRequest.builder().tableName(complaintsTable).consistentRead(true)
                .filterExpression("begins_with(#pk, :complaint) AND (begins_with(#sk, :event) OR #sk = :state)")
                .expressionAttributeNames(Map.of("#pk", ComplaintKeys.PK, "#sk", ComplaintKeys.SK))
                .expressionAttributeValues(Map.of(":complaint", Attr.s(ComplaintKeys.complaintPk("")),
                        ":event", Attr.s(ComplaintKeys.EVENT_SK_PREFIX), ":state", Attr.s(ComplaintKeys.STATE_SK)))
                .build();
        String currentPk = null;
        List<ComplaintEvent> run = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(request).items()) {
            String pk = Attr.str(item, ComplaintKeys.PK);
            if (!pk.equals(currentPk)) {
                currentPk = pk;
                run.clear();
            }
            if (ComplaintKeys.STATE_SK.equals(Attr.str(item, ComplaintKeys.SK))) {
                replay(ComplaintItems.complaint(item), run, recentFrom, expected, onTheirWay, tally);
                run.clear();
                if (tally.complaints % 10_000 == 0) {
                    progress.accept("  " + tally.complaints + " complaints ...");
                }
            } else {
                run.add(ComplaintItems.event(item));
            }
        }
    }

    private void replay(Complaint scanned, List<ComplaintEvent> scannedEvents, Instant recentFrom, Sums expected,
                        Sums onTheirWay, Tally tally) {
        List<ComplaintEvent> events = new ArrayList<>(scannedEvents);
        events.sort(Comparator.comparingInt(ComplaintEvent::seq));
        Complaint complaint = scanned;
        if (!isWholeLog(events, scanned.version())) {
            tally.reread++;
            complaint = freshState(scanned);
            events = eventLog(scanned.id());
        }
        ComplaintFacts facts = ComplaintFacts.of(complaint, reference);
        for (int i = 0; i < events.size(); i++) {
            ComplaintEvent event = events.get(i);
            Contribution contribution = StatsContribution.of(event, events.subList(0, i), facts);
            contribution.counters().forEach(expected::add);
            if (!contribution.isEmpty() && event.at().isAfter(recentFrom)) {
                addPartsNotApplied(contribution, onTheirWay);
            }
        }
        tally.complaints++;
        tally.events += events.size();
    }

    /** Version n means events 1..n, each written with the state in one transaction. */
    private static boolean isWholeLog(List<ComplaintEvent> events, int version) {
        if (events.size() != version) {
            return false;
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).seq() != i + 1) {
                return false;
            }
        }
        return true;
    }

    private Complaint freshState(Complaint scanned) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(complaintsTable).consistentRead(true)
                .key(ComplaintKeys.stateKey(scanned.id()))).item();
        return item == null || item.isEmpty() ? scanned : ComplaintItems.complaint(item);
    }

    private List<ComplaintEvent> eventLog(String complaintId) {
        QueryRequest request = QueryRequest.builder().tableName(complaintsTable).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :event)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(ComplaintKeys.complaintPk(complaintId)),
                        ":event", Attr.s(ComplaintKeys.EVENT_SK_PREFIX)))
                .build();
        List<ComplaintEvent> events = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(item -> events.add(ComplaintItems.event(item)));
        return events;
    }

    /**
     * The parts of a recent event whose markers are missing: the stream has not delivered them yet
     * (or is retrying). A marker and its part's additions are one transaction, so once the marker
     * is seen here the additions are in the aggregates this run reads afterwards.
     */
    private void addPartsNotApplied(Contribution contribution, Sums onTheirWay) {
        Set<String> applied = new HashSet<>();
        QueryRequest request = QueryRequest.builder().tableName(statsTable).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk",
                        Attr.s(DynamoStatsTable.markerPk(contribution.complaintId(), contribution.seq()))))
                .build();
        dynamo.queryPaginator(request).items().forEach(item -> applied.add(Attr.str(item, StatsKeys.SK)));
        List<List<Map.Entry<AggregateKey, Map<String, Long>>>> parts = DynamoStatsTable.parts(contribution, updatesPerPart);
        for (int n = 0; n < parts.size(); n++) {
            if (!applied.contains(DynamoStatsTable.partSk(n))) {
                parts.get(n).forEach(e -> onTheirWay.add(e.getKey(), e.getValue()));
            }
        }
    }

    // ------------------------------------------------------------------ the statistics table

    /**
     * Every day from the first with any aggregate to the last complete snapshot: the expected gauges
     * (running sums of the expected deltas) against the SNAP items, a missing item being zero. One
     * byPeriod query per day, so memory holds one day's snapshots.
     */
    private long checkSnapshots(Sums expected, LocalDate lastDay, List<Drift> drifts) {
        LocalDate first = earliest(expected.firstDay(), new DailySnapshots(dynamo, statsTable, clock).firstDay());
        long checked = 0;
        Map<String, Gauges> running = new HashMap<>();
        for (LocalDate day = first; day != null && !day.isAfter(lastDay); day = day.plusDays(1)) {
            expected.of(StatsKeys.day(day)).forEach((pk, deltas) ->
                    running.put(pk, running.getOrDefault(pk, Gauges.NONE).plus(deltas)));
            running.values().removeIf(Gauges.NONE::equals);
            String sk = StatsKeys.snapshot(day);
            Map<String, Map<String, AttributeValue>> actual = reader.byPeriod(sk);
            Set<String> pks = new TreeSet<>(running.keySet());
            pks.addAll(actual.keySet());
            for (String pk : pks) {
                Gauges want = running.getOrDefault(pk, Gauges.NONE);
                Gauges have = actual.containsKey(pk) ? DynamoStatsReader.gauges(actual.get(pk)) : Gauges.NONE;
                checked++;
                if (want.open() != have.open()) {
                    drifts.add(new Drift(pk, sk, StatsKeys.OPEN, want.open(), have.open(), 0));
                }
                if (want.openOverdue() != have.openOverdue()) {
                    drifts.add(new Drift(pk, sk, StatsKeys.OPEN_OVERDUE, want.openOverdue(), have.openOverdue(), 0));
                }
            }
        }
        return checked;
    }

    /** Scans the DAY and MONTH items (markers, META and snapshots aside), then reports what is missing. */
    private long checkAggregates(Sums expected, Sums onTheirWay, List<Drift> drifts) {
        ScanRequest request = ScanRequest.builder().tableName(statsTable).consistentRead(true)
                .filterExpression("begins_with(#pk, :agg) AND (begins_with(#sk, :day) OR begins_with(#sk, :month))")
                .expressionAttributeNames(Map.of("#pk", StatsKeys.PK, "#sk", StatsKeys.SK))
                .expressionAttributeValues(Map.of(":agg", Attr.s("AGG#"), ":day", Attr.s("DAY#"),
                        ":month", Attr.s("MONTH#")))
                .build();
        long checked = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(request).items()) {
            String pk = Attr.str(item, StatsKeys.PK);
            String sk = Attr.str(item, StatsKeys.SK);
            compare(pk, sk, expected.remove(sk, pk), StatsKeys.counters(item), onTheirWay.get(sk, pk), drifts);
            checked++;
        }
        for (Map.Entry<String, Map<String, Map<String, Long>>> period : expected.byPeriod.entrySet()) {
            for (Map.Entry<String, Map<String, Long>> missing : period.getValue().entrySet()) {
                compare(missing.getKey(), period.getKey(), missing.getValue(), Map.of(),
                        onTheirWay.get(period.getKey(), missing.getKey()), drifts);
                checked++;
            }
        }
        return checked;
    }

    private static void compare(String pk, String sk, Map<String, Long> want, Map<String, Long> have,
                                Map<String, Long> onTheirWay, List<Drift> drifts) {
        Set<String> counters = new TreeSet<>(want.keySet());
        counters.addAll(have.keySet());
        for (String counter : counters) {
            long e = want.getOrDefault(counter, 0L);
            long a = have.getOrDefault(counter, 0L);
            if (e != a) {
                drifts.add(new Drift(pk, sk, counter, e, a, onTheirWay.getOrDefault(counter, 0L)));
            }
        }
    }

    private void addDifferences(Map<String, Map<String, Long>> differences) {
        DynamoStatsTable table = new DynamoStatsTable(dynamo, statsTable, clock);
        List<TransactWriteItem> writes = new ArrayList<>();
        differences.forEach((item, counters) -> {
            String[] key = item.split("\n", 2);
            writes.add(TransactWriteItem.builder().update(table.addUpdate(key[0], key[1], counters)).build());
        });
        // One transaction per hundred aggregates: each either gets all its differences or none.
        for (int i = 0; i < writes.size(); i += 100) {
            List<TransactWriteItem> chunk = writes.subList(i, Math.min(writes.size(), i + 100));
            dynamo.transactWriteItems(b -> b.transactItems(chunk));
        }
        if (!writes.isEmpty()) {
            progress.accept("Added the differences to " + writes.size() + " aggregate(s).");
        }
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    // ------------------------------------------------------------------ results

    /**
     * One value that differs: a counter of an aggregate ({@code sk} DAY#/MONTH#) or a gauge of a
     * daily snapshot ({@code sk} SNAP#, counter {@code open} or {@code openOverdue}).
     *
     * @param expected   from the event log (zero when the item should not exist)
     * @param actual     in the table (zero when the item is missing)
     * @param onTheirWay the part of {@code expected} that recent events not yet applied will add
     */
    public record Drift(String pk, String sk, String counter, long expected, long actual, long onTheirWay) {
        static final Comparator<Drift> ORDER = Comparator.comparing(Drift::pk).thenComparing(Drift::sk)
                .thenComparing(Drift::counter);

        public boolean isSnapshot() {
            return sk.startsWith(SNAPSHOT_PREFIX);
        }

        /** Fully explained by events the stream is still delivering: goes away by itself. */
        public boolean isOnItsWay() {
            return onTheirWay != 0 && expected - onTheirWay == actual;
        }

        /** The day of a DAY or SNAP item, null for a month. */
        public LocalDate day() {
            int hash = sk.indexOf('#');
            String rest = sk.substring(hash + 1);
            return rest.length() == 10 ? LocalDate.parse(rest) : null;
        }

        String key() {
            return pk + "\n" + sk + "\n" + counter;
        }
    }

    /**
     * @param reread        complaints read again because they changed while the scan went by
     * @param aggregates    DAY and MONTH items compared (present, expected, or both)
     * @param snapshots     snapshot values compared (grouping key x day, up to {@code snapshotsUpTo})
     * @param snapshotsUpTo the last complete snapshot day, null before the first
     * @param drifts        every difference, sorted by pk, sk and counter
     */
    public record Result(String complaintsTable, String statsTable, long complaints, long events, long reread,
                         long aggregates, long snapshots, LocalDate snapshotsUpTo, List<Drift> drifts) {
        public Result {
            drifts = List.copyOf(drifts);
        }

        /** The differences not explained by events still on their way. */
        public List<Drift> drift() {
            return drifts.stream().filter(d -> !d.isOnItsWay()).toList();
        }

        public boolean hasDrift() {
            return !drift().isEmpty();
        }

        /** Stable, human-readable: the same tables give the same text. */
        public String report() {
            StringBuilder out = new StringBuilder();
            out.append("Statistics reconciliation: ").append(statsTable).append(" against the event log in ")
                    .append(complaintsTable).append('\n');
            out.append("Read ").append(complaints).append(" complaint(s) and replayed ").append(events).append(" event(s)");
            if (reread > 0) {
                out.append(" (").append(reread).append(" complaint(s) read again: they changed during the scan)");
            }
            out.append(".\nChecked ").append(aggregates).append(" aggregate(s) (DAY and MONTH items) and ");
            if (snapshotsUpTo == null) {
                out.append("no daily snapshots (none complete yet).\n");
            } else {
                out.append(snapshots).append(" snapshot value(s) up to ").append(snapshotsUpTo).append(".\n");
            }
            List<Drift> drift = drift();
            List<Drift> onTheirWay = drifts.stream().filter(Drift::isOnItsWay).toList();
            if (drift.isEmpty()) {
                out.append("No drift.\n");
            } else {
                out.append("DRIFT: ").append(drift.size()).append(" value(s) differ from the event log")
                        .append(" (table = what the statistics table holds):\n");
                lines(drift, out);
            }
            if (!onTheirWay.isEmpty()) {
                out.append(onTheirWay.size()).append(" value(s) differ only by events of the last ")
                        .append(IN_FLIGHT_HORIZON.toHours()).append(" h that the aggregator has not applied yet")
                        .append(" (not drift; they should go away by themselves):\n");
                lines(onTheirWay, out);
            }
            return out.toString();
        }

        /** Counters one per line; a snapshot value that drifts the same on consecutive days as one range. */
        private static void lines(List<Drift> drifts, StringBuilder out) {
            List<String> lines = new ArrayList<>();
            List<Drift> snapshots = new ArrayList<>();
            for (Drift d : drifts) {
                if (d.isSnapshot()) {
                    snapshots.add(d);
                } else {
                    lines.add(line(d.pk(), d.sk(), d));
                }
            }
            snapshots.sort(Comparator.comparing(Drift::pk).thenComparing(Drift::counter).thenComparing(Drift::sk));
            for (int i = 0; i < snapshots.size(); ) {
                Drift first = snapshots.get(i);
                int j = i + 1;
                while (j < snapshots.size() && sameRun(snapshots.get(j - 1), snapshots.get(j))) {
                    j++;
                }
                Drift last = snapshots.get(j - 1);
                String where = j - i == 1 ? first.sk()
                        : first.sk() + ".." + last.day() + " (" + (j - i) + " days)";
                lines.add(line(first.pk(), where, first));
                i = j;
            }
            for (int i = 0; i < lines.size() && i < REPORT_LINES; i++) {
                out.append("  ").append(lines.get(i)).append('\n');
            }
            if (lines.size() > REPORT_LINES) {
                out.append("  ... and ").append(lines.size() - REPORT_LINES).append(" more line(s)\n");
            }
        }

        private static boolean sameRun(Drift a, Drift b) {
            return a.pk().equals(b.pk()) && a.counter().equals(b.counter()) && a.expected() == b.expected()
                    && a.actual() == b.actual() && a.day().plusDays(1).equals(b.day());
        }

        private static String line(String pk, String where, Drift d) {
            long off = d.actual() - d.expected();
            String text = pk + " " + where + " " + d.counter() + ": expected " + d.expected() + ", table " + d.actual()
                    + " (" + (off > 0 ? "+" : "") + off + ")";
            return d.onTheirWay() == 0 ? text : text + ", " + d.onTheirWay() + " still on its way";
        }
    }

    /**
     * @param second               the check the repair was decided on
     * @param repaired             values that drifted identically in both checks, now repaired
     * @param leftAlone            values that changed between the checks or are on their way: run again later
     * @param snapshotsRebuiltFrom the first snapshot day rebuilt, null when none was
     * @param after                a check after the repair
     */
    public record Repair(Result second, List<Drift> repaired, List<Drift> leftAlone, LocalDate snapshotsRebuiltFrom,
                         Result after) {
        public Repair {
            repaired = List.copyOf(repaired);
            leftAlone = List.copyOf(leftAlone);
        }

        public String report() {
            StringBuilder out = new StringBuilder();
            long counters = repaired.stream().filter(d -> !d.isSnapshot()).count();
            out.append("Repaired ").append(counters).append(" counter value(s) by adding the difference");
            if (snapshotsRebuiltFrom != null) {
                out.append(" and rebuilt the daily snapshots from ").append(snapshotsRebuiltFrom).append(" to ")
                        .append(second.snapshotsUpTo());
            }
            out.append(".\n");
            long changing = leftAlone.stream().filter(d -> !d.isOnItsWay()).count();
            if (changing > 0) {
                out.append("Left alone ").append(changing)
                        .append(" drifting value(s) that changed between the two checks: run again later.\n");
            }
            out.append("After the repair:\n").append(after.report());
            return out.toString();
        }
    }

    /** Counters by period (sk), then aggregate (pk): bounded by groupings x days. */
    private static final class Sums {
        final TreeMap<String, Map<String, Map<String, Long>>> byPeriod = new TreeMap<>();

        void add(AggregateKey key, Map<String, Long> counters) {
            Map<String, Long> into = byPeriod.computeIfAbsent(key.sk(), p -> new HashMap<>())
                    .computeIfAbsent(key.pk(), p -> new HashMap<>());
            counters.forEach((name, amount) -> into.merge(name, amount, Long::sum));
        }

        Map<String, Map<String, Long>> of(String sk) {
            return byPeriod.getOrDefault(sk, Map.of());
        }

        Map<String, Long> get(String sk, String pk) {
            return of(sk).getOrDefault(pk, Map.of());
        }

        Map<String, Long> remove(String sk, String pk) {
            Map<String, Map<String, Long>> period = byPeriod.get(sk);
            Map<String, Long> counters = period == null ? null : period.remove(pk);
            return counters == null ? Map.of() : counters;
        }

        LocalDate firstDay() {
            String first = byPeriod.ceilingKey("DAY#");
            return first == null || !first.startsWith("DAY#") ? null : LocalDate.parse(first.substring("DAY#".length()));
        }
    }

    private static final class Tally {
        long complaints;
        long events;
        long reread;
    }
}
