package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How Lambda reads a batch handler's result (SQS and streams alike). With
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}: a null response or an empty or null
 * {@code batchItemFailures} is complete success; a failure whose {@code itemIdentifier} is null,
 * empty or not in the batch fails the whole batch; otherwise just the listed items failed.
 * Without it, any response is success.
 */
record BatchOutcome(Kind kind, List<String> failedItems, String reason) {

    enum Kind { SUCCESS, PARTIAL, WHOLE_BATCH_FAILED }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static BatchOutcome success() {
        return new BatchOutcome(Kind.SUCCESS, List.of(), null);
    }

    static BatchOutcome wholeBatchFailed(String reason) {
        return new BatchOutcome(Kind.WHOLE_BATCH_FAILED, List.of(), reason);
    }

    static BatchOutcome interpret(Object response, boolean reportBatchItemFailures, Set<String> itemsInBatch) {
        if (!reportBatchItemFailures || response == null) {
            return success();
        }
        List<String> identifiers = new ArrayList<>();
        if (response instanceof SQSBatchResponse sqs) {
            if (sqs.getBatchItemFailures() == null) {
                return success();
            }
            sqs.getBatchItemFailures().forEach(f -> identifiers.add(f == null ? null : f.getItemIdentifier()));
        } else if (response instanceof StreamsEventResponse streams) {
            if (streams.getBatchItemFailures() == null) {
                return success();
            }
            streams.getBatchItemFailures().forEach(f -> identifiers.add(f == null ? null : f.getItemIdentifier()));
        } else {
            // Lambda serialises any other result to JSON and looks for the same shape.
            JsonNode json;
            try {
                json = response instanceof String text ? MAPPER.readTree(text) : MAPPER.valueToTree(response);
            } catch (Exception e) {
                return wholeBatchFailed("the response is not valid JSON");
            }
            JsonNode failures = json == null ? null : json.get("batchItemFailures");
            if (failures == null || failures.isNull()) {
                return success();
            }
            if (!failures.isArray()) {
                return wholeBatchFailed("batchItemFailures is not a list");
            }
            failures.forEach(f -> identifiers.add(f.path("itemIdentifier").isTextual()
                    ? f.get("itemIdentifier").asText() : null));
        }
        if (identifiers.isEmpty()) {
            return success();
        }
        for (String id : identifiers) {
            if (id == null || id.isEmpty()) {
                return wholeBatchFailed("a batch item failure has no itemIdentifier");
            }
            if (!itemsInBatch.contains(id)) {
                return wholeBatchFailed("itemIdentifier " + id + " is not in the batch");
            }
        }
        return new BatchOutcome(Kind.PARTIAL, List.copyOf(identifiers), null);
    }
}
