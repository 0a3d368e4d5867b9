package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.LocalDeployment;

/**
 * An S3 event notification ({@code Type: S3}) to a function.
 *
 * <p>s3proxy, the local S3, sends no event notifications at all, so this watches the bucket
 * instead: it lists it every {@link EventSettings#pollInterval()} and turns each new key, or key
 * whose ETag or modification time changed, into an {@code ObjectCreated} event once two listings
 * in a row agree on it (and each vanished key into {@code ObjectRemoved:Delete} when subscribed),
 * honouring the {@code Filter.S3Key} prefix and suffix rules. The agreement is what S3 gives for
 * free: s3proxy can list an object while it is still being written and again once it is complete,
 * which announced one upload twice under load. Objects present when it starts are not announced,
 * as S3 would not announce them either. The one thing polling cannot see is an object
 * overwritten with identical bytes within the same second. The function is invoked asynchronously,
 * as S3 invokes it: retried twice on failure, then dropped.
 */
public final class S3Notifier implements EventSource {

    private static final AtomicLong SEQUENCER = new AtomicLong(System.currentTimeMillis() * 1000);

    private final LocalFunction function;
    private final String eventName;
    private final S3Client s3;
    private final String bucket;
    private final String bucketLogicalId;
    private final String region;
    private final List<String> subscribedEvents;
    private final String prefix;
    private final String suffix;
    private final EventSettings settings;
    private final Consumer<String> console;
    private final AsyncInvoker invoker;
    private final AtomicLong notifications = new AtomicLong();

    private Map<String, Version> known = new HashMap<>();
    /** Versions seen once and not yet announced: announced when the next listing shows them again. */
    private Map<String, Version> settling = new HashMap<>();
    private ScheduledExecutorService watcher;
    private volatile boolean running;
    private boolean listingFailureReported;

    /** What tells two states of one key apart. */
    private record Version(String eTag, Instant lastModified, long size) {}

    private S3Notifier(LocalDeployment deployment, LocalFunction function, EventSpec event, EventSettings settings,
            Consumer<String> console) {
        EventProperties props = new EventProperties(deployment, function.spec(), event);
        this.function = function;
        this.eventName = event.name();
        this.s3 = deployment.services().s3();
        this.bucket = props.requiredString("Bucket");
        this.bucketLogicalId = deployment.buckets().values().stream().filter(b -> b.name().equals(bucket))
                .map(LocalDeployment.Bucket::logicalId).findFirst().orElse(bucket);
        this.region = deployment.services().region();
        this.subscribedEvents = props.strings("Events");
        if (subscribedEvents.isEmpty()) {
            throw new IllegalArgumentException(props.where() + " needs Events (e.g. s3:ObjectCreated:*)");
        }
        String prefixRule = null;
        String suffixRule = null;
        Object s3Key = props.map("Filter").get("S3Key");
        Object rules = s3Key instanceof Map<?, ?> k ? k.get("Rules") : null;
        if (rules instanceof List<?> list) {
            for (Object rule : list) {
                Map<?, ?> r = (Map<?, ?>) rule;
                String name = String.valueOf(r.get("Name")).toLowerCase(Locale.ROOT);
                String value = String.valueOf(r.get("Value"));
                switch (name) {
                    case "prefix" -> prefixRule = value;
                    case "suffix" -> suffixRule = value;
                    default -> throw new IllegalArgumentException(props.where() + ".Filter.S3Key rule name must be"
                            + " prefix or suffix, got " + r.get("Name"));
                }
            }
        }
        this.prefix = prefixRule;
        this.suffix = suffixRule;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.console = console == null ? s -> { } : console;
        this.invoker = new AsyncInvoker("pakn-s3-invoke-" + function.logicalId(), settings, this.console);
        function.requireAccepts(S3Event.class, "S3 bucket " + bucketLogicalId);
    }

    /**
     * The notifier for the function's {@code Type: S3} event {@code eventName}, not yet started.
     *
     * @throws IllegalArgumentException if there is no such event or the template values are invalid
     */
    public static S3Notifier create(LocalDeployment deployment, LocalFunction function, String eventName,
            EventSettings settings, Consumer<String> console) {
        return new S3Notifier(deployment, function, StreamPoller.event(function, eventName, "S3"), settings, console);
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
        return bucketLogicalId + " " + String.join(",", subscribedEvents)
                + (prefix == null ? "" : " prefix " + prefix) + (suffix == null ? "" : " suffix " + suffix)
                + " -> " + function.logicalId() + " (bucket watched every " + settings.pollInterval().toMillis()
                + " ms: s3proxy sends no notifications)";
    }

    /** Events handed to the function so far (each invoked asynchronously). */
    public long notificationCount() {
        return notifications.get();
    }

    /** Takes the snapshot of existing objects before returning: everything written afterwards is announced. */
    @Override
    public synchronized void start() {
        if (watcher != null) {
            throw new IllegalStateException(this + " was already started");
        }
        known = list();
        running = true;
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pakn-s3-watch-" + function.logicalId() + "-" + eventName);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, settings.pollInterval().toMillis());
        watcher.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        running = false;
        if (watcher != null) {
            watcher.shutdownNow();
            try {
                watcher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        invoker.close();
    }

    private void poll() {
        if (!running) {
            return;
        }
        Map<String, Version> current;
        try {
            current = list();
            listingFailureReported = false;
        } catch (RuntimeException e) {
            if (running && !listingFailureReported) {
                console.accept(function.logicalId() + ": listing bucket " + bucket + " failed: " + e + "; will keep trying");
                listingFailureReported = true;
            }
            return;
        }
        Map<String, Version> stillSettling = new HashMap<>();
        Map<String, Version> announced = new HashMap<>();
        current.forEach((key, version) -> {
            Version before = known.get(key);
            if (version.equals(before)) {
                announced.put(key, version);
            } else if (version.equals(settling.get(key))) {
                String name = version.eTag().contains("-") ? "ObjectCreated:CompleteMultipartUpload" : "ObjectCreated:Put";
                notify(name, key, version);
                announced.put(key, version);
            } else {
                stillSettling.put(key, version);
                if (before != null) {
                    // The earlier version stays known until the new one settles, so that a key being
                    // overwritten is not taken for a new one, nor for a deleted one.
                    announced.put(key, before);
                }
            }
        });
        known.forEach((key, version) -> {
            if (!current.containsKey(key)) {
                notify("ObjectRemoved:Delete", key, null);
            }
        });
        known = announced;
        settling = stillSettling;
    }

    private void notify(String s3EventName, String key, Version version) {
        if (!subscribed(s3EventName)) {
            return;
        }
        notifications.incrementAndGet();
        S3Event event = new S3Event(List.of(record(s3EventName, bucket, region, key,
                version == null ? null : version.size(), version == null ? null : version.eTag(), eventName)));
        invoker.submit(function, event, "s3 " + s3EventName + " " + key);
    }

    private boolean subscribed(String s3EventName) {
        String qualified = "s3:" + s3EventName;
        for (String pattern : subscribedEvents) {
            if (pattern.equals(qualified)
                    || (pattern.endsWith(":*") && qualified.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Version> list() {
        Map<String, Version> objects = new HashMap<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)
                    .continuationToken(continuation));
            for (S3Object object : page.contents()) {
                if (suffix == null || object.key().endsWith(suffix)) {
                    objects.put(object.key(), new Version(unquote(object.eTag()), object.lastModified(),
                            object.size() == null ? 0 : object.size()));
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return objects;
    }

    /**
     * The record S3 sends for one object: event version 2.1, the key URL-encoded as S3 encodes it.
     * {@code size} and {@code eTag} are null for removals, as in S3's own delete events.
     */
    public static S3EventNotification.S3EventNotificationRecord record(String s3EventName, String bucket, String region,
            String key, Long size, String eTag, String configurationId) {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        S3EventNotification.S3ObjectEntity object = new S3EventNotification.S3ObjectEntity(encodeKey(key), size, eTag,
                null, String.format(Locale.ROOT, "%016X", SEQUENCER.incrementAndGet()));
        S3EventNotification.S3BucketEntity bucketEntity = new S3EventNotification.S3BucketEntity(bucket,
                new S3EventNotification.UserIdentityEntity("LOCAL"), "arn:aws:s3:::" + bucket);
        S3EventNotification.S3Entity s3 = new S3EventNotification.S3Entity(configurationId, bucketEntity, object, "1.0");
        return new S3EventNotification.S3EventNotificationRecord(region, s3EventName, "aws:s3",
                Instant.now().toString(), "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity(requestId + "/local", requestId), s3,
                new S3EventNotification.UserIdentityEntity("LOCAL"));
    }

    /**
     * Keys in S3 notifications are form-URL-encoded (a space becomes {@code +}, {@code =} becomes
     * {@code %3D}, non-ASCII becomes UTF-8 percent escapes) except that {@code /} stays as is;
     * handlers decode them with {@code URLDecoder}, or {@code getUrlDecodedKey()}.
     */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }

    @Override
    public String toString() {
        return "S3Notifier[" + description() + "]";
    }
}
