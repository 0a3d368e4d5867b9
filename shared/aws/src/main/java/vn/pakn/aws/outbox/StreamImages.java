package vn.pakn.aws.outbox;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts item images from the Lambda events model of a DynamoDB stream record to the SDK's
 * {@link AttributeValue}, so stream consumers reuse the readers written for the SDK
 * ({@link OutboxMessage#fromItem(Map)}, {@code ComplaintItems}) instead of a second set.
 */
public final class StreamImages {
    private StreamImages() {
    }

    /** An empty map for a null image (a REMOVE has no new image, a KEYS_ONLY stream none at all). */
    public static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return Map.of();
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, toSdk(value)));
        return item;
    }

    public static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v == null) {
            throw new IllegalArgumentException("null attribute value in a stream image");
        }
        AttributeValue.Builder out = AttributeValue.builder();
        if (v.getS() != null) {
            return out.s(v.getS()).build();
        }
        if (v.getN() != null) {
            return out.n(v.getN()).build();
        }
        if (v.getB() != null) {
            return out.b(bytes(v.getB())).build();
        }
        if (v.getSS() != null) {
            return out.ss(v.getSS()).build();
        }
        if (v.getNS() != null) {
            return out.ns(v.getNS()).build();
        }
        if (v.getBS() != null) {
            return out.bs(v.getBS().stream().map(StreamImages::bytes).toList()).build();
        }
        if (v.getM() != null) {
            return out.m(toSdk(v.getM())).build();
        }
        if (v.getL() != null) {
            List<AttributeValue> list = v.getL().stream().map(StreamImages::toSdk).toList();
            return out.l(list).build();
        }
        if (v.getBOOL() != null) {
            return out.bool(v.getBOOL()).build();
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return out.nul(true).build();
        }
        throw new IllegalArgumentException("stream attribute value with no type set");
    }

    private static SdkBytes bytes(ByteBuffer buffer) {
        // duplicate(): reading must not move the caller's buffer position.
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }
}
