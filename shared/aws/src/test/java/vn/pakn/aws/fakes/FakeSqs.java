package vn.pakn.aws.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Queue management in memory: queues by name with their attributes, the create calls in order,
 * and optionally attributes the "server" refuses as an emulator might. Sending and receiving are
 * not supported (the SDK interface's defaults throw).
 */
public final class FakeSqs implements SqsClient {
    public static final String ENDPOINT = "https://sqs.ap-southeast-1.amazonaws.com/123456789012/";

    public final Map<String, Map<String, String>> queues = new LinkedHashMap<>();
    public final List<CreateQueueRequest> creates = new ArrayList<>();
    private Set<String> refused = Set.of();

    public void refuse(Set<String> attributes) {
        this.refused = attributes;
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        if (!queues.containsKey(request.queueName())) {
            throw QueueDoesNotExistException.builder().message("no queue " + request.queueName()).build();
        }
        return GetQueueUrlResponse.builder().queueUrl(ENDPOINT + request.queueName()).build();
    }

    @Override
    public CreateQueueResponse createQueue(CreateQueueRequest request) {
        creates.add(request);
        for (String attribute : request.attributesAsStrings().keySet()) {
            if (refused.contains(attribute)) {
                throw SqsException.builder().message("Unknown Attribute " + attribute)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidAttributeName").build()).build();
            }
        }
        queues.putIfAbsent(request.queueName(), new LinkedHashMap<>(request.attributesAsStrings()));
        return CreateQueueResponse.builder().queueUrl(ENDPOINT + request.queueName()).build();
    }

    public final Map<String, Map<String, String>> tags = new LinkedHashMap<>();

    @Override
    public software.amazon.awssdk.services.sqs.model.TagQueueResponse tagQueue(
            software.amazon.awssdk.services.sqs.model.TagQueueRequest request) {
        tags.computeIfAbsent(request.queueUrl().substring(ENDPOINT.length()), k -> new LinkedHashMap<>()).putAll(request.tags());
        return software.amazon.awssdk.services.sqs.model.TagQueueResponse.builder().build();
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        String name = request.queueUrl().substring(ENDPOINT.length());
        return GetQueueAttributesResponse.builder()
                .attributes(Map.of(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:ap-southeast-1:123456789012:" + name))
                .build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
