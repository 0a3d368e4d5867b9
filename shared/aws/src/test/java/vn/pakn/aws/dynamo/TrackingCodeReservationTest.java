package vn.pakn.aws.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import vn.pakn.domain.intake.CreateOutcome;
import vn.pakn.domain.intake.IdempotencyRecord;
import vn.pakn.domain.intake.NewComplaint;

/**
 * The race in reserving a tracking code that DynamoDB Local cannot be made to lose on cue: the
 * conditional put fails, and the holder frees the code before the failure's item or a read shows
 * who held it. The repository tries again a bounded number of times instead of recursing.
 */
class TrackingCodeReservationTest {

    private static final IdempotencyRecord MINE = new IdempotencyRecord("key-hash", "fingerprint", "c-1",
            "PAKN-ABCD-EFGH", Instant.parse("2026-12-07T10:00:00Z"));
    /** Reserving comes first: when the code cannot be had, nothing of the complaint itself is read. */
    private static final NewComplaint SUBMISSION = new NewComplaint(null, null, List.of(), MINE);

    @Test
    void codeTakenAndFreedEveryTime_failsAfterThreePutsInsteadOfLooping() {
        FlakyCodeTable table = new FlakyCodeTable(() -> Map.of());
        DynamoComplaintRepository repository = new DynamoComplaintRepository(table, "complaints");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> repository.create(SUBMISSION));

        assertEquals(3, table.puts.size(), e.getMessage());
        assertEquals(3, table.reads, "each failed put without the holder is followed by one read");
    }

    @Test
    void holderShowsOnTheReadAfterThePut_isReportedAsTheKeysEarlierSubmission() {
        Map<String, AttributeValue> earlier = Map.of("pk", AttributeValue.fromS("TRACK#PAKN-ABCD-EFGH"),
                "sk", AttributeValue.fromS("TRACK"), "complaintId", AttributeValue.fromS("c-0"),
                "keyHash", AttributeValue.fromS("key-hash"), "fingerprint", AttributeValue.fromS("fingerprint"),
                "receivedAt", AttributeValue.fromS("2026-12-07T09:59:00Z"));
        FlakyCodeTable table = new FlakyCodeTable(() -> earlier);
        DynamoComplaintRepository repository = new DynamoComplaintRepository(table, "complaints");

        CreateOutcome outcome = repository.create(SUBMISSION);

        CreateOutcome.IdempotencyKeyTaken taken = assertInstanceOf(CreateOutcome.IdempotencyKeyTaken.class, outcome);
        assertEquals("c-0", taken.earlier().complaintId());
        assertEquals(1, table.puts.size());
    }

    /** Every conditional put fails without returning the item; reads answer what {@code holder} says. */
    private static final class FlakyCodeTable implements DynamoDbClient {
        final List<PutItemRequest> puts = new ArrayList<>();
        final Supplier<Map<String, AttributeValue>> holder;
        int reads;

        FlakyCodeTable(Supplier<Map<String, AttributeValue>> holder) {
            this.holder = holder;
        }

        @Override
        public PutItemResponse putItem(Consumer<PutItemRequest.Builder> request) {
            PutItemRequest.Builder b = PutItemRequest.builder();
            request.accept(b);
            puts.add(b.build());
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }

        @Override
        public GetItemResponse getItem(Consumer<GetItemRequest.Builder> request) {
            reads++;
            return GetItemResponse.builder().item(holder.get()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
