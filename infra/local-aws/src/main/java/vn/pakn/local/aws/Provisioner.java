package vn.pakn.local.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Creates the DynamoDB tables, SQS queues and S3 buckets that template.yaml declares, on whatever
 * {@link LocalAwsServices} points at. Idempotent: what already exists (same physical name) is
 * reused as it is, so re-runs and shared external endpoints are fine. Every other resource type is
 * left to the local runtime or ignored.
 */
public final class Provisioner {

    /**
     * Queue attributes that change nothing a local run can observe and that emulators may not
     * support. ElasticMQ accepts and silently ignores them, so they are not sent to it; anything
     * else gets them, and only if it refuses them is the queue created without them.
     */
    static final Set<String> OPTIONAL_QUEUE_ATTRIBUTES = Set.of(
            "DeduplicationScope", "FifoThroughputLimit", "SqsManagedSseEnabled", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds");

    private static final List<String> QUEUE_ATTRIBUTES = List.of(
            "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
            "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
            "MaximumMessageSize", "RedrivePolicy", "RedriveAllowPolicy", "SqsManagedSseEnabled", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds");

    private static final Set<String> PROVISIONED_TYPES =
            Set.of(LocalDeployment.TABLE, LocalDeployment.QUEUE, LocalDeployment.BUCKET);
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final SamTemplate template;
    private final LocalAwsServices services;
    private final LocalDeployment deployment;
    private final Consumer<String> progress;
    private final Set<String> skippedQueueAttributesNoted = new TreeSet<>();
    private boolean crossServiceReferences;

    private Provisioner(SamTemplate template, LocalAwsServices services, Map<String, String> parameterOverrides,
            Consumer<String> progress) {
        this.template = template;
        this.services = services;
        this.deployment = new LocalDeployment(template, services, parameterOverrides);
        Consumer<String> target = progress == null ? s -> { } : progress;
        this.progress = message -> {
            synchronized (this) {
                target.accept(message);
            }
        };
    }

    /** Provisions with the template's parameter defaults. */
    public static LocalDeployment provision(SamTemplate template, LocalAwsServices services, Consumer<String> progress) {
        return provision(template, services, Map.of(), progress);
    }

    /** Provisions with some parameters overridden (as {@code sam deploy --parameter-overrides}). */
    public static LocalDeployment provision(SamTemplate template, LocalAwsServices services,
            Map<String, String> parameterOverrides, Consumer<String> progress) {
        return new Provisioner(template, services, parameterOverrides, progress).run();
    }

    private LocalDeployment run() {
        long t0 = System.nanoTime();
        List<SamTemplate.Resource> ordered = dependencyOrder();
        // Tables, queues and buckets live on different servers: when no resource refers across
        // services, the three sequences run side by side (each still in dependency order).
        Map<String, List<SamTemplate.Resource>> byService = new LinkedHashMap<>();
        for (SamTemplate.Resource resource : ordered) {
            byService.computeIfAbsent(resource.type(), t -> new ArrayList<>()).add(resource);
        }
        if (crossServiceReferences || byService.size() < 2) {
            provisionInOrder(ordered);
        } else {
            List<Thread> workers = new ArrayList<>();
            List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (List<SamTemplate.Resource> sequence : byService.values()) {
                Thread worker = new Thread(() -> {
                    try {
                        provisionInOrder(sequence);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }, "pakn-provision-" + sequence.get(0).type());
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while provisioning", e);
                }
            }
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0);
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        }
        List<String> ignored = new ArrayList<>();
        for (SamTemplate.Resource resource : template.resources().values()) {
            if (!PROVISIONED_TYPES.contains(resource.type()) && !resource.type().endsWith("::Function")) {
                ignored.add(resource.logicalId());
            }
        }
        if (!ignored.isEmpty()) {
            progress.accept("  not provisioned locally: " + String.join(", ", ignored));
        }
        progress.accept("Provisioned " + ordered.size() + " resources from "
                + (template.path() == null ? "the template" : template.path().getFileName()) + " ("
                + LocalAwsServices.seconds(t0) + ")");
        return deployment;
    }

    private void provisionInOrder(List<SamTemplate.Resource> resources) {
        for (SamTemplate.Resource resource : resources) {
            long t = System.nanoTime();
            String outcome;
            try {
                outcome = switch (resource.type()) {
                    case LocalDeployment.TABLE -> table(resource);
                    case LocalDeployment.QUEUE -> queue(resource);
                    default -> bucket(resource);
                };
            } catch (RuntimeException e) {
                throw new IllegalStateException("Provisioning " + resource.logicalId() + " (" + resource.type()
                        + ") failed: " + e.getMessage(), e);
            }
            progress.accept("  " + resource.logicalId() + ": " + outcome + " (" + LocalAwsServices.seconds(t) + ")");
        }
    }

    // ------------------------------------------------------------------ DynamoDB

    private String table(SamTemplate.Resource resource) {
        Map<String, Object> props = resource.properties();
        String name = props.containsKey("TableName") ? deployment.resolveString(props.get("TableName"))
                : resource.logicalId();
        DynamoDbClient dynamo = services.dynamoDb();
        List<String> notes = new ArrayList<>();
        boolean created;
        if (describe(dynamo, name) != null) {
            created = false;
        } else {
            try {
                dynamo.createTable(createTableRequest(name, props));
                created = true;
            } catch (ResourceInUseException e) {
                created = false; // created concurrently by someone else: same outcome
            }
        }
        TableDescription table = awaitActive(dynamo, name);
        Map<String, Object> ttl = SamTemplate.map(deployment.resolve(props.get("TimeToLiveSpecification")),
                resource.logicalId() + ".TimeToLiveSpecification");
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) && ttl.get("AttributeName") != null) {
            notes.add(timeToLive(dynamo, name, ttl.get("AttributeName").toString()));
        }
        String arn = table.tableArn() != null && table.tableArn().startsWith("arn:aws:dynamodb:" + services.region() + ":")
                ? table.tableArn()
                // DynamoDB Local reports region "ddblocal"; use what the template's IAM policies would see.
                : "arn:aws:dynamodb:" + services.region() + ":" + services.accountId() + ":table/" + name;
        deployment.add(new LocalDeployment.Table(resource.logicalId(), name, arn, table.latestStreamArn()));
        if (table.latestStreamArn() != null) {
            notes.add(0, "stream " + table.streamSpecification().streamViewTypeAsString());
        }
        if (table.hasGlobalSecondaryIndexes()) {
            notes.add(0, "GSI " + String.join(", ", table.globalSecondaryIndexes().stream()
                    .map(g -> g.indexName()).toList()));
        }
        return (created ? "created table " : "reused table ") + name + (notes.isEmpty() ? "" : ", " + String.join(", ", notes));
    }

    private CreateTableRequest createTableRequest(String name, Map<String, Object> props) {
        String where = name;
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : list(deployment.resolve(props.get("AttributeDefinitions")), where + ".AttributeDefinitions")) {
            Map<String, Object> m = SamTemplate.map(a, where + ".AttributeDefinitions");
            attributes.add(AttributeDefinition.builder()
                    .attributeName(str(m.get("AttributeName"))).attributeType(str(m.get("AttributeType"))).build());
        }
        Object resolvedBilling = deployment.resolve(props.get("BillingMode"));
        Object throughput = deployment.resolve(props.get("ProvisionedThroughput"));
        // CloudFormation's default is PROVISIONED, but only with throughput given does that make sense here.
        boolean provisioned = resolvedBilling == null ? throughput != null : "PROVISIONED".equals(resolvedBilling);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(deployment.resolve(props.get("KeySchema")), where + ".KeySchema"))
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
        if (provisioned) {
            request.provisionedThroughput(throughput(throughput, where));
        }
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Object g : list(deployment.resolve(props.get("GlobalSecondaryIndexes")), where + ".GlobalSecondaryIndexes")) {
            Map<String, Object> m = SamTemplate.map(g, where + ".GlobalSecondaryIndexes");
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(str(m.get("IndexName")))
                    .keySchema(keySchema(m.get("KeySchema"), where + "." + m.get("IndexName")))
                    .projection(projection(m.get("Projection")));
            if (provisioned) {
                gsi.provisionedThroughput(throughput(m.get("ProvisionedThroughput"), where + "." + m.get("IndexName")));
            }
            gsis.add(gsi.build());
        }
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        for (Object l : list(deployment.resolve(props.get("LocalSecondaryIndexes")), where + ".LocalSecondaryIndexes")) {
            Map<String, Object> m = SamTemplate.map(l, where + ".LocalSecondaryIndexes");
            lsis.add(LocalSecondaryIndex.builder()
                    .indexName(str(m.get("IndexName")))
                    .keySchema(keySchema(m.get("KeySchema"), where + "." + m.get("IndexName")))
                    .projection(projection(m.get("Projection")))
                    .build());
        }
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        Map<String, Object> stream = SamTemplate.map(deployment.resolve(props.get("StreamSpecification")),
                where + ".StreamSpecification");
        if (stream.get("StreamViewType") != null) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true).streamViewType(str(stream.get("StreamViewType"))).build());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object value, String where) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : list(value, where)) {
            Map<String, Object> m = SamTemplate.map(k, where);
            keys.add(KeySchemaElement.builder()
                    .attributeName(str(m.get("AttributeName"))).keyType(str(m.get("KeyType"))).build());
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty");
        }
        return keys;
    }

    private static Projection projection(Object value) {
        Map<String, Object> m = SamTemplate.map(value, "Projection");
        Projection.Builder projection = Projection.builder()
                .projectionType(m.get("ProjectionType") == null ? "ALL" : str(m.get("ProjectionType")));
        if (m.get("NonKeyAttributes") != null) {
            projection.nonKeyAttributes(list(m.get("NonKeyAttributes"), "NonKeyAttributes").stream()
                    .map(Object::toString).toList());
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value, String where) {
        Map<String, Object> m = SamTemplate.map(value, where + ".ProvisionedThroughput");
        if (m.get("ReadCapacityUnits") == null || m.get("WriteCapacityUnits") == null) {
            throw new IllegalArgumentException(where + ": PROVISIONED billing needs ProvisionedThroughput");
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(str(m.get("ReadCapacityUnits"))))
                .writeCapacityUnits(Long.parseLong(str(m.get("WriteCapacityUnits"))))
                .build();
    }

    private static TableDescription describe(DynamoDbClient dynamo, String name) {
        try {
            return dynamo.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    /** Emulators create tables ACTIVE; AWS takes seconds, and UpdateTimeToLive fails until then. */
    private static TableDescription awaitActive(DynamoDbClient dynamo, String name) {
        TableDescription table = describe(dynamo, name);
        if (table != null && "ACTIVE".equals(table.tableStatusAsString())) {
            return table;
        }
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamo)
                .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(500)))
                        .maxAttempts(240))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(name));
        }
        return describe(dynamo, name);
    }

    private static String timeToLive(DynamoDbClient dynamo, String table, String attribute) {
        try {
            TimeToLiveStatus status = dynamo.describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription().timeToLiveStatus();
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
                return "TTL " + attribute;
            }
            dynamo.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
            return "TTL " + attribute;
        } catch (DynamoDbException e) {
            return "TTL on " + attribute + " not set (the server refused: "
                    + e.awsErrorDetails().errorMessage() + ")";
        }
    }

    // ------------------------------------------------------------------ SQS

    private String queue(SamTemplate.Resource resource) {
        Map<String, Object> props = resource.properties();
        boolean fifo = Boolean.parseBoolean(String.valueOf(deployment.resolve(props.get("FifoQueue"))));
        String name = props.containsKey("QueueName") ? deployment.resolveString(props.get("QueueName"))
                : resource.logicalId();
        if (fifo && !name.endsWith(".fifo")) {
            name = name + ".fifo";
        }
        SqsClient sqs = services.sqs();
        String url = queueUrl(sqs, name);
        String outcome;
        if (url != null) {
            outcome = "reused queue " + name;
        } else {
            Map<String, String> attributes = queueAttributes(resource, fifo);
            url = createQueue(sqs, name, attributes);
            outcome = "created queue " + name;
            if (attributes.containsKey("RedrivePolicy")) {
                outcome += ", redrive " + attributes.get("RedrivePolicy");
            }
        }
        String finalUrl = url;
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(finalUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        if (arn == null || arn.isBlank()) {
            arn = "arn:aws:sqs:" + services.region() + ":" + services.accountId() + ":" + name;
        }
        deployment.add(new LocalDeployment.Queue(resource.logicalId(), name, url, arn));
        return outcome;
    }

    private Map<String, String> queueAttributes(SamTemplate.Resource resource, boolean fifo) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : QUEUE_ATTRIBUTES) {
            Object raw = resource.properties().get(key);
            if (raw == null) {
                continue;
            }
            Object value = deployment.resolve(raw);
            if (value == null || (key.equals("FifoQueue") && !fifo)) {
                continue; // SQS refuses FifoQueue=false: a standard queue must not name the attribute
            }
            attributes.put(key, value instanceof Map<?, ?> || value instanceof List<?> ? Json.write(value)
                    : value.toString());
        }
        return attributes;
    }

    private String createQueue(SqsClient sqs, String name, Map<String, String> attributes) {
        if (services.sqsIsEmbeddedElasticMq()) {
            Map<String, String> supported = withoutOptional(attributes);
            if (supported.size() < attributes.size()) {
                Set<String> skipped = new TreeSet<>(attributes.keySet());
                skipped.removeAll(supported.keySet());
                noteSkipped(skipped, "ElasticMQ does not support them");
            }
            return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(supported)).queueUrl();
        }
        return createQueueFallingBack(sqs, name, attributes, this::noteSkipped);
    }

    /**
     * Creates the queue with every attribute; if the server refuses an attribute and some optional
     * ones were sent, creates it again without those and reports them. Any other refusal fails.
     */
    static String createQueueFallingBack(SqsClient sqs, String name, Map<String, String> attributes,
            java.util.function.BiConsumer<Set<String>, String> skipped) {
        try {
            return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        } catch (SqsException e) {
            Map<String, String> required = withoutOptional(attributes);
            if (required.size() == attributes.size() || !isAttributeError(e)) {
                throw e;
            }
            String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(required)).queueUrl();
            Set<String> dropped = new TreeSet<>(attributes.keySet());
            dropped.removeAll(required.keySet());
            skipped.accept(dropped, "the SQS server refused them (" + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage()) + ")");
            return url;
        }
    }

    private static Map<String, String> withoutOptional(Map<String, String> attributes) {
        Map<String, String> required = new LinkedHashMap<>(attributes);
        required.keySet().removeAll(OPTIONAL_QUEUE_ATTRIBUTES);
        return required;
    }

    /** Reports each skipped attribute once per provisioning run, not once per queue. */
    private void noteSkipped(Set<String> attributes, String why) {
        Set<String> firstTime = new TreeSet<>(attributes);
        firstTime.removeAll(skippedQueueAttributesNoted);
        if (!firstTime.isEmpty()) {
            skippedQueueAttributesNoted.addAll(firstTime);
            progress.accept("  note: queues are created without " + String.join(", ", firstTime) + ": " + why);
        }
    }

    /** SQS answers InvalidAttributeName; other servers a generic validation error naming the attribute. */
    private static boolean isAttributeError(SqsException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String message = String.valueOf(e.getMessage());
        return code.contains("InvalidAttribute") || code.contains("UnsupportedOperation")
                || ((code.contains("InvalidParameter") || code.contains("Validation"))
                        && OPTIONAL_QUEUE_ATTRIBUTES.stream().anyMatch(message::contains));
    }

    private static String queueUrl(SqsClient sqs, String name) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ S3

    private String bucket(SamTemplate.Resource resource) {
        Map<String, Object> props = resource.properties();
        String name = props.containsKey("BucketName") ? deployment.resolveString(props.get("BucketName"))
                : (LocalDeployment.STACK_NAME + "-" + resource.logicalId()).toLowerCase(Locale.ROOT);
        S3Client s3 = services.s3();
        String outcome;
        if (bucketExists(s3, name)) {
            outcome = "reused bucket " + name;
        } else {
            try {
                s3.createBucket(b -> {
                    b.bucket(name);
                    // us-east-1 is the one region that refuses to be named as a location constraint.
                    if (!services.region().equals("us-east-1")) {
                        b.createBucketConfiguration(c -> c.locationConstraint(
                                BucketLocationConstraint.fromValue(services.region())));
                    }
                });
            } catch (BucketAlreadyOwnedByYouException e) {
                // created concurrently: same outcome
            }
            outcome = "created bucket " + name;
            Map<String, Object> versioning = SamTemplate.map(deployment.resolve(props.get("VersioningConfiguration")),
                    resource.logicalId() + ".VersioningConfiguration");
            if ("Enabled".equals(versioning.get("Status"))) {
                try {
                    s3.putBucketVersioning(b -> b.bucket(name)
                            .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
                    outcome += ", versioning enabled";
                } catch (S3Exception e) {
                    outcome += ", versioning not enabled (the server refused: " + e.getMessage() + ")";
                }
            }
        }
        deployment.add(new LocalDeployment.Bucket(resource.logicalId(), name, "arn:aws:s3:::" + name));
        return outcome;
    }

    private static boolean bucketExists(S3Client s3, String name) {
        try {
            s3.headBucket(b -> b.bucket(name));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e; // 403: the name belongs to someone else's account
        }
    }

    // ------------------------------------------------------------------ ordering

    /**
     * Deployed tables, queues and buckets, each after the ones it refers to (a queue's redrive
     * policy needs its dead-letter queue's ARN), otherwise in template order.
     */
    private List<SamTemplate.Resource> dependencyOrder() {
        Map<String, SamTemplate.Resource> todo = new LinkedHashMap<>();
        for (SamTemplate.Resource resource : template.resources().values()) {
            if (PROVISIONED_TYPES.contains(resource.type()) && deployment.isDeployed(resource)) {
                todo.put(resource.logicalId(), resource);
            }
        }
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (SamTemplate.Resource resource : todo.values()) {
            Set<String> refs = new LinkedHashSet<>(resource.dependsOn());
            collectReferences(resource.properties(), refs);
            refs.retainAll(todo.keySet());
            refs.remove(resource.logicalId());
            dependencies.put(resource.logicalId(), refs);
            for (String ref : refs) {
                crossServiceReferences |= !todo.get(ref).type().equals(resource.type());
            }
        }
        List<SamTemplate.Resource> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < todo.size()) {
            boolean progressed = false;
            for (SamTemplate.Resource resource : todo.values()) {
                if (!done.contains(resource.logicalId()) && done.containsAll(dependencies.get(resource.logicalId()))) {
                    ordered.add(resource);
                    done.add(resource.logicalId());
                    progressed = true;
                }
            }
            if (!progressed) {
                Set<String> stuck = new TreeSet<>(todo.keySet());
                stuck.removeAll(done);
                throw new IllegalArgumentException("Circular references between " + stuck);
            }
        }
        return ordered;
    }

    /** Logical ids named by Ref, Fn::GetAtt and Fn::Sub anywhere in {@code value}. */
    static void collectReferences(Object value, Collection<String> into) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> e = map.entrySet().iterator().next();
                switch (e.getKey().toString()) {
                    case "Ref" -> {
                        if (e.getValue() instanceof String s) {
                            into.add(s);
                        }
                        return;
                    }
                    case "Fn::GetAtt" -> {
                        if (e.getValue() instanceof List<?> l && !l.isEmpty()) {
                            into.add(l.get(0).toString());
                        }
                        return;
                    }
                    case "Fn::Sub" -> {
                        Object body = e.getValue();
                        Set<String> local = Set.of();
                        if (body instanceof List<?> l && l.size() == 2) {
                            local = SamTemplate.map(l.get(1), "Fn::Sub").keySet();
                            collectReferences(l.get(1), into);
                            body = l.get(0);
                        }
                        Matcher m = SUB_VARIABLE.matcher(String.valueOf(body));
                        while (m.find()) {
                            String name = m.group(1).trim();
                            String id = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                            if (!local.contains(name)) {
                                into.add(id);
                            }
                        }
                        return;
                    }
                    default -> {
                    }
                }
            }
            map.values().forEach(v -> collectReferences(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectReferences(v, into));
        }
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(where + " must be a list, got " + value);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
