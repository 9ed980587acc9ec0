package dev.sonda.worker.probe.sqs;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.policy.ResourcePolicyAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure checks SQS.1, SQS.2 and SQS.3 over an {@link SqsInventory}. */
public final class SqsChecks {

    public static final String SQS_1 = "SQS.1";
    public static final String SQS_2 = "SQS.2";
    public static final String SQS_3 = "SQS.3";
    static final List<String> CONTROLS = List.of(SQS_1, SQS_2, SQS_3);

    private SqsChecks() {
    }

    /** Evaluates the enabled controls, in catalog order, queue by queue. */
    public static List<Finding> evaluate(SqsInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        String regionResource = SqsCollector.queueArn(findings.region(), findings.accountId(), "*");
        if (inventory.listError() != null) {
            AwsError error = inventory.listError();
            for (String control : enabledControls(enabled)) {
                result.add(findings.error(control, regionResource, "SQS queues in region " + findings.region()
                        + " could not be listed: ListQueues failed with " + error.errorCode() + ".", error));
            }
            return result;
        }
        if (inventory.queues().isEmpty()) {
            for (String control : enabledControls(enabled)) {
                result.add(findings.finding(control, FindingStatus.NOT_APPLICABLE, regionResource,
                        "Region " + findings.region() + " has no SQS queues.", Map.of("queueCount", 0)));
            }
            return result;
        }
        for (QueueRecord queue : inventory.queues()) {
            if (enabled.contains(SQS_1)) {
                result.add(encryption(queue, findings));
            }
            if (enabled.contains(SQS_2)) {
                result.add(tagging(queue, findings));
            }
            if (enabled.contains(SQS_3)) {
                result.add(publicAccess(queue, findings));
            }
        }
        return result;
    }

    static Finding encryption(QueueRecord queue, FindingFactory findings) {
        if (!queue.attributes().isOk()) {
            return attributesError(SQS_1, queue, findings, "encryption at rest");
        }
        Map<String, String> attributes = queue.attributes().value();
        String managed = attributes.get("SqsManagedSseEnabled");
        String kmsKey = attributes.get("KmsMasterKeyId");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("SqsManagedSseEnabled", managed == null ? "absent" : managed);
        evidence.put("KmsMasterKeyId", kmsKey == null ? "absent" : kmsKey);
        if (kmsKey != null && !kmsKey.isBlank()) {
            return findings.finding(SQS_1, FindingStatus.PASS, queue.arn(), "SQS queue " + queue.name()
                    + " encrypts messages at rest with KMS key " + kmsKey + ".", evidence);
        }
        if ("true".equalsIgnoreCase(managed)) {
            return findings.finding(SQS_1, FindingStatus.PASS, queue.arn(), "SQS queue " + queue.name()
                    + " encrypts messages at rest with SQS-managed keys (SSE-SQS).", evidence);
        }
        return findings.finding(SQS_1, FindingStatus.FAIL, queue.arn(), "SQS queue " + queue.name()
                + " does not encrypt messages at rest.", evidence);
    }

    static Finding tagging(QueueRecord queue, FindingFactory findings) {
        if (!queue.tags().isOk()) {
            AwsError error = queue.tags().error();
            return findings.error(SQS_2, queue.arn(), "SQS queue " + queue.name()
                    + " could not be checked for tags: ListQueueTags failed with " + error.errorCode() + ".", error);
        }
        List<String> userKeys = queue.tags().value().keySet().stream()
                .filter(key -> !key.startsWith("aws:"))
                .sorted()
                .toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("tagKeys", userKeys);
        if (userKeys.isEmpty()) {
            return findings.finding(SQS_2, FindingStatus.FAIL, queue.arn(), "SQS queue " + queue.name()
                    + " has no tags other than aws: system tags.", evidence);
        }
        return findings.finding(SQS_2, FindingStatus.PASS, queue.arn(), "SQS queue " + queue.name() + " has "
                + userKeys.size() + (userKeys.size() == 1 ? " tag." : " tags."), evidence);
    }

    static Finding publicAccess(QueueRecord queue, FindingFactory findings) {
        if (!queue.attributes().isOk()) {
            return attributesError(SQS_3, queue, findings, "public access");
        }
        String policy = queue.attributes().value().get("Policy");
        if (policy == null || policy.isBlank()) {
            return findings.finding(SQS_3, FindingStatus.PASS, queue.arn(), "SQS queue " + queue.name()
                    + " has no access policy.", Map.of("policyPresent", false));
        }
        ResourcePolicyAnalyzer.Verdict verdict = ResourcePolicyAnalyzer.SQS_QUEUE_POLICY.analyze(policy);
        if (!verdict.valid()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("operation", "GetQueueAttributes");
            evidence.put("errorCode", "InvalidPolicy");
            evidence.put("reason", verdict.invalidReason());
            return findings.finding(SQS_3, FindingStatus.ERROR, queue.arn(), "SQS queue " + queue.name()
                    + " could not be checked for public access: " + verdict.invalidReason() + ".", evidence);
        }
        if (verdict.isPublic()) {
            return findings.finding(SQS_3, FindingStatus.FAIL, queue.arn(), "SQS queue " + queue.name()
                    + " allows public access in policy statement " + String.join(", ", verdict.publicStatements())
                    + ".", Map.of("policyPresent", true, "publicStatements", verdict.publicStatements()));
        }
        return findings.finding(SQS_3, FindingStatus.PASS, queue.arn(), "SQS queue " + queue.name()
                + " has an access policy that does not allow public access.", Map.of("policyPresent", true));
    }

    private static Finding attributesError(String control, QueueRecord queue, FindingFactory findings, String topic) {
        AwsError error = queue.attributes().error();
        return findings.error(control, queue.arn(), "SQS queue " + queue.name() + " could not be checked for "
                + topic + ": GetQueueAttributes failed with " + error.errorCode() + ".", error);
    }

    private static List<String> enabledControls(Set<String> enabled) {
        return CONTROLS.stream().filter(enabled::contains).toList();
    }
}
