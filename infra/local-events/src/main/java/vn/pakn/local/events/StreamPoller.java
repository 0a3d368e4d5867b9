package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.LocalDeployment;

/**
 * A DynamoDB Streams event source mapping ({@code Type: DynamoDB}), read the way Lambda reads it:
 * every shard in order, a child shard only after its parent is finished, batches of up to
 * {@code BatchSize} matching records (waiting up to {@code MaximumBatchingWindowInSeconds} for a
 * batch to fill), {@code FilterCriteria} applied before batching. A shard whose reads have caught
 * up with its last record is read again after the poll interval, as Lambda reads a shard at most
 * four times a second (DynamoDB Streams allows five); only a read that filled its page is followed
 * at once. DynamoDB Local serves every read on the thread that also does every table write, so
 * reading in a loop while records trickle in slowed the writes down.
 *
 * <p>Failures block the shard, as on AWS: a handler that throws gets the same records again
 * after a backoff (split in halves first with {@code BisectBatchOnFunctionError}); with
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]} a {@code StreamsEventResponse} naming
 * failed sequence numbers makes the shard resume from the lowest of them. After
 * {@code MaximumRetryAttempts} (default -1: until the records expire) the records are discarded,
 * as they would be, or sent to an on-failure destination, which the template does not declare.
 */
public final class StreamPoller implements EventSource {

    /** Where reading starts in shards that exist when the poller starts. */
    public enum StartingPosition { TRIM_HORIZON, LATEST }

    private static final int MAX_RECORDS_PER_READ = 1000;

    private final LocalFunction function;
    private final String eventName;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String tableLogicalId;
    private final String region;
    private final StartingPosition startingPosition;
    private final int batchSize;
    private final Duration batchingWindow;
    private final boolean bisectOnError;
    private final int maximumRetryAttempts;
    private final int maximumRecordAgeSeconds;
    private volatile int heldRecords;
    private final boolean reportBatchItemFailures;
    private final FilterCriteria filter;
    private final EventSettings settings;
    private final Consumer<String> console;

    // Touched by the polling thread only (and by start() before the thread exists).
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private long nextShardRefresh;
    private boolean streamMissingReported;

    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong recordsDelivered = new AtomicLong();
    private final AtomicLong recordsFilteredOut = new AtomicLong();
    private final AtomicLong recordsDiscarded = new AtomicLong();
    private volatile boolean running;
    private final PollingThread poller = new PollingThread();

    private StreamPoller(LocalDeployment deployment, LocalFunction function, EventSpec event, EventSettings settings,
            Consumer<String> console) {
        EventProperties props = new EventProperties(deployment, function.spec(), event);
        this.function = function;
        this.eventName = event.name();
        this.streams = deployment.services().dynamoDbStreams();
        this.streamArn = props.requiredString("Stream");
        this.tableLogicalId = deployment.tableLogicalIdByStreamArn(streamArn).orElse(streamArn);
        this.region = deployment.services().region();
        String position = props.requiredString("StartingPosition");
        try {
            this.startingPosition = StartingPosition.valueOf(position);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(props.where() + ".StartingPosition must be TRIM_HORIZON or LATEST for"
                    + " DynamoDB streams, got " + position, e);
        }
        this.batchSize = props.integer("BatchSize", 100);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(props.where() + ".BatchSize must be 1..10000, got " + batchSize);
        }
        this.batchingWindow = Duration.ofSeconds(props.integer("MaximumBatchingWindowInSeconds", 0));
        this.bisectOnError = props.bool("BisectBatchOnFunctionError", false);
        this.maximumRetryAttempts = props.integer("MaximumRetryAttempts", -1);
        this.maximumRecordAgeSeconds = props.integer("MaximumRecordAgeInSeconds", -1);
        this.reportBatchItemFailures = props.strings("FunctionResponseTypes").contains("ReportBatchItemFailures");
        this.filter = FilterCriteria.fromTemplate(props.resolved("FilterCriteria"), props.where());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.console = console == null ? s -> { } : console;
        function.requireAccepts(DynamodbEvent.class, "DynamoDB stream " + tableLogicalId);
    }

    /**
     * The poller for the function's {@code Type: DynamoDB} event {@code eventName}, not yet started.
     *
     * @throws IllegalArgumentException if there is no such event or the template values are invalid
     */
    public static StreamPoller create(LocalDeployment deployment, LocalFunction function, String eventName,
            EventSettings settings, Consumer<String> console) {
        return new StreamPoller(deployment, function, event(function, eventName, "DynamoDB"), settings, console);
    }

    static EventSpec event(LocalFunction function, String eventName, String type) {
        return function.spec().eventsOfType(type).stream()
                .filter(e -> e.name().equals(eventName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(function.logicalId() + " has no " + type + " event named "
                        + eventName + "; it has " + function.spec().events().stream().map(EventSpec::name).toList()));
    }

    @Override
    public String functionLogicalId() {
        return function.logicalId();
    }

    @Override
    public String eventName() {
        return eventName;
    }

    @Override
    public String description() {
        return tableLogicalId + " stream -> " + function.logicalId() + " (" + startingPosition + ", batch " + batchSize
                + (batchingWindow.isZero() ? "" : ", window " + batchingWindow.toSeconds() + " s")
                + (filter.isEmpty() ? "" : ", filter " + String.join(" | ", filter.patterns()))
                + (reportBatchItemFailures ? ", partial batch responses" : "")
                + (bisectOnError ? ", bisect on error" : "") + ")";
    }

    public long invocationCount() {
        return invocations.get();
    }

    public long recordsDelivered() {
        return recordsDelivered.get();
    }

    public long recordsFilteredOut() {
        return recordsFilteredOut.get();
    }

    /**
     * Records read from the stream but not delivered yet, held by a batching window or a retry's
     * back-off: a caller waiting for consumers to catch up cannot tell this wait from idleness by
     * invocations alone.
     */
    public int heldRecords() {
        return heldRecords;
    }

    /** Records given up on after {@code MaximumRetryAttempts} or {@code MaximumRecordAgeInSeconds}. */
    public long recordsDiscarded() {
        return recordsDiscarded.get();
    }

    /**
     * Lists the shards and fixes the starting positions before returning, so that with
     * {@code LATEST} every change made after this call is delivered and none made before.
     */
    @Override
    public synchronized void start() {
        running = true;
        refreshShards(true);
        nextShardRefresh = System.nanoTime() + settings.shardRefreshInterval().toNanos();
        poller.start("pakn-stream-" + function.logicalId() + "-" + eventName, this::run, this);
    }

    @Override
    public synchronized void close() {
        running = false;
        poller.stop();
        // What it held will never be delivered: nothing to wait for.
        heldRecords = 0;
    }

    private void run() {
        while (running) {
            boolean busy = false;
            try {
                if (System.nanoTime() >= nextShardRefresh) {
                    refreshShards(false);
                    nextShardRefresh = System.nanoTime() + settings.shardRefreshInterval().toNanos();
                }
                int held = 0;
                for (ShardState shard : new ArrayList<>(shards.values())) {
                    if (!running) {
                        return;
                    }
                    if (!shard.finished && parentFinished(shard)) {
                        busy |= step(shard);
                    }
                    held += shard.pending.size();
                }
                heldRecords = held;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                console.accept(function.logicalId() + ": reading the " + tableLogicalId + " stream failed: " + e
                        + "; retrying");
                sleep(settings.maxRetryBackoff());
            }
            if (!busy) {
                sleep(settings.pollInterval());
            }
        }
    }

    private boolean parentFinished(ShardState shard) {
        ShardState parent = shard.parentId == null ? null : shards.get(shard.parentId);
        return parent == null || parent.finished;
    }

    /** DynamoDB closes a shard and opens children now and then; Lambda follows them, so does this. */
    private void refreshShards(boolean initial) {
        String exclusiveStart = null;
        do {
            DescribeStreamResponse response;
            try {
                String from = exclusiveStart;
                response = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
            } catch (ResourceNotFoundException e) {
                if (!streamMissingReported) {
                    console.accept(function.logicalId() + ": stream " + streamArn + " does not exist (table deleted or"
                            + " stream disabled?); nothing is delivered until it does");
                    streamMissingReported = true;
                }
                return;
            }
            streamMissingReported = false;
            for (Shard shard : response.streamDescription().shards()) {
                ShardState known = shards.get(shard.shardId());
                boolean closed = shard.sequenceNumberRange() != null
                        && shard.sequenceNumberRange().endingSequenceNumber() != null;
                if (known != null) {
                    continue;
                }
                ShardState state = new ShardState(shard.shardId(), shard.parentShardId());
                if (initial && startingPosition == StartingPosition.LATEST) {
                    if (closed) {
                        state.finished = true;
                    } else {
                        state.iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
                        state.startedAtLatest = true;
                    }
                }
                shards.put(shard.shardId(), state);
            }
            exclusiveStart = response.streamDescription().lastEvaluatedShardId();
        } while (exclusiveStart != null);
    }

    /** One read and, if a batch is due, one invocation. Returns whether anything happened. */
    private boolean step(ShardState shard) {
        long now = System.nanoTime();
        if (!shard.pending.isEmpty() && now < shard.nextAttemptAt) {
            return false;
        }
        boolean fetched = false;
        int limit = shard.splits.isEmpty() ? batchSize : shard.splits.peek();
        if (!shard.exhausted && shard.pending.size() < limit && now >= shard.nextReadAt) {
            fetched = read(shard, limit - shard.pending.size());
        }
        if (shard.pending.isEmpty()) {
            if (shard.exhausted) {
                shard.finished = true;
            }
            return fetched;
        }
        boolean windowOpen = !batchingWindow.isZero() && !shard.exhausted && shard.pending.size() < limit
                && System.nanoTime() - shard.firstPendingAt < batchingWindow.toNanos();
        if (windowOpen) {
            return fetched;
        }
        deliver(shard, limit);
        return true;
    }

    private boolean read(ShardState shard, int wanted) {
        if (shard.iterator == null) {
            shard.iterator = iterator(shard);
        }
        GetRecordsResponse response;
        int requested = Math.min(MAX_RECORDS_PER_READ, Math.max(wanted, 1));
        try {
            String iterator = shard.iterator;
            response = streams.getRecords(b -> b.shardIterator(iterator).limit(requested));
        } catch (ExpiredIteratorException e) {
            shard.iterator = null;
            return true;
        } catch (TrimmedDataAccessException e) {
            if (shard.lastFetchedSequence != null) {
                console.accept(function.logicalId() + ": records of shard " + shard.id + " expired before they were read");
            }
            // DynamoDB Local numbers records across all tables, so an iterator taken on an empty shard
            // falls behind the shard's horizon as soon as its first record arrives; every record in such
            // a shard is newer than the iterator, so reading from the horizon again loses nothing.
            shard.iterator = null;
            shard.lastFetchedSequence = null;
            shard.startedAtLatest = false;
            return true;
        } catch (ResourceNotFoundException e) {
            shard.exhausted = true;
            return true;
        }
        shard.iterator = response.nextShardIterator();
        if (shard.iterator == null) {
            shard.exhausted = true;
        }
        if (response.records().size() < requested) {
            shard.nextReadAt = System.nanoTime() + settings.pollInterval().toNanos();
        }
        boolean wasEmpty = shard.pending.isEmpty();
        for (Record record : response.records()) {
            shard.lastFetchedSequence = record.dynamodb().sequenceNumber();
            DynamodbEvent.DynamodbStreamRecord converted = StreamRecords.toLambda(record, streamArn, region);
            if (filter.matches(StreamRecords.toJson(converted))) {
                shard.pending.add(converted);
            } else {
                recordsFilteredOut.incrementAndGet();
            }
        }
        if (wasEmpty && !shard.pending.isEmpty()) {
            shard.firstPendingAt = System.nanoTime();
        }
        return !response.records().isEmpty();
    }

    private String iterator(ShardState shard) {
        return streams.getShardIterator(b -> {
            b.streamArn(streamArn).shardId(shard.id);
            if (shard.lastFetchedSequence != null) {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.lastFetchedSequence);
            } else if (shard.startedAtLatest) {
                b.shardIteratorType(ShardIteratorType.LATEST);
            } else {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            }
        }).shardIterator();
    }

    private void deliver(ShardState shard, int limit) {
        dropExpired(shard);
        if (shard.pending.isEmpty()) {
            return;
        }
        List<DynamodbEvent.DynamodbStreamRecord> batch =
                new ArrayList<>(shard.pending.subList(0, Math.min(limit, shard.pending.size())));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch);
        List<String> sequenceNumbers = StreamRecords.sequenceNumbers(batch);
        long t0 = System.nanoTime();
        BatchOutcome outcome;
        invocations.incrementAndGet();
        try {
            Object response = function.invoke(event);
            outcome = BatchOutcome.interpret(response, reportBatchItemFailures, new HashSet<>(sequenceNumbers));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            outcome = BatchOutcome.wholeBatchFailed("the handler threw " + e);
        }
        String took = Invocations.millis(t0);
        switch (outcome.kind()) {
            case SUCCESS -> {
                completed(shard, batch.size());
                console.accept(function.logicalId() + " <- " + count(batch.size()) + " from " + tableLogicalId
                        + " stream: ok (" + took + ")");
            }
            case PARTIAL -> {
                int firstFailed = outcome.failedItems().stream().mapToInt(sequenceNumbers::indexOf).min().orElseThrow();
                completed(shard, firstFailed);
                shard.splits.push(batch.size() - firstFailed);
                console.accept(function.logicalId() + " <- " + count(batch.size()) + " from " + tableLogicalId
                        + " stream: " + outcome.failedItems().size() + " reported failed; resuming from sequence number "
                        + sequenceNumbers.get(firstFailed) + " (" + took + ")");
                retryOrDiscard(shard, batch.size() - firstFailed);
            }
            default -> {
                if (bisectOnError && batch.size() > 1) {
                    if (!shard.splits.isEmpty()) {
                        shard.splits.pop();
                    }
                    int firstHalf = batch.size() / 2;
                    shard.splits.push(batch.size() - firstHalf);
                    shard.splits.push(firstHalf);
                    shard.nextAttemptAt = System.nanoTime() + settings.retryBackoff().toNanos();
                    console.accept(function.logicalId() + " <- " + count(batch.size()) + " from " + tableLogicalId
                            + " stream: failed (" + outcome.reason() + "); bisecting into " + firstHalf + " + "
                            + (batch.size() - firstHalf) + " (" + took + ")");
                } else {
                    if (shard.splits.isEmpty()) {
                        shard.splits.push(batch.size());
                    }
                    console.accept(function.logicalId() + " <- " + count(batch.size()) + " from " + tableLogicalId
                            + " stream: failed (" + outcome.reason() + ") (" + took + ")");
                    retryOrDiscard(shard, batch.size());
                }
            }
        }
    }

    private void completed(ShardState shard, int records) {
        shard.pending.subList(0, records).clear();
        recordsDelivered.addAndGet(records);
        if (!shard.splits.isEmpty()) {
            shard.splits.pop();
        }
        shard.attempts = 0;
        shard.nextAttemptAt = 0;
        shard.firstPendingAt = System.nanoTime();
    }

    /** The first {@code records} pending records failed; they are retried alone, or given up on. */
    private void retryOrDiscard(ShardState shard, int records) {
        shard.attempts++;
        if (maximumRetryAttempts >= 0 && shard.attempts > maximumRetryAttempts) {
            shard.pending.subList(0, records).clear();
            recordsDiscarded.addAndGet(records);
            if (!shard.splits.isEmpty()) {
                shard.splits.pop();
            }
            shard.attempts = 0;
            shard.nextAttemptAt = 0;
            console.accept(function.logicalId() + ": discarded " + count(records) + " of the " + tableLogicalId
                    + " stream after " + maximumRetryAttempts + (maximumRetryAttempts == 1 ? " retry" : " retries")
                    + " (MaximumRetryAttempts)");
            return;
        }
        long backoff = Math.min(settings.maxRetryBackoff().toNanos(),
                settings.retryBackoff().toNanos() << Math.min(20, shard.attempts - 1));
        shard.nextAttemptAt = System.nanoTime() + backoff;
    }

    private void dropExpired(ShardState shard) {
        if (maximumRecordAgeSeconds < 0) {
            return;
        }
        Instant oldest = Instant.now().minusSeconds(maximumRecordAgeSeconds);
        int expired = 0;
        while (expired < shard.pending.size()) {
            java.util.Date created = shard.pending.get(expired).getDynamodb().getApproximateCreationDateTime();
            if (created == null || !created.toInstant().isBefore(oldest)) {
                break;
            }
            expired++;
        }
        if (expired > 0) {
            shard.pending.subList(0, expired).clear();
            shard.splits.clear();
            shard.attempts = 0;
            recordsDiscarded.addAndGet(expired);
            console.accept(function.logicalId() + ": discarded " + count(expired) + " of the " + tableLogicalId
                    + " stream older than MaximumRecordAgeInSeconds=" + maximumRecordAgeSeconds);
        }
    }

    private static String count(int records) {
        return records == 1 ? "1 record" : records + " records";
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "StreamPoller[" + description() + "]";
    }

    private static final class ShardState {
        final String id;
        final String parentId;
        final List<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayList<>();
        /** Sizes of the next batches when a failed batch is being retried exactly or bisected. */
        final Deque<Integer> splits = new ArrayDeque<>();
        String iterator;
        String lastFetchedSequence;
        boolean startedAtLatest;
        boolean exhausted;
        boolean finished;
        int attempts;
        long nextAttemptAt;
        long firstPendingAt;
        /** When a shard that was read to its end may be read again. */
        long nextReadAt;

        ShardState(String id, String parentId) {
            this.id = id;
            this.parentId = parentId;
        }
    }
}
