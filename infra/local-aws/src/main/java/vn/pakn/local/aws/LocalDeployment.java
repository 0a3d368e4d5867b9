package vn.pakn.local.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The template as deployed on {@link LocalAwsServices}: logical id to physical table, queue and
 * bucket, plus the resolution of intrinsic functions against them, as CloudFormation would resolve
 * them for this stack. Made by {@link Provisioner#provision}.
 */
public final class LocalDeployment {

    /** What {@code AWS::StackName} resolves to locally. */
    public static final String STACK_NAME = "pakn-local";

    public record Table(String logicalId, String name, String arn, String streamArn) {}

    public record Queue(String logicalId, String name, String url, String arn) {}

    public record Bucket(String logicalId, String name, String arn) {}

    static final String TABLE = "AWS::DynamoDB::Table";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String BUCKET = "AWS::S3::Bucket";
    private static final Set<String> FUNCTIONS = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    /** Not provisioned: the local runtime serves what a distribution serves (the web client) itself. */
    static final String DISTRIBUTION = "AWS::CloudFront::Distribution";

    /** {@code Ref: AWS::NoValue}: removes the enclosing key or list item. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private final SamTemplate template;
    private final LocalAwsServices services;
    private final Map<String, String> parameterOverrides;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private final Map<String, Boolean> conditionValues = new LinkedHashMap<>();
    private final Set<String> conditionsEvaluating = new HashSet<>();

    LocalDeployment(SamTemplate template, LocalAwsServices services, Map<String, String> parameterOverrides) {
        this.template = Objects.requireNonNull(template, "template");
        this.services = Objects.requireNonNull(services, "services");
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        for (String name : parameterOverrides.keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new IllegalArgumentException("Parameter override " + name + " is not a template parameter "
                        + template.parameters().keySet());
            }
        }
    }

    synchronized void add(Table table) {
        tables.put(table.logicalId(), table);
    }

    synchronized void add(Queue queue) {
        queues.put(queue.logicalId(), queue);
    }

    synchronized void add(Bucket bucket) {
        buckets.put(bucket.logicalId(), bucket);
    }

    public SamTemplate template() {
        return template;
    }

    public LocalAwsServices services() {
        return services;
    }

    public synchronized Map<String, Table> tables() {
        return Map.copyOf(tables);
    }

    public synchronized Map<String, Queue> queues() {
        return Map.copyOf(queues);
    }

    public synchronized Map<String, Bucket> buckets() {
        return Map.copyOf(buckets);
    }

    public synchronized Table table(String logicalId) {
        return found(tables.get(logicalId), logicalId, TABLE);
    }

    public synchronized Queue queue(String logicalId) {
        return found(queues.get(logicalId), logicalId, QUEUE);
    }

    public synchronized Bucket bucket(String logicalId) {
        return found(buckets.get(logicalId), logicalId, BUCKET);
    }

    public String tableName(String logicalId) {
        return table(logicalId).name();
    }

    /** The table's latest stream ARN as the server reported it; null if the table has no stream. */
    public String streamArn(String logicalId) {
        return table(logicalId).streamArn();
    }

    public String queueUrl(String logicalId) {
        return queue(logicalId).url();
    }

    public String queueArn(String logicalId) {
        return queue(logicalId).arn();
    }

    public String bucketName(String logicalId) {
        return bucket(logicalId).name();
    }

    /** For SQS event sources, whose template value resolves to a queue ARN. */
    public synchronized Optional<String> queueLogicalIdByArn(String arn) {
        return queues.values().stream().filter(q -> q.arn().equals(arn)).map(Queue::logicalId).findFirst();
    }

    /** For DynamoDB event sources, whose template value resolves to a stream ARN. */
    public synchronized Optional<String> tableLogicalIdByStreamArn(String streamArn) {
        return tables.values().stream().filter(t -> streamArn.equals(t.streamArn())).map(Table::logicalId).findFirst();
    }

    /** The parameter's value for this deployment: the override if given, else the template default. */
    public Object parameter(String name) {
        SamTemplate.Parameter parameter = template.parameters().get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("No parameter " + name + " in the template");
        }
        Object value = parameterOverrides.containsKey(name) ? parameterOverrides.get(name) : parameter.defaultValue();
        if (value == null) {
            throw new IllegalArgumentException("Parameter " + name + " has no default and no override was given");
        }
        String type = parameter.type() == null ? "String" : parameter.type();
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            List<String> items = new ArrayList<>();
            for (String item : value.toString().split(",", -1)) {
                items.add(item.trim());
            }
            return List.copyOf(items);
        }
        return value.toString();
    }

    /** Evaluates a named entry of the template's {@code Conditions}. */
    public synchronized boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!template.conditions().containsKey(name)) {
            throw new IllegalArgumentException("No condition " + name + " in the template");
        }
        if (!conditionsEvaluating.add(name)) {
            throw new IllegalArgumentException("Condition " + name + " refers to itself");
        }
        try {
            boolean value = bool(eval(template.conditions().get(name)), "Condition " + name);
            conditionValues.put(name, value);
            return value;
        } finally {
            conditionsEvaluating.remove(name);
        }
    }

    /** Whether a resource exists in this deployment, i.e. its {@code Condition} (if any) holds. */
    public boolean isDeployed(SamTemplate.Resource resource) {
        return resource.condition() == null || condition(resource.condition());
    }

    /**
     * Resolves intrinsic functions in a template value (scalars, lists and maps are walked) as
     * CloudFormation would for this stack. {@code Ref: AWS::NoValue} removes the enclosing key or
     * item, and yields null at the top.
     *
     * @throws IllegalArgumentException naming the logical id and attribute that cannot be resolved
     */
    public Object resolve(Object value) {
        Object resolved = eval(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** {@link #resolve} for a value that must come out as a string (numbers and booleans are written out). */
    public String resolveString(Object value) {
        return text(eval(value), "value " + value);
    }

    /**
     * What a handler of {@code function} sees as its environment in this deployment: the template's
     * variables (Globals merged) resolved, then {@link LocalAwsServices#clientEnvironment()}, then
     * the variables the Lambda runtime itself sets. Later entries win, as reserved variables do on
     * Lambda.
     */
    public Map<String, String> functionEnvironment(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environmentVariables().forEach((name, value) -> {
            Object resolved;
            try {
                resolved = eval(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(function.logicalId() + " environment variable " + name + ": "
                        + e.getMessage(), e);
            }
            if (resolved != NO_VALUE) {
                env.put(name, text(resolved, function.logicalId() + " environment variable " + name));
            }
        });
        env.putAll(services.clientEnvironment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        return Collections.unmodifiableMap(env);
    }

    // ------------------------------------------------------------------ evaluation

    private Object eval(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = only.getKey().toString();
                if (key.equals("Ref") || key.startsWith("Fn::")
                        || (key.equals("Condition") && only.getValue() instanceof String)) {
                    return intrinsic(key, only.getValue());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object r = eval(v);
                if (r != NO_VALUE) {
                    out.put(k.toString(), r);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object r = eval(item);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return value;
    }

    private Object intrinsic(String fn, Object arg) {
        switch (fn) {
            case "Ref":
                return ref(text(eval(arg), "Ref"));
            case "Condition":
                return condition(arg.toString());
            case "Fn::GetAtt": {
                List<?> parts = args(fn, arg, 2);
                return getAtt(text(eval(parts.get(0)), fn), text(eval(parts.get(1)), fn));
            }
            case "Fn::Sub":
                return sub(arg);
            case "Fn::Join": {
                List<?> parts = args(fn, arg, 2);
                String delimiter = text(eval(parts.get(0)), fn + " delimiter");
                List<String> items = new ArrayList<>();
                for (Object item : list(eval(parts.get(1)), fn)) {
                    items.add(text(item, fn + " item"));
                }
                return String.join(delimiter, items);
            }
            case "Fn::Select": {
                List<?> parts = args(fn, arg, 2);
                int index;
                try {
                    index = Integer.parseInt(text(eval(parts.get(0)), fn + " index").trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Fn::Select index is not a number: " + parts.get(0), e);
                }
                List<?> items = list(eval(parts.get(1)), fn);
                if (index < 0 || index >= items.size()) {
                    throw new IllegalArgumentException("Fn::Select index " + index + " out of range for " + items);
                }
                return items.get(index);
            }
            case "Fn::Split": {
                List<?> parts = args(fn, arg, 2);
                String delimiter = text(eval(parts.get(0)), fn + " delimiter");
                String source = text(eval(parts.get(1)), fn + " source");
                List<String> out = new ArrayList<>();
                int from = 0;
                for (int at; !delimiter.isEmpty() && (at = source.indexOf(delimiter, from)) >= 0; from = at + delimiter.length()) {
                    out.add(source.substring(from, at));
                }
                out.add(source.substring(from));
                return out;
            }
            case "Fn::If": {
                List<?> parts = args(fn, arg, 3);
                return condition(text(parts.get(0), fn + " condition")) ? eval(parts.get(1)) : eval(parts.get(2));
            }
            case "Fn::Equals": {
                List<?> parts = args(fn, arg, 2);
                return Objects.equals(comparable(eval(parts.get(0))), comparable(eval(parts.get(1))));
            }
            case "Fn::Not":
                return !bool(eval(args(fn, arg, 1).get(0)), fn);
            case "Fn::And": {
                for (Object c : list(arg, fn)) {
                    if (!bool(eval(c), fn)) {
                        return false;
                    }
                }
                return true;
            }
            case "Fn::Or": {
                for (Object c : list(arg, fn)) {
                    if (bool(eval(c), fn)) {
                        return true;
                    }
                }
                return false;
            }
            case "Fn::FindInMap": {
                List<?> parts = args(fn, arg, 3);
                String mapName = text(eval(parts.get(0)), fn);
                String top = text(eval(parts.get(1)), fn);
                String second = text(eval(parts.get(2)), fn);
                Map<String, Object> mapping = SamTemplate.map(template.mappings().get(mapName), "Mappings." + mapName);
                Map<String, Object> level = SamTemplate.map(mapping.get(top), "Mappings." + mapName + "." + top);
                if (!level.containsKey(second)) {
                    throw new IllegalArgumentException("Fn::FindInMap: no " + mapName + "." + top + "." + second);
                }
                return eval(level.get(second));
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(text(eval(arg), fn).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs":
                return List.of(services.region() + "a", services.region() + "b", services.region() + "c");
            default:
                throw new IllegalArgumentException(fn + " is not supported locally (value " + arg + ")");
        }
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return services.region();
            case "AWS::AccountId":
                return services.accountId();
            case "AWS::StackName":
                return STACK_NAME;
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + services.region() + ":" + services.accountId() + ":stack/"
                        + STACK_NAME + "/00000000-0000-0000-0000-000000000000";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::NotificationARNs":
                return List.of();
            default:
                break;
        }
        if (template.parameters().containsKey(name)) {
            return parameter(name);
        }
        SamTemplate.Resource resource = deployedResource(name, "Ref " + name);
        switch (resource.type()) {
            case TABLE:
                return tableFor(name, "Ref").name();
            case QUEUE:
                return queueFor(name, "Ref").url();
            case BUCKET:
                return bucketFor(name, "Ref").name();
            default:
                if (FUNCTIONS.contains(resource.type())) {
                    return name;
                }
                throw new IllegalArgumentException("Ref " + name + ": " + resource.type()
                        + " resources are not provisioned locally");
        }
    }

    private Object getAtt(String logicalId, String attribute) {
        String what = "Fn::GetAtt " + logicalId + "." + attribute;
        SamTemplate.Resource resource = deployedResource(logicalId, what);
        switch (resource.type()) {
            case TABLE: {
                Table table = tableFor(logicalId, what);
                switch (attribute) {
                    case "Arn":
                        return table.arn();
                    case "StreamArn":
                        if (table.streamArn() == null) {
                            throw new IllegalArgumentException(what + ": table " + table.name() + " has no stream");
                        }
                        return table.streamArn();
                    default:
                        break;
                }
                break;
            }
            case QUEUE: {
                Queue queue = queueFor(logicalId, what);
                switch (attribute) {
                    case "Arn":
                        return queue.arn();
                    case "QueueName":
                        return queue.name();
                    case "QueueUrl":
                        return queue.url();
                    default:
                        break;
                }
                break;
            }
            case BUCKET:
                if (attribute.equals("Arn")) {
                    return bucketFor(logicalId, what).arn();
                }
                break;
            default:
                if (FUNCTIONS.contains(resource.type()) && attribute.equals("Arn")) {
                    return "arn:aws:lambda:" + services.region() + ":" + services.accountId() + ":function:" + logicalId;
                }
                if (resource.type().equals(DISTRIBUTION) && attribute.equals("DomainName")) {
                    // For the API's CORS origins: a reserved name (RFC 2606), so locally it allows no real site.
                    return logicalId.toLowerCase(java.util.Locale.ROOT) + ".cloudfront.invalid";
                }
                throw new IllegalArgumentException(what + ": " + resource.type() + " resources are not provisioned locally");
        }
        throw new IllegalArgumentException(what + ": attribute " + attribute + " of " + resource.type()
                + " is not supported locally");
    }

    private String sub(Object arg) {
        String source;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> parts) {
            if (parts.size() != 2) {
                throw new IllegalArgumentException("Fn::Sub takes a string or [string, map], got " + arg);
            }
            source = text(parts.get(0), "Fn::Sub");
            variables = SamTemplate.map(parts.get(1), "Fn::Sub variables");
        } else {
            source = text(arg, "Fn::Sub");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            int start = source.indexOf("${", i);
            if (start < 0) {
                out.append(source, i, source.length());
                break;
            }
            out.append(source, i, start);
            int end = source.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("Fn::Sub: unclosed ${ in " + source);
            }
            String name = source.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
            } else {
                String key = name.trim();
                Object value;
                if (variables.containsKey(key)) {
                    value = eval(variables.get(key));
                } else if (key.contains(".") && !key.startsWith("AWS::")) {
                    int dot = key.indexOf('.');
                    value = getAtt(key.substring(0, dot), key.substring(dot + 1));
                } else {
                    value = ref(key);
                }
                out.append(text(value, "Fn::Sub ${" + key + "}"));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private SamTemplate.Resource deployedResource(String logicalId, String what) {
        SamTemplate.Resource resource = template.resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException(what + ": no parameter, pseudo parameter or resource named " + logicalId);
        }
        if (!isDeployed(resource)) {
            throw new IllegalArgumentException(what + ": resource " + logicalId + " is not deployed (condition "
                    + resource.condition() + " is false)");
        }
        return resource;
    }

    private synchronized Table tableFor(String logicalId, String what) {
        return provisioned(tables.get(logicalId), logicalId, what);
    }

    private synchronized Queue queueFor(String logicalId, String what) {
        return provisioned(queues.get(logicalId), logicalId, what);
    }

    private synchronized Bucket bucketFor(String logicalId, String what) {
        return provisioned(buckets.get(logicalId), logicalId, what);
    }

    private static <T> T provisioned(T value, String logicalId, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + ": " + logicalId + " has not been provisioned (yet)");
        }
        return value;
    }

    private static <T> T found(T value, String logicalId, String type) {
        if (value == null) {
            throw new IllegalArgumentException("No provisioned " + type + " with logical id " + logicalId);
        }
        return value;
    }

    private static List<?> args(String fn, Object arg, int count) {
        if (!(arg instanceof List<?> list) || list.size() != count) {
            throw new IllegalArgumentException(fn + " takes a list of " + count + ", got " + arg);
        }
        return list;
    }

    private static List<?> list(Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(what + " needs a list, got " + value);
    }

    private static boolean bool(Object value, String what) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        throw new IllegalArgumentException(what + " needs a condition (true/false), got " + value);
    }

    /** CloudFormation compares as strings: {@code !Equals [!Ref Count, 5]} holds for "5". */
    private static Object comparable(Object value) {
        return value instanceof Number || value instanceof Boolean ? value.toString() : value;
    }

    private static String text(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException(what + " needs a string, got " + value);
    }

    @Override
    public synchronized String toString() {
        return "LocalDeployment[tables=" + tables.keySet() + ", queues=" + queues.keySet() + ", buckets="
                + buckets.keySet() + "]";
    }
}
