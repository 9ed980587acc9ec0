package dev.sonda.worker.probe.sqs;

import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads the SQS queues of one region with ListQueues, GetQueueAttributes and ListQueueTags. */
final class SqsCollector {

    static final String SERVICE = "sqs";
    /** The largest page ListQueues returns; without MaxResults it returns 1,000 queues and no token. */
    private static final int PAGE_SIZE = 1000;

    private final Supplier<SqsClient> sqs;
    private final AwsCalls calls;
    private final String accountId;
    private final String region;

    SqsCollector(Supplier<SqsClient> sqs, AwsCalls calls, String accountId, String region) {
        this.sqs = sqs;
        this.calls = calls;
        this.accountId = accountId;
        this.region = region;
    }

    /**
     * @param needAttributes whether SQS.1 or SQS.3 is enabled
     * @param needTags whether SQS.2 is enabled
     */
    SqsInventory collect(boolean needAttributes, boolean needTags) {
        Collected<List<String>> urls = calls.call(SERVICE, "ListQueues", null, () -> {
            List<String> all = new ArrayList<>();
            sqs.get().listQueuesPaginator(request -> request.maxResults(PAGE_SIZE))
                    .forEach(page -> all.addAll(page.queueUrls()));
            return all;
        });
        if (!urls.isOk()) {
            return new SqsInventory(urls.error(), List.of());
        }
        List<QueueRecord> queues = new ArrayList<>(urls.value().size());
        for (String url : urls.value()) {
            String name = queueName(url);
            Collected<Map<String, String>> attributes = needAttributes ? attributes(url, name) : null;
            if (attributes != null && attributes.failedWith(AwsErrorKind.NOT_FOUND)) {
                calls.log().note("SQS queue " + name + " was deleted while the probe ran; it is left out.");
                continue;
            }
            Collected<Map<String, String>> tags = needTags ? tags(url, name) : null;
            if (tags != null && tags.failedWith(AwsErrorKind.NOT_FOUND)) {
                calls.log().note("SQS queue " + name + " was deleted while the probe ran; it is left out.");
                continue;
            }
            String arn = attributes != null && attributes.isOk() && attributes.value().get("QueueArn") != null
                    ? attributes.value().get("QueueArn")
                    : queueArn(region, accountId, name);
            queues.add(new QueueRecord(url, name, arn, attributes, tags));
        }
        return new SqsInventory(null, queues);
    }

    private Collected<Map<String, String>> attributes(String url, String name) {
        return calls.call(SERVICE, "GetQueueAttributes", name, () -> Map.copyOf(sqs.get()
                .getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings()));
    }

    private Collected<Map<String, String>> tags(String url, String name) {
        return calls.call(SERVICE, "ListQueueTags", name, () -> Map.copyOf(sqs.get()
                .listQueueTags(request -> request.queueUrl(url))
                .tags()));
    }

    /** Returns the queue name, the last path segment of its URL ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME}). */
    static String queueName(String url) {
        String path = URI.create(url).getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    static String queueArn(String region, String accountId, String name) {
        return "arn:" + partition(region) + ":sqs:" + region + ":" + accountId + ":" + name;
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }
}
