package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/** The documented re-drive command moves dead letters back, keeping what consumers rely on. */
class RedriveIT {
    static LocalAwsServices services;
    static LocalDeployment deployment;

    @BeforeAll
    static void start() {
        services = LocalAwsServices.start(line -> { }, Map.of());
        deployment = Provisioner.provision(SamTemplate.load(), services, line -> { });
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void fifoDeadLetters_goBackWithTheirGroupAndDeduplicationIds() {
        SqsClient sqs = services.sqs();
        String dlq = deployment.queueUrl("IntakeDeadLetterQueue");
        String intake = deployment.queueUrl("IntakeQueue");
        for (int i = 0; i < 12; i++) {
            String id = "C" + i;
            sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{\"complaintId\":\"" + id + "\"}")
                    .messageGroupId(id).messageDeduplicationId(id + "#1")
                    .messageAttributes(Map.of("deduplicationId",
                            MessageAttributeValue.builder().dataType("String").stringValue(id + "#1").build())));
        }

        assertEquals(12, Redrive.redrive(sqs, dlq, intake, 1000));

        List<Message> back = drain(sqs, intake);
        assertEquals(12, back.size());
        for (Message m : back) {
            String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            assertEquals(group + "#1", m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
            assertEquals(group + "#1", m.messageAttributes().get("deduplicationId").stringValue());
        }
        assertEquals(0, drain(sqs, dlq).size(), "nothing left behind");
    }

    @Test
    void max_limitsHowManyMove() {
        SqsClient sqs = services.sqs();
        String source = sqs.createQueue(b -> b.queueName("redrive-source")).queueUrl();
        String target = sqs.createQueue(b -> b.queueName("redrive-target")).queueUrl();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(source).messageBody("m" + n));
        }
        assertEquals(3, Redrive.redrive(sqs, source, target, 3));
        assertEquals(3, drain(sqs, target).size());
    }

    private static List<Message> drain(SqsClient sqs, String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            var batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            all.addAll(batch);
        }
    }
}
