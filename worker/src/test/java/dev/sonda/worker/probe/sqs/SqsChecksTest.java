package dev.sonda.worker.probe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqsChecksTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final String ARN = "arn:aws:sqs:eu-west-1:123456789012:orders";
    private static final Set<String> ALL = Set.of("SQS.1", "SQS.2", "SQS.3");
    private static final AwsError DENIED = new AwsError("GetQueueAttributes", AwsErrorKind.ACCESS_DENIED,
            "AccessDenied", 403, "not allowed");

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("sqs").orElseThrow(), ACCOUNT, REGION);

    private static QueueRecord queue(Map<String, String> attributes, Map<String, String> tags) {
        return new QueueRecord("https://sqs.eu-west-1.amazonaws.com/123456789012/orders", "orders", ARN,
                Collected.ok(attributes), Collected.ok(tags));
    }

    private List<Finding> evaluate(QueueRecord queue) {
        return SqsChecks.evaluate(new SqsInventory(null, List.of(queue)), ALL, findings);
    }

    private static Finding control(List<Finding> result, String id) {
        return result.stream().filter(finding -> finding.controlId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void sseSqsPasses() {
        Finding finding = control(evaluate(queue(Map.of("SqsManagedSseEnabled", "true"), Map.of())), "SQS.1");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("SQS queue orders encrypts messages at rest with SQS-managed keys (SSE-SQS).");
        assertThat(finding.resourceId()).isEqualTo(ARN);
        assertThat(finding.resourceType()).isEqualTo("AWS::SQS::Queue");
        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding.region()).isEqualTo(REGION);
    }

    @Test
    void kmsKeyPasses() {
        Finding finding = control(evaluate(queue(Map.of("KmsMasterKeyId", "alias/aws/sqs",
                "SqsManagedSseEnabled", "false"), Map.of())), "SQS.1");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("KmsMasterKeyId", "alias/aws/sqs");
    }

    @Test
    void unencryptedFails() {
        Finding finding = control(evaluate(queue(Map.of("SqsManagedSseEnabled", "false", "KmsMasterKeyId", ""),
                Map.of())), "SQS.1");

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("SQS queue orders does not encrypt messages at rest.");
    }

    @Test
    void onlySystemTagsFail() {
        Finding finding = control(evaluate(queue(Map.of(), Map.of("aws:cloudformation:stack-name", "s"))), "SQS.2");

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("SQS queue orders has no tags other than aws: system tags.");
        assertThat(finding.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void userTagPasses() {
        Finding finding = control(evaluate(queue(Map.of(), Map.of("owner", "payments", "aws:x", "y"))), "SQS.2");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("SQS queue orders has 1 tag.");
        assertThat(finding.evidence()).containsEntry("tagKeys", List.of("owner"));
    }

    @Test
    void noPolicyPasses() {
        Finding finding = control(evaluate(queue(Map.of(), Map.of())), "SQS.3");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("SQS queue orders has no access policy.");
    }

    @Test
    void publicPolicyFails() {
        String policy = "{\"Statement\":{\"Sid\":\"Open\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sqs:*\"}}";

        Finding finding = control(evaluate(queue(Map.of("Policy", policy), Map.of())), "SQS.3");

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("SQS queue orders allows public access in policy statement Open.");
    }

    @Test
    void malformedPolicyIsError() {
        Finding finding = control(evaluate(queue(Map.of("Policy", "not json"), Map.of())), "SQS.3");

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("errorCode", "InvalidPolicy");
    }

    @Test
    void deniedAttributesErrorSqs1AndSqs3() {
        QueueRecord queue = new QueueRecord("u", "orders", ARN, Collected.failed(DENIED), Collected.ok(Map.of("a", "b")));

        List<Finding> result = evaluate(queue);

        assertThat(control(result, "SQS.1").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(control(result, "SQS.3").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(control(result, "SQS.2").status()).isEqualTo(FindingStatus.PASS);
        assertThat(control(result, "SQS.1").evidence())
                .containsEntry("operation", "GetQueueAttributes")
                .containsEntry("errorCode", "AccessDenied");
        assertThat(control(result, "SQS.1").message()).isEqualTo(
                "SQS queue orders could not be checked for encryption at rest: GetQueueAttributes failed with AccessDenied.");
    }

    @Test
    void deniedTagsGiveErrorForSqs2Only() {
        AwsError denied = new AwsError("ListQueueTags", AwsErrorKind.ACCESS_DENIED, "AccessDenied", 403, null);
        QueueRecord queue = new QueueRecord("u", "orders", ARN, Collected.ok(Map.of("SqsManagedSseEnabled", "true")),
                Collected.failed(denied));

        List<Finding> result = evaluate(queue);

        assertThat(control(result, "SQS.2").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(control(result, "SQS.2").evidence()).containsEntry("operation", "ListQueueTags");
        assertThat(control(result, "SQS.1").status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void regionWithoutQueuesIsNotApplicable() {
        List<Finding> result = SqsChecks.evaluate(new SqsInventory(null, List.of()), ALL, findings);

        assertThat(result).hasSize(3).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(finding.resourceId()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:*");
            assertThat(finding.message()).isEqualTo("Region eu-west-1 has no SQS queues.");
        });
    }

    @Test
    void deniedListQueuesGivesOneErrorPerControl() {
        AwsError denied = new AwsError("ListQueues", AwsErrorKind.ACCESS_DENIED, "AccessDenied", 403, null);

        List<Finding> result = SqsChecks.evaluate(new SqsInventory(denied, List.of()), ALL, findings);

        assertThat(result).extracting(Finding::controlId).containsExactly("SQS.1", "SQS.2", "SQS.3");
        assertThat(result).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.evidence()).containsEntry("operation", "ListQueues").containsEntry("errorCode", "AccessDenied");
        });
    }

    @Test
    void onlyEnabledControlsAreEvaluated() {
        List<Finding> result = SqsChecks.evaluate(new SqsInventory(null, List.of(queue(Map.of(), Map.of()))),
                Set.of("SQS.3"), findings);

        assertThat(result).extracting(Finding::controlId).containsExactly("SQS.3");
    }

    @Test
    void queueNameAndArnFromUrl() {
        assertThat(SqsCollector.queueName("http://127.0.0.1:5000/123456789012/orders")).isEqualTo("orders");
        assertThat(SqsCollector.queueArn("cn-north-1", ACCOUNT, "q")).isEqualTo("arn:aws-cn:sqs:cn-north-1:123456789012:q");
        assertThat(SqsCollector.queueArn("us-gov-west-1", ACCOUNT, "q")).startsWith("arn:aws-us-gov:");
    }
}
