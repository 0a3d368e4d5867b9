package vn.pakn.router;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;

/**
 * Consumes the intake FIFO queue. Messages of one group (one complaint) must stay in order, so
 * at the first failure the rest of the batch is reported failed too and comes back later.
 */
public class RouterHandler extends PaknHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    RouterService router;

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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage message = records.get(i);
            try {
                router.handle(message.getBody());
            } catch (RuntimeException e) {
                Log.error("router.failed", e, "messageId", message.getMessageId());
                for (int j = i; j < records.size(); j++) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(records.get(j).getMessageId()));
                }
                break;
            }
        }
        return new SQSBatchResponse(failures);
    }
}
