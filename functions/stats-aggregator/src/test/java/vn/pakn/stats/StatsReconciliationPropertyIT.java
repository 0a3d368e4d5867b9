package vn.pakn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.HashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.log.Log;
import vn.pakn.aws.stats.DailySnapshots;
import vn.pakn.aws.stats.DynamoStatsReader;
import vn.pakn.aws.stats.DynamoStatsTable;
import vn.pakn.aws.stats.Reconciliation;
import vn.pakn.aws.stats.StatsKeys;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.Handling;
import vn.pakn.domain.lifecycle.Action;
import vn.pakn.domain.lifecycle.Command;
import vn.pakn.domain.lifecycle.RejectReason;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.stats.Grouping;
import vn.pakn.domain.stats.StatsContribution;
import vn.pakn.domain.stats.StatsFigures.Gauges;

/**
 * Property: whatever the lifecycles and however the stream delivers them, the aggregates end up
 * exactly what the event log says, each event counted once.
 *
 * <p>Each try builds a small random workload on DynamoDB Local: complaints with random categories,
 * areas (or none) and channels of the demo province, moved through random valid lifecycles by the
 * real {@code Lifecycle} and store (only actions {@link Action#allowedFrom} the current status;
 * resolutions on time or late, overdue marks after the deadline, auto-close after a week), over
 * several days around a month end with events just before and after local midnight. Their stream
 * records (with the state items' records, which the handler must skip) go to the real handler in
 * random batches; the statistics table crashes before or after random transaction parts;
 * failed records are retried from the first failure as Lambda does; successful batches are
 * sometimes delivered again and earlier stretches replayed; at the end the whole stream comes
 * once more. Then the daily snapshots are rebuilt and {@link Reconciliation} must find zero drift,
 * and figures worked out independently from the final event logs (backlog per day, per agency,
 * flows of the whole period) must match what the reader answers.
 *
 * <p>jqwik prints the seed and the (shrunk) workload of a failure; {@code @Property(seed = "...")}
 * replays it. Each try starts from empty tables, so shrinking is meaningful.
 */
class StatsReconciliationPropertyIT {
    private static final LocalDateTime BASE = LocalDateTime.parse("2026-03-28T06:00");
    private static final Actor OFFICER = new Actor(Actor.Kind.AGENCY, "officer-property");
    private static final Actor WATCH = Actor.system("deadline-watch");
    private static final Duration AUTO_CLOSE_AFTER = Duration.ofDays(7);

    private static StatsTestBed bed;
    private static StatsAggregatorHandler handler;
    /** The try's aggregator, behind the one handler (a Micronaut context per try would be slow). */
    private static volatile StatsAggregator current;
    private static List<String> categories;
    private static List<String> areas;
    private static List<Agency> agencies;
    private static Consumer<String> previousLog;
    private static final List<String> PRIVATE_LINES = new CopyOnWriteArrayList<>();

    @BeforeContainer
    static void start() throws Exception {
        bed = StatsTestBed.start();
        // Thousands of batch lines would drown the build log; keep only any that leak the reporter.
        previousLog = Log.redirect(line -> {
            if (line.contains(StatsTestBed.REPORTER_NAME) || line.contains(StatsTestBed.REPORTER_PHONE)) {
                PRIVATE_LINES.add(line);
            }
        });
        handler = new StatsAggregatorHandler(bed.env, new StatsAggregator(bed.dynamo, bed.complaintsTable, bed.reference,
                null) {
            @Override
            public boolean apply(String complaintId, int seq) {
                return current.apply(complaintId, seq);
            }
        });
        categories = bed.reference.categories().stream().map(Category::code).sorted().toList();
        areas = bed.reference.areas().all().stream().map(Area::code).sorted().toList();
        agencies = bed.reference.agencies().stream().filter(Agency::enabled)
                .sorted(Comparator.comparing(Agency::id)).toList();
    }

    @AfterContainer
    static void stop() throws Exception {
        if (previousLog != null) {
            Log.redirect(previousLog);
        }
        if (handler != null) {
            handler.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    // Tries: jqwik.tries.default in src/test/resources/junit-platform.properties; -Djqwik.tries.default=500 for a long hunt.
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void randomLifecyclesRedeliveriesAndCrashes_reconcileWithZeroDrift(@ForAll("workloads") Workload workload) {
        bed.truncate();
        Map<String, List<ComplaintEvent>> logs = build(workload.complaints());
        long events = logs.values().stream().mapToLong(List::size).sum();

        int crashes = deliver(logs, workload.delivery());
        Instant lastEvent = logs.values().stream().flatMap(List::stream).map(ComplaintEvent::at)
                .max(Comparator.naturalOrder()).orElseThrow();
        LocalDate firstDay = BASE.toLocalDate();
        LocalDate lastDay = localDay(lastEvent);
        new DailySnapshots(bed.dynamo, bed.statsTable, Clock.systemUTC()).rebuild(firstDay, lastDay);

        // A minute after the last event: the last two hours' events are checked against their markers too.
        Reconciliation.Result result = bed.reconciliation(Clock.fixed(lastEvent.plusSeconds(60), ZoneOffset.UTC),
                workload.delivery().partSize()).check();
        assertEquals(List.of(), result.drifts(), result.report());
        assertEquals(logs.size(), result.complaints());
        assertEquals(events, result.events());
        assertEquals(lastDay, result.snapshotsUpTo());

        checkIndependently(logs, firstDay, lastDay);
        assertEquals(List.of(), PRIVATE_LINES, "no log line names the reporter");

        // What the tries covered, printed by jqwik after the run.
        Statistics.label("crashes injected").collect(crashes == 0 ? "none" : crashes < 4 ? "1-3" : "4 or more");
        Statistics.label("days with events").collect(lastDay.toEpochDay() - firstDay.toEpochDay() + 1 > 7 ? "over a week"
                : "up to a week");
        logs.values().forEach(log -> log.forEach(e -> Statistics.label("event types").collect(e.type())));
    }

    // ------------------------------------------------------------------ workloads

    record Step(int choice, int gapMinutes, boolean late, int rating) {
    }

    record ComplaintPlan(int category, int area, int channel, int startMinutes, List<Step> steps) {
    }

    /**
     * @param partSize     the aggregator's transaction part size: small ones split every event
     * @param batchSizes   stream batch sizes, used in turn
     * @param chaos        one per transaction part written: below 12 crash before it, below 24 just after
     *                     it; when used up, no more crashes
     * @param replays      one per successful batch: below 15 the same batch again, below 25 an earlier
     *                     stretch again; when used up, none
     * @param interleaving which complaint's next record the stream shows next
     */
    record Delivery(int partSize, List<Integer> batchSizes, List<Integer> chaos, List<Integer> replays,
                    List<Integer> interleaving) {
    }

    record Workload(List<ComplaintPlan> complaints, Delivery delivery) {
    }

    @Provide
    Arbitrary<Workload> workloads() {
        Arbitrary<Integer> gaps = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 300)),
                Tuple.of(3, Arbitraries.integers().between(300, 3000)),
                // -1: half a minute before the next local midnight, -2: half a minute after it.
                Tuple.of(2, Arbitraries.just(-1)),
                Tuple.of(2, Arbitraries.just(-2)));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 10_000), gaps,
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 5)).as(Step::new);
        Arbitrary<ComplaintPlan> complaint = Combinators.combine(Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(-1, 1000), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 3 * 1440), step.list().ofMaxSize(12)).as(ComplaintPlan::new);
        Arbitrary<Delivery> delivery = Combinators.combine(Arbitraries.of(3, 7, DynamoStatsTable.UPDATES_PER_PART),
                Arbitraries.integers().between(1, 12).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.integers().between(0, 99).list().ofMinSize(5).ofMaxSize(40),
                Arbitraries.integers().between(0, 99).list().ofMaxSize(20),
                Arbitraries.integers().between(0, 1000).list().ofMaxSize(60)).as(Delivery::new);
        return Combinators.combine(complaint.list().ofMinSize(1).ofMaxSize(5), delivery).as(Workload::new);
    }

    /** Writes the complaints and returns each one's event log. */
    private static Map<String, List<ComplaintEvent>> build(List<ComplaintPlan> plans) {
        Map<String, List<ComplaintEvent>> logs = new LinkedHashMap<>();
        for (ComplaintPlan plan : plans) {
            Instant at = BASE.plusMinutes(plan.startMinutes()).atZone(StatsContribution.ZONE).toInstant();
            String area = plan.area() < 0 ? null : areas.get(plan.area() % areas.size());
            Channel channel = Channel.values()[plan.channel() % Channel.values().length];
            String id = bed.receive(at, categories.get(plan.category() % categories.size()), area, channel);
            Complaint complaint = bed.complaint(id);
            for (Step step : plan.steps()) {
                List<Command> options = options(complaint, step);
                if (options.isEmpty()) {
                    break;
                }
                Command command = pick(options, step.choice());
                at = timeOf(command, complaint, next(at, step), step.late());
                complaint = bed.act(complaint, command, actorOf(command.action()), at);
            }
            logs.put(id, bed.events(id));
        }
        return logs;
    }

    /** Every command allowed from the complaint's status, in the fixed order of {@link Action}. */
    private static List<Command> options(Complaint c, Step step) {
        Handling h = c.handling();
        List<Command> out = new ArrayList<>();
        for (Action action : Action.values()) {
            if (!action.allowedFrom(c.status())) {
                continue;
            }
            switch (action) {
                case ROUTE -> out.add(new Command.Route(agencies.get(step.choice() / 13 % agencies.size()).id(), "routed"));
                case ACKNOWLEDGE -> out.add(new Command.Acknowledge(null));
                case START -> out.add(new Command.Start(null));
                case REQUEST_INFO -> out.add(new Command.RequestInfo("Xin gửi thêm ảnh?"));
                case PROVIDE_INFO -> out.add(new Command.ProvideInfo("Đã gửi"));
                case RESOLVE -> out.add(new Command.Resolve("Đã xử lý"));
                case REJECT -> out.add(new Command.Reject(RejectReason.NOT_ACTIONABLE, null, null));
                case TRANSFER -> {
                    Agency to = agencies.get(step.choice() / 17 % agencies.size());
                    if (!to.id().equals(h.agencyId())) {
                        out.add(new Command.Transfer(to.id(), "Không thuộc thẩm quyền"));
                    }
                }
                case ESCALATE -> {
                    if (bed.reference.agency(h.agencyId()).map(Agency::parentId).isPresent()) {
                        out.add(new Command.Escalate("Quá hạn"));
                    }
                }
                case CONFIRM -> out.add(new Command.Confirm(step.rating(), null));
                case REOPEN -> out.add(new Command.Reopen("Chưa xong"));
                case AUTO_CLOSE -> out.add(new Command.AutoClose());
                case MARK_OVERDUE -> {
                    if (!h.currentDeadlineReported()) {
                        out.add(new Command.MarkOverdue(h.acknowledgedAt() == null ? "acknowledge" : "resolve"));
                    }
                }
                case PUBLISH_PHOTOS -> {
                    // These complaints carry no photos to publish; the event changes no figure anyway
                    // (PhotoPublicationTest).
                }
                default -> throw new AssertionError(action);
            }
        }
        return out;
    }

    /**
     * Weighted so that lifecycles mostly move forward (a uniform pick rejects or passes most
     * complaints around before anyone resolves one) and still take every turn now and then.
     */
    private static Command pick(List<Command> options, int choice) {
        int total = options.stream().mapToInt(c -> WEIGHTS.get(c.action())).sum();
        int roll = choice % total;
        for (Command c : options) {
            roll -= WEIGHTS.get(c.action());
            if (roll < 0) {
                return c;
            }
        }
        throw new AssertionError();
    }

    private static final Map<Action, Integer> WEIGHTS = Map.ofEntries(Map.entry(Action.ROUTE, 1),
            Map.entry(Action.ACKNOWLEDGE, 8), Map.entry(Action.START, 4), Map.entry(Action.REQUEST_INFO, 3),
            Map.entry(Action.PROVIDE_INFO, 5), Map.entry(Action.RESOLVE, 8), Map.entry(Action.REJECT, 1),
            Map.entry(Action.TRANSFER, 2), Map.entry(Action.ESCALATE, 1), Map.entry(Action.CONFIRM, 3),
            Map.entry(Action.REOPEN, 2), Map.entry(Action.AUTO_CLOSE, 2), Map.entry(Action.MARK_OVERDUE, 2));

    private static Instant next(Instant at, Step step) {
        if (step.gapMinutes() > 0) {
            return at.plus(Duration.ofMinutes(step.gapMinutes()));
        }
        Instant midnight = localDay(at).plusDays(1).atStartOfDay(StatsContribution.ZONE).toInstant();
        Instant target = step.gapMinutes() == -1 ? midnight.minusSeconds(30) : midnight.plusSeconds(30);
        return target.isAfter(at) ? target : at.plusSeconds(60);
    }

    /** The clock as the deadline watch and the citizens would see it; a late resolution comes after its deadline. */
    private static Instant timeOf(Command command, Complaint c, Instant at, boolean late) {
        Handling h = c.handling();
        if (command instanceof Command.MarkOverdue) {
            return latest(at, h.currentDeadline().plusSeconds(60));
        }
        if (command instanceof Command.AutoClose) {
            return latest(at, h.resolvedAt().plus(AUTO_CLOSE_AFTER));
        }
        if (command instanceof Command.Resolve && h.resolveBy() != null) {
            return late ? latest(at, h.resolveBy().plusSeconds(3600)) : at;
        }
        return at;
    }

    private static Actor actorOf(Action action) {
        if (Action.CITIZEN_ACTIONS.contains(action)) {
            return Actor.citizen(Channel.WEB);
        }
        return Action.AGENCY_ACTIONS.contains(action) ? OFFICER : WATCH;
    }

    // ------------------------------------------------------------------ delivery

    /** Delivers every event's stream record as Lambda would, through crashes and redeliveries. */
    private static int deliver(Map<String, List<ComplaintEvent>> logs, Delivery plan) {
        int[] crashes = {0};
        List<DynamodbStreamRecord> stream = stream(logs, plan.interleaving());
        Iterator<Integer> chaos = plan.chaos().iterator();
        Iterator<Integer> replays = plan.replays().iterator();
        current = bed.aggregator(new DynamoStatsTable(bed.dynamo, bed.statsTable, Clock.systemUTC(), plan.partSize()) {
            @Override
            protected void transact(List<TransactWriteItem> writes) {
                int roll = chaos.hasNext() ? chaos.next() : 100;
                if (roll < 12) {
                    crashes[0]++;
                    throw new IllegalStateException("crash before writing this part");
                }
                super.transact(writes);
                if (roll < 24) {
                    crashes[0]++;
                    throw new IllegalStateException("crash right after writing this part");
                }
            }
        });
        int position = 0;
        int batch = 0;
        for (int invocations = 0; position < stream.size(); invocations++) {
            assertTrue(invocations < 5_000, "delivery makes progress");
            int size = plan.batchSizes().get(batch++ % plan.batchSizes().size());
            List<DynamodbStreamRecord> records = stream.subList(position, Math.min(stream.size(), position + size));
            StreamsEventResponse response = handler.handleRequest(event(records), null);
            if (!response.getBatchItemFailures().isEmpty()) {
                // The failed record and every later one are reported; Lambda resumes at the first.
                String first = response.getBatchItemFailures().get(0).getItemIdentifier();
                int failed = indexOf(records, first);
                assertEquals(records.size() - failed, response.getBatchItemFailures().size());
                position += failed;
                continue;
            }
            int replay = replays.hasNext() ? replays.next() : 100;
            if (replay < 15) {
                continue;
            }
            position = replay < 25 ? Math.max(0, position - replay % 7) : position + records.size();
        }
        // Long after, the whole stream once more (a consumer restarted from the trim horizon).
        current = bed.aggregator(new DynamoStatsTable(bed.dynamo, bed.statsTable, Clock.systemUTC(), plan.partSize()));
        for (int i = 0; i < stream.size(); i += 100) {
            StreamsEventResponse again = handler.handleRequest(event(stream.subList(i, Math.min(stream.size(), i + 100))), null);
            assertEquals(List.of(), again.getBatchItemFailures());
        }
        return crashes[0];
    }

    /**
     * The records the table's stream shows: per complaint in order, complaints interleaved; each
     * event's INSERT comes with the state item's INSERT or MODIFY, which the handler skips.
     */
    private static List<DynamodbStreamRecord> stream(Map<String, List<ComplaintEvent>> logs, List<Integer> interleaving) {
        List<List<DynamodbStreamRecord>> perComplaint = new ArrayList<>();
        long[] sequence = {0};
        logs.forEach((id, events) -> {
            List<DynamodbStreamRecord> records = new ArrayList<>();
            String pk = ComplaintKeys.complaintPk(id);
            for (ComplaintEvent e : events) {
                records.add(StatsTestBed.streamRecord("INSERT", pk, ComplaintKeys.eventSk(e.seq()), 0));
                records.add(StatsTestBed.streamRecord(e.seq() == 1 ? "INSERT" : "MODIFY", pk, ComplaintKeys.STATE_SK, 0));
            }
            perComplaint.add(records);
        });
        List<DynamodbStreamRecord> out = new ArrayList<>();
        Iterator<Integer> picks = interleaving.iterator();
        int[] next = new int[perComplaint.size()];
        while (out.size() < perComplaint.stream().mapToInt(List::size).sum()) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < perComplaint.size(); i++) {
                if (next[i] < perComplaint.get(i).size()) {
                    open.add(i);
                }
            }
            int pick = open.get((picks.hasNext() ? picks.next() : 0) % open.size());
            DynamodbStreamRecord r = perComplaint.get(pick).get(next[pick]++);
            r.getDynamodb().setSequenceNumber(String.format("%021d", ++sequence[0]));
            out.add(r);
        }
        return out;
    }

    private static DynamodbEvent event(List<DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    private static int indexOf(List<DynamodbStreamRecord> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).getDynamodb().getSequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new AssertionError("no record " + sequenceNumber);
    }

    // ------------------------------------------------------------------ an independent oracle

    /**
     * The figures worked out from the final event logs by their documented meaning, without
     * {@link StatsContribution}: for every day, the open backlog and the open complaints that
     * missed a deadline at its end, for every grouping key (an agency's backlog is what is open in
     * the hands of the agency named by the complaint's latest event), against that day's
     * snapshots; and the flows of the whole period.
     */
    private static void checkIndependently(Map<String, List<ComplaintEvent>> logs, LocalDate firstDay, LocalDate lastDay) {
        DynamoStatsReader reader = new DynamoStatsReader(bed.dynamo, bed.statsTable);
        Map<String, List<String>> groupsOf = new HashMap<>();
        for (String id : logs.keySet()) {
            Complaint c = bed.complaint(id);
            List<String> groups = new ArrayList<>(List.of(StatsKeys.aggregatePk(Grouping.PROVINCE, Grouping.ALL),
                    StatsKeys.aggregatePk(Grouping.CATEGORY, c.categoryCode()),
                    StatsKeys.aggregatePk(Grouping.CHANNEL, c.channel().wireName())));
            if (c.areaCode() != null) {
                for (Area area : bed.reference.areas().ancestorsOf(c.areaCode())) {
                    groups.add(StatsKeys.aggregatePk(Grouping.AREA, area.code()));
                    groups.add(StatsKeys.aggregatePk(Grouping.CATEGORY_AREA,
                            Grouping.categoryArea(c.categoryCode(), area.code())));
                }
            }
            groupsOf.put(id, groups);
        }
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            Instant end = day.plusDays(1).atStartOfDay(StatsContribution.ZONE).toInstant();
            Map<String, Gauges> want = new TreeMap<>();
            for (Map.Entry<String, List<ComplaintEvent>> log : logs.entrySet()) {
                List<ComplaintEvent> byThen = log.getValue().stream().filter(e -> e.at().isBefore(end)).toList();
                if (byThen.isEmpty()) {
                    continue;
                }
                boolean open = byThen.get(byThen.size() - 1).to().isOpen();
                boolean missed = byThen.stream().anyMatch(StatsReconciliationPropertyIT::missesDeadline);
                String agency = null;
                for (ComplaintEvent e : byThen) {
                    agency = e.agencyId() != null ? e.agencyId() : agency;
                }
                List<String> groups = new ArrayList<>(groupsOf.get(log.getKey()));
                if (agency != null) {
                    groups.add(StatsKeys.aggregatePk(Grouping.AGENCY, agency));
                }
                Gauges add = new Gauges(open ? 1 : 0, open && missed ? 1 : 0);
                for (String pk : groups) {
                    Gauges g = want.getOrDefault(pk, Gauges.NONE);
                    want.put(pk, new Gauges(g.open() + add.open(), g.openOverdue() + add.openOverdue()));
                }
            }
            want.values().removeIf(Gauges.NONE::equals);
            Map<String, Gauges> have = new TreeMap<>();
            reader.byPeriod(StatsKeys.snapshot(day)).forEach((pk, item) -> have.put(pk, new Gauges(
                    Attr.num(item, StatsKeys.OPEN), Attr.num(item, StatsKeys.OPEN_OVERDUE))));
            assertEquals(want, have, "backlog at the end of " + day);
        }
        assertEquals(lastGauges(logs), reader.gaugesAsOf(Grouping.PROVINCE, Grouping.ALL, lastDay),
                "the reader's backlog on the last day");

        Map<String, Long> want = new TreeMap<>();
        Map<String, Long> assigned = new TreeMap<>();
        for (Map.Entry<String, List<ComplaintEvent>> log : logs.entrySet()) {
            List<ComplaintEvent> events = log.getValue();
            count(want, "received", 1);
            List<ComplaintEvent> resolutions = events.stream().filter(e -> e.type().equals("RESOLVED")).toList();
            if (!resolutions.isEmpty()) {
                ComplaintEvent first = resolutions.get(0);
                count(want, "resolved", 1);
                count(want, "onTime", first.dueAt() != null && !first.at().isAfter(first.dueAt()) ? 1 : 0);
            }
            count(want, "resolvedAgain", Math.max(0, resolutions.size() - 1));
            count(want, "overdue", events.stream().anyMatch(StatsReconciliationPropertyIT::missesDeadline) ? 1 : 0);
            Integer rating = bed.complaint(log.getKey()).handling() == null ? null
                    : bed.complaint(log.getKey()).handling().rating();
            for (ComplaintEvent e : events) {
                switch (e.type()) {
                    case "REJECTED" -> count(want, "rejected", 1);
                    case "CLOSED" -> {
                        count(want, "closed", 1);
                        count(want, "ratings", 1);
                        count(want, "ratings45", rating != null && rating >= 4 ? 1 : 0);
                    }
                    case "AUTO_CLOSED" -> count(want, "closed", 1);
                    case "REOPENED" -> count(want, "reopened", 1);
                    case "TRANSFERRED" -> count(want, "transferred", 1);
                    case "ESCALATED" -> count(want, "escalated", 1);
                    default -> { }
                }
                if (Action.ROUTE.eventType().equals(e.type()) || Action.TRANSFER.eventType().equals(e.type())
                        || Action.ESCALATE.eventType().equals(e.type())) {
                    count(assigned, e.agencyId(), 1);
                }
            }
        }
        Map<String, Long> flows = reader.flows(Grouping.PROVINCE, Grouping.ALL, firstDay, lastDay);
        Map<String, Long> have = new TreeMap<>();
        want.keySet().forEach(name -> have.put(name, flows.getOrDefault(name, 0L)));
        assertEquals(want, have, "the period's flows");
        for (String agency : assigned.keySet()) {
            assertEquals(assigned.get(agency),
                    reader.flows(Grouping.AGENCY, agency, firstDay, lastDay).getOrDefault("assigned", 0L),
                    agency + " assignments");
        }
    }

    private static Gauges lastGauges(Map<String, List<ComplaintEvent>> logs) {
        long open = 0;
        long openOverdue = 0;
        for (List<ComplaintEvent> events : logs.values()) {
            boolean isOpen = events.get(events.size() - 1).to().isOpen();
            open += isOpen ? 1 : 0;
            openOverdue += isOpen && events.stream().anyMatch(StatsReconciliationPropertyIT::missesDeadline) ? 1 : 0;
        }
        return new Gauges(open, openOverdue);
    }

    /** The brief's "missed a deadline": the watch reported it, or the resolution came after it. */
    private static boolean missesDeadline(ComplaintEvent e) {
        return e.type().equals("OVERDUE")
                || e.type().equals("RESOLVED") && e.dueAt() != null && e.at().isAfter(e.dueAt());
    }

    private static void count(Map<String, Long> counts, String name, long amount) {
        counts.merge(name, amount, Long::sum);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate localDay(Instant at) {
        return at.atZone(StatsContribution.ZONE).toLocalDate();
    }
}
