package vn.pakn.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.pakn.aws.AwsClients;
import vn.pakn.aws.FunctionEnvironment;

/**
 * Moves messages from a dead-letter queue back to the queue it serves, once the cause is fixed.
 * Works against AWS and the local runtime alike (SQS's own StartMessageMoveTask is AWS-only),
 * keeps FIFO group and deduplication ids, and deletes each message only after it was re-sent.
 */
public final class Redrive {
    private Redrive() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String from = options.get("--from");
        String to = options.get("--to");
        if (from == null || to == null) {
            System.err.println("""
                    Usage: java -cp infra/local/target/pakn-local.jar vn.pakn.local.Redrive \\
                             --from <dead-letter queue URL> --to <queue URL> [--max <messages>]
                    Locally, add AWS_ENDPOINT_URL=<the SQS endpoint the runtime printed> and its credentials.""");
            System.exit(2);
        }
        int max = Integer.parseInt(options.getOrDefault("--max", "1000000"));
        try (SqsClient sqs = new AwsClients(FunctionEnvironment.system()).sqs()) {
            int moved = redrive(sqs, from, to, max);
            System.out.printf("Moved %d message(s) from %s to %s%n", moved, from, to);
        }
    }

    public static int redrive(SqsClient sqs, String fromUrl, String toUrl, int max) {
        int moved = 0;
        while (moved < max) {
            int wanted = Math.min(10, max - moved);
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(fromUrl).maxNumberOfMessages(wanted).waitTimeSeconds(1)
                    .visibilityTimeout(60).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return moved;
            }
            for (Message m : batch) {
                SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(toUrl).messageBody(m.body())
                        .messageAttributes(m.messageAttributes());
                if (toUrl.endsWith(".fifo")) {
                    String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                    String dedup = m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
                    send.messageGroupId(group == null ? m.messageId() : group)
                            .messageDeduplicationId(dedup == null ? m.messageId() : dedup);
                }
                sqs.sendMessage(send.build());
                sqs.deleteMessage(b -> b.queueUrl(fromUrl).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
        return moved;
    }
}
