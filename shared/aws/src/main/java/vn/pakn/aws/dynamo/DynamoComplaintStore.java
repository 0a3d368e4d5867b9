package vn.pakn.aws.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.pakn.aws.assignment.AssignmentMessages;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.intake.ComplaintHistory;
import vn.pakn.domain.lifecycle.ComplaintStore;
import vn.pakn.domain.lifecycle.Transition;

/**
 * Transitions in the complaints table: the event, the projection and any assignment message in
 * one transaction conditioned on the projection's version.
 */
public final class DynamoComplaintStore implements ComplaintStore {
    /**
     * Index keys of the projection, rewritten by every transition. The feed's keys never change, but
     * rewriting them puts a complaint stored before that index existed into it at its next change.
     * The pending-outbox keys a new complaint is created with are never in the projection, so the
     * first transition (the router's, acting on the intake message) removes them: the message has
     * done its work, and the sweeper need not send it again.
     */
    private static final List<String> INDEX_ATTRIBUTES = List.of(ComplaintKeys.GSI1_PK, ComplaintKeys.GSI1_SK,
            ComplaintKeys.GSI2_PK, ComplaintKeys.GSI2_SK,
            ComplaintKeys.GSI3_PK, ComplaintKeys.GSI3_SK, ComplaintKeys.GSI4_PK, ComplaintKeys.GSI4_SK,
            ComplaintKeys.GSI5_PK, ComplaintKeys.GSI5_SK);

    private final DynamoDbClient dynamo;
    private final String table;
    private final AssignmentMessages assignments;
    private final DynamoComplaintRepository reader;

    public DynamoComplaintStore(DynamoDbClient dynamo, String table, AssignmentMessages assignments) {
        this.dynamo = dynamo;
        this.table = table;
        this.assignments = assignments;
        this.reader = new DynamoComplaintRepository(dynamo, table);
    }

    @Override
    public Optional<ComplaintHistory> findById(String complaintId) {
        return reader.findById(complaintId);
    }

    @Override
    public void append(Transition t) {
        appendAll(List.of(t));
    }

    @Override
    public void appendAll(List<Transition> transitions) {
        Transition first = transitions.get(0);
        Transition last = transitions.get(transitions.size() - 1);
        for (int i = 1; i < transitions.size(); i++) {
            if (transitions.get(i).before() != transitions.get(i - 1).after()) {
                throw new IllegalArgumentException("Transitions must follow each other");
            }
        }
        Complaint after = last.after();
        List<TransactWriteItem> writes = new ArrayList<>();
        for (Transition t : transitions) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(ComplaintItems.eventItem(t.event())).conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        writes.add(TransactWriteItem.builder().update(projectionUpdate(new Transition(first.before(), after,
                last.event(), null))).build());
        for (Transition t : transitions) {
            if (t.notifyAgencyId() != null) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(assignments.forAgency(t.notifyAgencyId(), t.after(), t.event()).toItem())
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
            }
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            boolean lostRace = e.cancellationReasons().stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()));
            if (lostRace) {
                throw new ConcurrentUpdateException(after.id());
            }
            throw e;
        }
    }

    /** An update, not a put: the photo check may be writing photo verdicts at the same moment. */
    private Update projectionUpdate(Transition t) {
        Complaint after = t.after();
        Map<String, AttributeValue> full = ComplaintItems.stateItem(after);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (String attribute : List.of("status", "version", "updatedAt", "handling")) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, full.get(attribute));
            sets.add("#" + attribute + " = :" + attribute);
        }
        for (String attribute : INDEX_ATTRIBUTES) {
            names.put("#" + attribute, attribute);
            if (full.containsKey(attribute)) {
                values.put(":" + attribute, full.get(attribute));
                sets.add("#" + attribute + " = :" + attribute);
            } else {
                removes.add("#" + attribute);
            }
        }
        // Of a photo only the agency's publication decision changes here, entry by entry: the photo
        // check writes its verdict into the same entries without holding the version.
        int changed = 0;
        for (Photo photo : after.photos()) {
            boolean unchanged = t.before().photos().stream().anyMatch(p -> p.uploadId().equals(photo.uploadId())
                    && p.publishable() == photo.publishable());
            if (!unchanged) {
                String n = "p" + changed++;
                names.put("#photos", "photos");
                names.put("#publishable", "publishable");
                names.put("#" + n, photo.uploadId());
                values.put(":" + n, Attr.bool(photo.publishable()));
                sets.add("#photos.#" + n + ".#publishable = :" + n);
            }
        }
        values.put(":expected", Attr.n(t.before().version()));
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        return Update.builder().tableName(table).key(ComplaintKeys.stateKey(after.id()))
                .updateExpression(expression)
                .conditionExpression("#version = :expected")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }
}
