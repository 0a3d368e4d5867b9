package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Turns DynamoDB Streams records, as the SDK reads them, into the records of the
 * {@link DynamodbEvent} Lambda delivers, and into the JSON form that filter patterns see.
 */
public final class StreamRecords {

    /** The value Lambda puts in {@code eventVersion} for DynamoDB stream records. */
    static final String EVENT_VERSION = "1.1";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StreamRecords() {}

    /** The Lambda record for an SDK record read from the stream {@code streamArn}. */
    public static DynamodbEvent.DynamodbStreamRecord toLambda(Record record, String streamArn, String region) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(EVENT_VERSION);
        out.setEventSource("aws:dynamodb");
        // DynamoDB Local reports its own pseudo region; Lambda reports the function's region.
        out.setAwsRegion(region);
        out.setEventSourceARN(streamArn);
        if (record.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setPrincipalId(record.userIdentity().principalId());
            identity.setType(record.userIdentity().type());
            out.setUserIdentity(identity);
        }
        software.amazon.awssdk.services.dynamodb.model.StreamRecord in = record.dynamodb();
        if (in != null) {
            StreamRecord dynamodb = new StreamRecord();
            if (in.approximateCreationDateTime() != null) {
                dynamodb.setApproximateCreationDateTime(Date.from(in.approximateCreationDateTime()));
            }
            if (in.hasKeys()) {
                dynamodb.setKeys(toLambda(in.keys()));
            }
            if (in.hasNewImage()) {
                dynamodb.setNewImage(toLambda(in.newImage()));
            }
            if (in.hasOldImage()) {
                dynamodb.setOldImage(toLambda(in.oldImage()));
            }
            dynamodb.setSequenceNumber(in.sequenceNumber());
            dynamodb.setSizeBytes(in.sizeBytes());
            if (in.streamViewTypeAsString() != null) {
                dynamodb.setStreamViewType(StreamViewType.fromValue(in.streamViewTypeAsString()));
            }
            out.setDynamodb(dynamodb);
        }
        return out;
    }

    public static Map<String, AttributeValue> toLambda(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, toLambda(value)));
        return out;
    }

    public static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue out = new AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(value.b().asByteBuffer());
            case SS -> out.setSS(new ArrayList<>(value.ss()));
            case NS -> out.setNS(new ArrayList<>(value.ns()));
            case BS -> out.setBS(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> out.setM(toLambda(value.m()));
            case L -> out.setL(value.l().stream().map(StreamRecords::toLambda).toList());
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(Boolean.TRUE);
            default -> throw new IllegalArgumentException("Unknown DynamoDB attribute type in " + value);
        }
        return out;
    }

    /** The record as Lambda serialises it, which is what {@code FilterCriteria} patterns are matched against. */
    public static ObjectNode toJson(DynamodbEvent.DynamodbStreamRecord record) {
        ObjectNode out = JSON.objectNode();
        putText(out, "eventID", record.getEventID());
        putText(out, "eventName", record.getEventName());
        putText(out, "eventVersion", record.getEventVersion());
        putText(out, "eventSource", record.getEventSource());
        putText(out, "awsRegion", record.getAwsRegion());
        putText(out, "eventSourceARN", record.getEventSourceARN());
        StreamRecord dynamodb = record.getDynamodb();
        if (dynamodb != null) {
            ObjectNode d = out.putObject("dynamodb");
            if (dynamodb.getApproximateCreationDateTime() != null) {
                d.put("ApproximateCreationDateTime",
                        BigDecimal.valueOf(dynamodb.getApproximateCreationDateTime().getTime(), 3));
            }
            if (dynamodb.getKeys() != null) {
                d.set("Keys", toJson(dynamodb.getKeys()));
            }
            if (dynamodb.getNewImage() != null) {
                d.set("NewImage", toJson(dynamodb.getNewImage()));
            }
            if (dynamodb.getOldImage() != null) {
                d.set("OldImage", toJson(dynamodb.getOldImage()));
            }
            putText(d, "SequenceNumber", dynamodb.getSequenceNumber());
            if (dynamodb.getSizeBytes() != null) {
                d.put("SizeBytes", dynamodb.getSizeBytes());
            }
            putText(d, "StreamViewType", dynamodb.getStreamViewType());
        }
        if (record.getUserIdentity() != null) {
            ObjectNode identity = out.putObject("userIdentity");
            putText(identity, "principalId", record.getUserIdentity().getPrincipalId());
            putText(identity, "type", record.getUserIdentity().getType());
        }
        return out;
    }

    static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.objectNode();
        item.forEach((name, value) -> out.set(name, toJson(value)));
        return out;
    }

    /** DynamoDB JSON: {@code {"S": "x"}}, {@code {"N": "5"}} (numbers stay strings), binary as base64. */
    static JsonNode toJson(AttributeValue value) {
        ObjectNode out = JSON.objectNode();
        if (value.getS() != null) {
            out.put("S", value.getS());
        } else if (value.getN() != null) {
            out.put("N", value.getN());
        } else if (value.getB() != null) {
            out.put("B", base64(value.getB()));
        } else if (value.getSS() != null) {
            ArrayNode a = out.putArray("SS");
            value.getSS().forEach(a::add);
        } else if (value.getNS() != null) {
            ArrayNode a = out.putArray("NS");
            value.getNS().forEach(a::add);
        } else if (value.getBS() != null) {
            ArrayNode a = out.putArray("BS");
            value.getBS().forEach(b -> a.add(base64(b)));
        } else if (value.getM() != null) {
            out.set("M", toJson(value.getM()));
        } else if (value.getL() != null) {
            ArrayNode a = out.putArray("L");
            value.getL().forEach(v -> a.add(toJson(v)));
        } else if (value.getBOOL() != null) {
            out.put("BOOL", value.getBOOL());
        } else if (value.getNULL() != null) {
            out.put("NULL", value.getNULL());
        }
        return out;
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static List<String> sequenceNumbers(List<DynamodbEvent.DynamodbStreamRecord> records) {
        return records.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
    }
}
