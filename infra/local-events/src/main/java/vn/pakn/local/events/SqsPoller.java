package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.LocalDeployment;

/**
 * An SQS event source mapping ({@code Type: SQS}), polled the way Lambda polls: long polls for up
 * to {@code BatchSize} messages (10 per receive, more within {@code MaximumBatchingWindowInSeconds}),
 * with every system and message attribute.
 *
 * <p>What happens after the invocation is AWS's: success deletes the batch; a thrown error deletes
 * nothing, so the messages come back after the queue's visibility timeout and the queue's redrive
 * policy moves them to its dead-letter queue after {@code maxReceiveCount} receives (ElasticMQ
 * implements both); with {@code FunctionResponseTypes: [ReportBatchItemFailures]} an
 * {@code SQSBatchResponse} deletes all but the messages it names. Messages that do not match
 * {@code FilterCriteria} are deleted without an invocation, as Lambda does.
 */
public final class SqsPoller implements EventSource {

    private static final int MAX_MESSAGES_PER_RECEIVE = 10;
    private static final int LONG_POLL_SECONDS = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LocalFunction function;
    private final String eventName;
    private final SqsClient sqs;
    private final String queueArn;
    private final String queueUrl;
    private final String queueLogicalId;
    private final String region;
    private final int batchSize;
    private final Duration batchingWindow;
    private final boolean reportBatchItemFailures;
    private final FilterCriteria filter;
    private final Consumer<String> console;
    private final EventSettings settings;

    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong messagesDeleted = new AtomicLong();
    private volatile boolean running;
    private final PollingThread poller = new PollingThread();

    private SqsPoller(LocalDeployment deployment, LocalFunction function, EventSpec event, EventSettings settings,
            Consumer<String> console) {
        EventProperties props = new EventProperties(deployment, function.spec(), event);
        this.function = function;
        this.eventName = event.name();
        this.sqs = deployment.services().sqs();
        this.queueArn = props.requiredString("Queue");
        this.queueLogicalId = deployment.queueLogicalIdByArn(queueArn).orElseThrow(() -> new IllegalArgumentException(
                props.where() + ".Queue " + queueArn + " is not a queue of this deployment "
                        + deployment.queues().keySet()));
        this.queueUrl = deployment.queueUrl(queueLogicalId);
        this.region = deployment.services().region();
        this.batchSize = props.integer("BatchSize", 10);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(props.where() + ".BatchSize must be 1..10000, got " + batchSize);
        }
        this.batchingWindow = Duration.ofSeconds(props.integer("MaximumBatchingWindowInSeconds", 0));
        if (batchSize > MAX_MESSAGES_PER_RECEIVE && batchingWindow.isZero()) {
            throw new IllegalArgumentException(props.where() + ": a BatchSize over 10 needs MaximumBatchingWindowInSeconds"
                    + " of at least 1, as on AWS");
        }
        this.reportBatchItemFailures = props.strings("FunctionResponseTypes").contains("ReportBatchItemFailures");
        this.filter = FilterCriteria.fromTemplate(props.resolved("FilterCriteria"), props.where());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.console = console == null ? s -> { } : console;
        function.requireAccepts(SQSEvent.class, "SQS queue " + queueLogicalId);
        int visibility = Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                .getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        if (visibility < function.spec().timeoutSeconds()) {
            // Lambda refuses such a mapping: messages would reappear while still being processed.
            throw new IllegalArgumentException(props.where() + ": queue " + queueLogicalId + " has VisibilityTimeout "
                    + visibility + " s, less than the function's Timeout of " + function.spec().timeoutSeconds() + " s");
        }
    }

    /**
     * The poller for the function's {@code Type: SQS} event {@code eventName}, not yet started.
     *
     * @throws IllegalArgumentException if there is no such event or the template values are invalid
     */
    public static SqsPoller create(LocalDeployment deployment, LocalFunction function, String eventName,
            EventSettings settings, Consumer<String> console) {
        return new SqsPoller(deployment, function, StreamPoller.event(function, eventName, "SQS"), settings, console);
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
        return queueLogicalId + " -> " + function.logicalId() + " (batch " + batchSize
                + (batchingWindow.isZero() ? "" : ", window " + batchingWindow.toSeconds() + " s")
                + (filter.isEmpty() ? "" : ", filter " + String.join(" | ", filter.patterns()))
                + (reportBatchItemFailures ? ", partial batch responses" : "") + ")";
    }

    public long invocationCount() {
        return invocations.get();
    }

    public long messagesDeleted() {
        return messagesDeleted.get();
    }

    @Override
    public synchronized void start() {
        running = true;
        poller.start("pakn-sqs-" + function.logicalId() + "-" + eventName, this::run, this);
    }

    @Override
    public synchronized void close() {
        running = false;
        // Interrupted during a receive, the SDK abandons the request's connection half used, and
        // ElasticMQ's shutdown then waits a minute for it: let the current long poll end first.
        poller.stop(Duration.ofSeconds(LONG_POLL_SECONDS + 1));
    }

    private void run() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (running && !batch.isEmpty()) {
                    process(batch);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                console.accept(function.logicalId() + ": polling " + queueLogicalId + " failed: " + e + "; retrying");
                sleep(settings.maxRetryBackoff());
            }
        }
    }

    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(Math.min(batchSize, MAX_MESSAGES_PER_RECEIVE), LONG_POLL_SECONDS));
        long deadline = System.nanoTime() + batchingWindow.toNanos();
        while (running && !batch.isEmpty() && batch.size() < batchSize && System.nanoTime() < deadline) {
            batch.addAll(receive(Math.min(batchSize - batch.size(), MAX_MESSAGES_PER_RECEIVE), LONG_POLL_SECONDS));
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")).messages();
    }

    private void process(List<Message> received) {
        List<Message> batch = new ArrayList<>();
        List<Message> filteredOut = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : received) {
            SQSEvent.SQSMessage record = toLambda(message, queueArn, region);
            if (filter.matches(toJson(record))) {
                batch.add(message);
                records.add(record);
            } else {
                filteredOut.add(message);
            }
        }
        delete(filteredOut);
        if (batch.isEmpty()) {
            return;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.getMessageId()));
        long t0 = System.nanoTime();
        invocations.incrementAndGet();
        BatchOutcome outcome;
        try {
            outcome = BatchOutcome.interpret(function.invoke(event), reportBatchItemFailures, ids);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            outcome = BatchOutcome.wholeBatchFailed("the handler threw " + e);
        }
        String took = Invocations.millis(t0);
        String what = function.logicalId() + " <- " + (batch.size() == 1 ? "1 message" : batch.size() + " messages")
                + " from " + queueLogicalId + ": ";
        switch (outcome.kind()) {
            case SUCCESS -> {
                delete(batch);
                console.accept(what + "ok (" + took + ")");
            }
            case PARTIAL -> {
                Set<String> failed = new HashSet<>(outcome.failedItems());
                delete(batch.stream().filter(m -> !failed.contains(m.messageId())).toList());
                console.accept(what + failed.size() + " reported failed, left on the queue to be received again ("
                        + took + ")");
            }
            default -> console.accept(what + "failed (" + outcome.reason() + "); the batch stays on the queue ("
                    + took + ")");
        }
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_MESSAGES_PER_RECEIVE) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES_PER_RECEIVE));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            messagesDeleted.addAndGet(response.successful().size());
            response.failed().forEach(f -> console.accept(function.logicalId() + ": could not delete a message from "
                    + queueLogicalId + ": " + f.code() + " " + f.message()));
        }
    }

    /** The record Lambda builds for a received message. */
    public static SQSEvent.SQSMessage toLambda(Message message, String queueArn, String region) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, toLambda(value)));
        record.setMessageAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }

    private static SQSEvent.MessageAttribute toLambda(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        attribute.setStringListValues(new ArrayList<>(value.stringListValues()));
        attribute.setBinaryListValues(value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList());
        return attribute;
    }

    /** The JSON filter patterns see: the record, with a JSON body parsed (a plain-text body stays a string). */
    static ObjectNode toJson(SQSEvent.SQSMessage record) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("messageId", record.getMessageId());
        json.put("receiptHandle", record.getReceiptHandle());
        JsonNode body;
        try {
            body = record.getBody() == null ? null : MAPPER.readTree(record.getBody());
        } catch (Exception e) {
            body = null;
        }
        if (body != null && (body.isObject() || body.isArray())) {
            json.set("body", body);
        } else {
            json.put("body", record.getBody());
        }
        ObjectNode attributes = json.putObject("attributes");
        record.getAttributes().forEach(attributes::put);
        ObjectNode messageAttributes = json.putObject("messageAttributes");
        record.getMessageAttributes().forEach((name, value) -> {
            ObjectNode a = messageAttributes.putObject(name);
            a.put("stringValue", value.getStringValue());
            a.put("dataType", value.getDataType());
        });
        json.put("md5OfBody", record.getMd5OfBody());
        json.put("eventSource", record.getEventSource());
        json.put("eventSourceARN", record.getEventSourceArn());
        json.put("awsRegion", record.getAwsRegion());
        return json;
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
        return "SqsPoller[" + description() + "]";
    }
}
