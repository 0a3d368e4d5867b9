package vn.pakn.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.aws.outbox.OutboxMessage;
import vn.pakn.local.events.StreamRecords;

/**
 * Reads a table's real stream (DescribeStream, GetShardIterator, GetRecords) on demand and hands
 * the records over as one Lambda batch, converted by local-events' {@link StreamRecords}. Where
 * {@code StreamPoller} delivers on its own schedule, this lets a test hold a batch and deliver it
 * again, or from a chosen record, as Lambda would after a failure. Unfiltered on purpose: the
 * relay must skip what the event source filter would have dropped.
 */
final class TableStream {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;

    TableStream(DynamoDbStreamsClient streams, String streamArn, String region) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
    }

    /**
     * The stream's records about these complaints, in stream order, as one Lambda batch. Waits
     * (polling, with a deadline) until each complaint's outbox insert is on the stream.
     */
    DynamodbEvent batchAbout(Collection<String> complaintIds) {
        return batch(recordsAbout(complaintIds));
    }

    static DynamodbEvent batch(List<DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    List<DynamodbStreamRecord> recordsAbout(Collection<String> complaintIds) {
        Set<String> pks = complaintIds.stream().map(ComplaintKeys::complaintPk).collect(Collectors.toSet());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<Record> about = all().stream()
                    .filter(r -> pks.contains(Attr.str(r.dynamodb().keys(), ComplaintKeys.PK)))
                    .toList();
            Set<String> withOutboxInsert = about.stream()
                    .filter(r -> "INSERT".equals(r.eventNameAsString()) && OutboxMessage.carriesMessage(r.dynamodb().keys()))
                    .map(r -> Attr.str(r.dynamodb().keys(), ComplaintKeys.PK))
                    .collect(Collectors.toSet());
            if (withOutboxInsert.equals(pks)) {
                return about.stream().map(r -> StreamRecords.toLambda(r, streamArn, region)).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("outbox inserts of " + pks + " not on the stream within " + TIMEOUT
                        + "; seen for " + withOutboxInsert);
            }
            pause();
        }
    }

    /** Every record from the trim horizon, shard by shard, parents first as DescribeStream lists them. */
    private List<Record> all() {
        List<Record> records = new ArrayList<>();
        for (Shard shard : shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                records.addAll(page.records());
                // An open shard always hands out a next iterator: an empty page is the end for now.
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }

    private List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String last = null;
        do {
            String start = last;
            StreamDescription description = streams.describeStream(b -> b.streamArn(streamArn)
                    .exclusiveStartShardId(start)).streamDescription();
            shards.addAll(description.shards());
            last = description.lastEvaluatedShardId();
        } while (last != null);
        return shards;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the stream", e);
        }
    }
}
