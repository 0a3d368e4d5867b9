package vn.pakn.router;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;

/**
 * Consumes the intake FIFO queue. Each complaint is a message group of its own, and only the
 * messages of one group must stay in order: the groups of a batch are routed side by side, each
 * group's messages one after another. At a group's first failure the rest of that group is
 * reported failed too and comes back later; other groups' successes stand. Messages without a
 * group (not from a FIFO queue) count as one group, so they are routed in order.
 */
public class RouterHandler extends PaknHandler<SQSEvent, SQSBatchResponse> {
    static final String MESSAGE_GROUP_ID = "MessageGroupId";
    /** A FIFO event source delivers at most ten messages, so at most ten groups, per batch. */
    private static final int MAX_GROUPS_AT_ONCE = 10;
    private static final AtomicInteger THREADS = new AtomicInteger();

    @Inject
    RouterService router;

    private final ExecutorService groups = Executors.newFixedThreadPool(MAX_GROUPS_AT_ONCE, r -> {
        Thread t = new Thread(r, "pakn-router-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        // Where functions share a JVM, each has its own class loader, which libraries look up through.
        t.setContextClassLoader(RouterHandler.class.getClassLoader());
        return t;
    });

    public RouterHandler() {
        super();
    }

    public RouterHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        if (event == null || event.getRecords() == null) {
            // An event we cannot read must not be acknowledged as an empty success.
            throw new IllegalArgumentException("SQS event without Records");
        }
        List<SQSEvent.SQSMessage> records = event.getRecords();
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byGroup.computeIfAbsent(groupOf(records.get(i)), g -> new ArrayList<>()).add(i);
        }
        List<Future<List<Integer>>> routed = new ArrayList<>();
        for (List<Integer> group : byGroup.values()) {
            routed.add(byGroup.size() == 1
                    ? CompletableFuture.completedFuture(routeInOrder(records, group))
                    : groups.submit(() -> routeInOrder(records, group)));
        }
        TreeSet<Integer> failed = new TreeSet<>();
        for (Future<List<Integer>> group : routed) {
            failed.addAll(outcome(group));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i : failed) {
            failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
        }
        return new SQSBatchResponse(failures);
    }

    /** Routes one group's messages in order; returns the indexes of those not routed. */
    private List<Integer> routeInOrder(List<SQSEvent.SQSMessage> records, List<Integer> group) {
        for (int k = 0; k < group.size(); k++) {
            SQSEvent.SQSMessage message = records.get(group.get(k));
            try {
                router.handle(message.getBody());
            } catch (RuntimeException e) {
                Log.error("router.failed", e, "messageId", message.getMessageId(),
                        "alsoReported", group.size() - k - 1);
                return group.subList(k, group.size());
            }
        }
        return List.of();
    }

    /** A crash (an Error) in any group fails the invocation, as it would have on this thread. */
    private static List<Integer> outcome(Future<List<Integer>> group) {
        try {
            return group.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("routing a message group failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while routing a batch", e);
        }
    }

    private static String groupOf(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String group = attributes == null ? null : attributes.get(MESSAGE_GROUP_ID);
        return group == null ? "" : group;
    }

    @Override
    public void close() {
        groups.shutdownNow();
        super.close();
    }
}
