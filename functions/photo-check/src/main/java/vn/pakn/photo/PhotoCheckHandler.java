package vn.pakn.photo;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.pakn.aws.lambda.PaknHandler;
import vn.pakn.aws.log.Log;

/**
 * PhotoCheckFunction: S3 ObjectCreated events on the uploads bucket's {@code incoming/} prefix.
 * Every record is checked even if another fails; then the invocation fails if any did, so
 * Lambda retries the event (which is safe: see {@link PhotoCheck}).
 */
public class PhotoCheckHandler extends PaknHandler<S3Event, Void> {

    @Inject
    PhotoCheck photoCheck;

    public PhotoCheckHandler() {
        super();
    }

    public PhotoCheckHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    public Void execute(S3Event event) {
        List<UploadedObject> objects = uploadedObjects(event);
        List<String> failed = photoCheck.checkAll(objects);
        if (!failed.isEmpty()) {
            throw new PhotoCheckFailedException(failed.size(), objects.size());
        }
        return null;
    }

    /** S3 URL-encodes keys in events (a space arrives as '+'). */
    static List<UploadedObject> uploadedObjects(S3Event event) {
        List<UploadedObject> objects = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            Log.warn("photo.event-without-records");
            return objects;
        }
        for (S3EventNotificationRecord record : event.getRecords()) {
            if (record == null || record.getS3() == null || record.getS3().getObject() == null
                    || record.getS3().getObject().getKey() == null || record.getS3().getBucket() == null) {
                Log.warn("photo.record-without-object");
                continue;
            }
            String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            objects.add(new UploadedObject(record.getS3().getBucket().getName(), key));
        }
        return objects;
    }

    /** Carries counts only: the failures themselves were logged with their upload ids. */
    public static final class PhotoCheckFailedException extends RuntimeException {
        public PhotoCheckFailedException(int failed, int total) {
            super("Photo check failed for " + failed + " of " + total + " uploads; the event will be retried");
        }
    }
}
