package vn.pakn.opendata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.pakn.aws.dynamo.Attr;
import vn.pakn.aws.dynamo.ComplaintItems;
import vn.pakn.aws.dynamo.ComplaintKeys;
import vn.pakn.domain.complaint.Complaint;

/**
 * Every complaint's state item, by a parallel Scan of the complaints table filtered to
 * {@code sk = STATE}. A Scan once a day is the right tool for a full export: no index holds every
 * complaint, and reading the table in a few segments at once keeps a million complaints (several
 * million items with their events) well inside Lambda's 15 minutes.
 *
 * <p>It asks only for {@link #ATTRIBUTES}: reporter, tracking code, secret hash and photos never
 * leave the table, and template.yaml's policy for the function allows no other attribute, so a
 * mistake here fails instead of reading personal data.
 */
public final class DynamoComplaintSource implements ComplaintSource {
    /**
     * What {@link ComplaintItems#complaint} needs to build a complaint, less everything open data must
     * not show. The attribute names are ComplaintItems'; a test keeps them in step with it and with
     * template.yaml's {@code dynamodb:Attributes} condition.
     */
    public static final List<String> ATTRIBUTES = List.of("id", "status", "version", "category", "area", "lat", "lon",
            "description", "channel", "receivedAt", "updatedAt", "handling");

    private final DynamoDbClient dynamo;
    private final String table;
    private final int segments;

    public DynamoComplaintSource(DynamoDbClient dynamo, String table, int segments) {
        if (segments < 1) {
            throw new IllegalArgumentException("At least one scan segment");
        }
        this.dynamo = dynamo;
        this.table = table;
        this.segments = segments;
    }

    @Override
    public void forEach(Consumer<Complaint> complaint) {
        Object lock = new Object();
        Consumer<Complaint> oneAtATime = c -> {
            synchronized (lock) {
                complaint.accept(c);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(segments, r -> {
            Thread t = new Thread(r, "pakn-open-data-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> scans = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int s = segment;
                scans.add(pool.submit(() -> scan(s, oneAtATime)));
            }
            for (Future<?> scan : scans) {
                scan.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException("Scan failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while scanning", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void scan(int segment, Consumer<Complaint> complaint) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#sk", ComplaintKeys.SK);
        List<String> projection = new ArrayList<>();
        for (int i = 0; i < ATTRIBUTES.size(); i++) {
            // Placeholders for all: "status" and others are DynamoDB reserved words.
            names.put("#a" + i, ATTRIBUTES.get(i));
            projection.add("#a" + i);
        }
        dynamo.scanPaginator(b -> b.tableName(table).segment(segment).totalSegments(segments)
                        // Explicit, as the policy requires: a projection alone leaves Select to a default.
                        .select(Select.SPECIFIC_ATTRIBUTES)
                        .filterExpression("#sk = :state")
                        .projectionExpression(String.join(", ", projection))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":state", Attr.s(ComplaintKeys.STATE_SK))))
                .items()
                .forEach(item -> complaint.accept(ComplaintItems.complaint(item)));
    }
}
