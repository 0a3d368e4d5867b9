package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchOutcomeTest {

    private static final Set<String> BATCH = Set.of("m1", "m2", "m3");

    private static BatchOutcome.Kind kind(Object response) {
        return BatchOutcome.interpret(response, true, BATCH).kind();
    }

    @Test
    void nullOrEmptyFailures_areCompleteSuccess() {
        assertEquals(BatchOutcome.Kind.SUCCESS, kind(null));
        assertEquals(BatchOutcome.Kind.SUCCESS, kind(new SQSBatchResponse()));
        assertEquals(BatchOutcome.Kind.SUCCESS, kind(new SQSBatchResponse(List.of())));
        assertEquals(BatchOutcome.Kind.SUCCESS, kind(new StreamsEventResponse()));
    }

    @Test
    void listedItems_arePartialFailures() {
        BatchOutcome outcome = BatchOutcome.interpret(new SQSBatchResponse(List.of(
                new SQSBatchResponse.BatchItemFailure("m2"))), true, BATCH);
        assertEquals(BatchOutcome.Kind.PARTIAL, outcome.kind());
        assertEquals(List.of("m2"), outcome.failedItems());
    }

    @Test
    void missingEmptyOrUnknownIdentifier_failsTheWholeBatch() {
        List<SQSBatchResponse.BatchItemFailure> withNull = new ArrayList<>();
        withNull.add(new SQSBatchResponse.BatchItemFailure(null));
        assertEquals(BatchOutcome.Kind.WHOLE_BATCH_FAILED, kind(new SQSBatchResponse(withNull)));
        assertEquals(BatchOutcome.Kind.WHOLE_BATCH_FAILED, kind(new StreamsEventResponse(List.of(
                new StreamsEventResponse.BatchItemFailure("")))));
        assertEquals(BatchOutcome.Kind.WHOLE_BATCH_FAILED, kind(new SQSBatchResponse(List.of(
                new SQSBatchResponse.BatchItemFailure("m9")))));
    }

    @Test
    void otherShapes_areReadAsLambdaReadsTheirJson() {
        assertEquals(BatchOutcome.Kind.PARTIAL, kind(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "m1")))));
        assertEquals(BatchOutcome.Kind.PARTIAL, kind("{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"}]}"));
        assertEquals(BatchOutcome.Kind.SUCCESS, kind(Map.of("result", "done")));
        assertEquals(BatchOutcome.Kind.WHOLE_BATCH_FAILED, kind("{not json"));
    }

    @Test
    void withoutReportBatchItemFailures_anyResponseIsSuccess() {
        assertEquals(BatchOutcome.Kind.SUCCESS, BatchOutcome.interpret(new SQSBatchResponse(List.of(
                new SQSBatchResponse.BatchItemFailure("m2"))), false, BATCH).kind());
    }
}
