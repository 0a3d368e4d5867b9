package vn.pakn.aws.sqs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SqsException;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.json.Json;
import vn.pakn.aws.log.Log;

/**
 * Each agency's assignment queue and its dead-letter queue. Agencies are data, so their queues are
 * made at run time rather than declared in template.yaml; their names share a prefix so that IAM
 * policies in the template can still name them all ({@code arn:aws:sqs:<region>:<account>:<prefix>*}).
 * Standard queues: an agency works complaints in any order, and the outbox's deduplication id
 * travels as a message attribute for consumers to drop the rare duplicate.
 */
public final class AgencyQueues {
    /** The function environment variable holding the name prefix, e.g. {@code pakn-prod-agency-}. */
    public static final String PREFIX_VARIABLE = "AGENCY_QUEUE_PREFIX";
    public static final String DEAD_LETTER_SUFFIX = "-dlq";
    /** Receives before a message moves to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** As the intake queue: six times the longest consumer timeout. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 180;
    /**
     * The maximum, on both queues: Tết closes offices for up to nine days in a row, and an
     * assignment must still be waiting when they reopen.
     */
    static final int RETENTION_SECONDS = 14 * 24 * 60 * 60;
    /** Encryption changes nothing an emulator could show, and some refuse the attribute. */
    static final Set<String> OPTIONAL_ATTRIBUTES = Set.of(QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString());
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** Where an agency's queues are. */
    public record AgencyQueue(String agencyId, String queueUrl, String queueArn, String deadLetterQueueUrl,
                              String deadLetterQueueArn) {
        /** What the agency's item records. */
        public DynamoAgencies.QueueLocation location() {
            return new DynamoAgencies.QueueLocation(queueUrl, queueArn, deadLetterQueueUrl);
        }
    }

    private final Supplier<SqsClient> sqs;
    private final String prefix;

    public AgencyQueues(SqsClient sqs, String prefix) {
        this(() -> sqs, prefix);
    }

    /**
     * With the client asked for on first need: a function that seldom makes queues (the admin
     * API) need not build an SQS client at init.
     */
    public AgencyQueues(Supplier<SqsClient> sqs, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("Agency queue name prefix must not be blank");
        }
        this.sqs = sqs;
        this.prefix = prefix;
    }

    /** For a function that creates agency queues: the prefix is what its IAM policy allows. */
    public static AgencyQueues fromEnvironment(SqsClient sqs, FunctionEnvironment environment) {
        return new AgencyQueues(sqs, environment.require(PREFIX_VARIABLE));
    }

    /** As {@link #fromEnvironment(SqsClient, FunctionEnvironment)}, the client asked for on first need. */
    public static AgencyQueues fromEnvironment(Supplier<SqsClient> sqs, FunctionEnvironment environment) {
        return new AgencyQueues(sqs, environment.require(PREFIX_VARIABLE));
    }

    /** The prefix template.yaml gives a stage ({@code !Sub "pakn-${Stage}-agency-"}). */
    public static String prefixForStage(String stage) {
        return "pakn-" + stage + "-agency-";
    }

    static final String ROLE_TAG = "PaknQueueRole";
    static final String STAGE_TAG = "PaknStage";

    /** The stage in a {@code pakn-<stage>-agency-} prefix, or the whole prefix for other layouts. */
    String stage() {
        var m = java.util.regex.Pattern.compile("pakn-(.+)-agency-").matcher(prefix);
        return m.matches() ? m.group(1) : prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String queueName(String agencyId) {
        return checkedName(prefix + agencyId, agencyId);
    }

    public String deadLetterQueueName(String agencyId) {
        return checkedName(prefix + agencyId + DEAD_LETTER_SUFFIX, agencyId);
    }

    /**
     * Creates the agency's dead-letter queue and then its queue, redriving to it; either one that
     * exists already is reused as it is. Safe to repeat and to run concurrently.
     */
    public AgencyQueue ensure(String agencyId) {
        String dlqName = deadLetterQueueName(agencyId);
        String name = queueName(agencyId);

        Map<String, String> dlqAttributes = new LinkedHashMap<>();
        dlqAttributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString(), Integer.toString(RETENTION_SECONDS));
        dlqAttributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString(), "true");
        String dlqUrl = ensureQueue(dlqName, dlqAttributes, "agency-dead-letter");
        String dlqArn = arn(dlqUrl);

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT.toString(), Integer.toString(VISIBILITY_TIMEOUT_SECONDS));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString(), Integer.toString(RETENTION_SECONDS));
        attributes.put(QueueAttributeName.REDRIVE_POLICY.toString(), redrivePolicy(dlqArn));
        attributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString(), "true");
        String url = ensureQueue(name, attributes, "agency-assignments");
        return new AgencyQueue(agencyId, url, arn(url), dlqUrl, dlqArn);
    }

    static String redrivePolicy(String deadLetterArn) {
        return Json.write(Json.object().put("deadLetterTargetArn", deadLetterArn)
                .put("maxReceiveCount", MAX_RECEIVE_COUNT));
    }

    /**
     * The tags are what the template's alarms select agency queues by, since queues created at
     * run time cannot be named in the template.
     */
    private String ensureQueue(String name, Map<String, String> attributes, String role) {
        try {
            return sqs.get().getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException absent) {
            try {
                String url = create(name, attributes);
                sqs.get().tagQueue(b -> b.queueUrl(url).tags(Map.of(ROLE_TAG, role, STAGE_TAG, stage())));
                return url;
            } catch (QueueNameExistsException raced) {
                // Created meanwhile by a concurrent call with other attributes (one fell back): same queue.
                return sqs.get().getQueueUrl(b -> b.queueName(name)).queueUrl();
            }
        }
    }

    /**
     * Sends every attribute; a server that refuses one of the optional ones (an emulator) gets the
     * queue without them, as the local provisioner does for the template's queues.
     */
    private String create(String name, Map<String, String> attributes) {
        try {
            return sqs.get().createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        } catch (SqsException e) {
            Map<String, String> required = new LinkedHashMap<>(attributes);
            required.keySet().removeAll(OPTIONAL_ATTRIBUTES);
            if (required.size() == attributes.size() || !isAttributeError(e)) {
                throw e;
            }
            Log.warn("agency.queue.attributes-refused", "queue", name, "dropped", OPTIONAL_ATTRIBUTES.toString());
            return sqs.get().createQueue(b -> b.queueName(name).attributesWithStrings(required)).queueUrl();
        }
    }

    private String arn(String queueUrl) {
        return sqs.get().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** SQS answers InvalidAttributeName; other servers a generic validation error naming the attribute. */
    private static boolean isAttributeError(SqsException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String message = String.valueOf(e.getMessage());
        return code.contains("InvalidAttribute") || code.contains("UnsupportedOperation")
                || ((code.contains("InvalidParameter") || code.contains("Validation"))
                        && OPTIONAL_ATTRIBUTES.stream().anyMatch(message::contains));
    }

    private static String checkedName(String name, String agencyId) {
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Agency id " + agencyId + " cannot name a queue: " + name
                    + " must be at most 80 letters, digits, hyphens or underscores");
        }
        return name;
    }
}
