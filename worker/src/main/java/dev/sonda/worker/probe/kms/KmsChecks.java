package dev.sonda.worker.probe.kms;

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

/** The pure checks KMS.3, KMS.4 and KMS.5 over a {@link KmsInventory}. */
public final class KmsChecks {

    public static final String KMS_3 = "KMS.3";
    public static final String KMS_4 = "KMS.4";
    public static final String KMS_5 = "KMS.5";
    static final List<String> CONTROLS = List.of(KMS_3, KMS_4, KMS_5);

    private KmsChecks() {
    }

    /** Evaluates the enabled controls key by key, in catalog order. */
    public static List<Finding> evaluate(KmsInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<String> controls = CONTROLS.stream().filter(enabled::contains).toList();
        List<Finding> result = new ArrayList<>();
        String regionResource = keyArn(findings.region(), findings.accountId(), "*");
        if (inventory.listError() != null) {
            AwsError error = inventory.listError();
            for (String control : controls) {
                result.add(findings.error(control, regionResource, "KMS keys in region " + findings.region()
                        + " could not be listed: ListKeys failed with " + error.errorCode() + ".", error));
            }
            return result;
        }
        for (KeyRecord key : inventory.keys()) {
            for (String control : controls) {
                Finding finding = switch (control) {
                    case KMS_3 -> pendingDeletion(key, findings);
                    case KMS_4 -> rotation(key, findings);
                    case KMS_5 -> publicAccess(key, findings);
                    default -> throw new IllegalStateException("Unknown KMS control " + control);
                };
                if (finding != null) {
                    result.add(finding);
                }
            }
        }
        for (String control : controls) {
            if (result.stream().noneMatch(finding -> finding.controlId().equals(control))) {
                String message = control.equals(KMS_4)
                        ? "Region " + findings.region() + " has no KMS keys."
                        : "Region " + findings.region() + " has no customer managed KMS keys.";
                result.add(findings.finding(control, FindingStatus.NOT_APPLICABLE, regionResource, message,
                        Map.of("keyCount", inventory.keys().size())));
            }
        }
        return result;
    }

    /** KMS.3 for one key, or {@code null} for an AWS managed key, which KMS.3 skips. */
    static Finding pendingDeletion(KeyRecord key, FindingFactory findings) {
        if (!key.details().isOk()) {
            return describeError(KMS_3, key, findings);
        }
        KeyDetails details = key.details().value();
        if (!details.isCustomerManaged()) {
            return null;
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("keyState", details.keyState());
        if (details.isPendingDeletion()) {
            evidence.put("deletionDate", details.deletionDate() == null ? null : details.deletionDate().toString());
            evidence.put("pendingDeletionWindowInDays", details.pendingDeletionWindowInDays());
            String when = details.deletionDate() == null ? "" : " on " + details.deletionDate();
            return findings.finding(KMS_3, FindingStatus.FAIL, key.arn(), "KMS key " + key.label()
                    + " is scheduled for deletion" + when + ".", evidence);
        }
        return findings.finding(KMS_3, FindingStatus.PASS, key.arn(), "KMS key " + key.label()
                + " is not scheduled for deletion.", evidence);
    }

    static Finding rotation(KeyRecord key, FindingFactory findings) {
        if (!key.details().isOk()) {
            return describeError(KMS_4, key, findings);
        }
        KeyDetails details = key.details().value();
        String notApplicable = rotationNotApplicableReason(details);
        if (notApplicable != null) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("keyManager", details.keyManager());
            evidence.put("keyState", details.keyState());
            evidence.put("keySpec", details.keySpec());
            evidence.put("keyUsage", details.keyUsage());
            evidence.put("origin", details.origin());
            return findings.finding(KMS_4, FindingStatus.NOT_APPLICABLE, key.arn(), "KMS key " + key.label() + " "
                    + notApplicable + ", so automatic rotation does not apply.", evidence);
        }

        if (key.rotation() == null) {
            throw new IllegalStateException("KMS key " + key.keyId() + " needs GetKeyRotationStatus for KMS.4, but the"
                    + " collector did not call it");
        }
        if (!key.rotation().isOk()) {
            AwsError error = key.rotation().error();
            return findings.error(KMS_4, key.arn(), "KMS key " + key.label() + " could not be checked for automatic"
                    + " rotation: GetKeyRotationStatus failed with " + error.errorCode() + ".", error);
        }

        KeyRecord.Rotation rotation = key.rotation().value();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("keyRotationEnabled", rotation.enabled());
        evidence.put("rotationPeriodInDays", rotation.periodInDays());
        if (rotation.enabled()) {
            String period = rotation.periodInDays() == null ? "" : " every " + rotation.periodInDays() + " days";
            return findings.finding(KMS_4, FindingStatus.PASS, key.arn(), "KMS key " + key.label()
                    + " rotates its key material automatically" + period + ".", evidence);
        }
        return findings.finding(KMS_4, FindingStatus.FAIL, key.arn(), "KMS key " + key.label()
                + " does not rotate its key material automatically.", evidence);
    }

    /**
     * Returns why KMS.4 does not apply to a key, as a predicate for "KMS key X ...", or
     * {@code null} when it applies: an enabled customer managed {@code SYMMETRIC_DEFAULT}
     * {@code ENCRYPT_DECRYPT} key whose material KMS generated.
     */
    public static String rotationNotApplicableReason(KeyDetails details) {
        if (!details.isCustomerManaged()) {
            return "is AWS managed, and AWS rotates it every year";
        }
        if (!"Enabled".equals(details.keyState())) {
            return "is in state " + details.keyState();
        }
        if (!KeyDetails.SYMMETRIC_DEFAULT.equals(details.keySpec())) {
            return "has key spec " + details.keySpec();
        }
        if (!KeyDetails.ENCRYPT_DECRYPT.equals(details.effectiveKeyUsage())) {
            return "has key usage " + details.effectiveKeyUsage();
        }
        if (!"AWS_KMS".equals(details.origin())) {
            return switch (String.valueOf(details.origin())) {
                case "EXTERNAL" -> "has imported key material (origin EXTERNAL)";
                case "AWS_CLOUDHSM" -> "keeps its key material in a CloudHSM key store (origin AWS_CLOUDHSM)";
                case "EXTERNAL_KEY_STORE" -> "keeps its key material in an external key store (origin "
                        + "EXTERNAL_KEY_STORE)";
                default -> "has key material of origin " + details.origin();
            };
        }
        return null;
    }

    /** KMS.5 for one key, or {@code null} for an AWS managed key, whose policy AWS writes. */
    static Finding publicAccess(KeyRecord key, FindingFactory findings) {
        if (!key.details().isOk()) {
            return describeError(KMS_5, key, findings);
        }
        if (!key.details().value().isCustomerManaged()) {
            return null;
        }
        if (key.policy() == null) {
            throw new IllegalStateException("KMS key " + key.keyId() + " needs GetKeyPolicy for KMS.5, but the"
                    + " collector did not call it");
        }
        if (!key.policy().isOk()) {
            AwsError error = key.policy().error();
            return findings.error(KMS_5, key.arn(), "KMS key " + key.label() + " could not be checked for public"
                    + " access: GetKeyPolicy failed with " + error.errorCode() + ".", error);
        }
        ResourcePolicyAnalyzer.Verdict verdict = ResourcePolicyAnalyzer.KMS_KEY_POLICY.analyze(key.policy().value());
        if (!verdict.valid()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("operation", "GetKeyPolicy");
            evidence.put("errorCode", "InvalidPolicy");
            evidence.put("reason", verdict.invalidReason());
            return findings.finding(KMS_5, FindingStatus.ERROR, key.arn(), "KMS key " + key.label()
                    + " could not be checked for public access: " + verdict.invalidReason() + ".", evidence);
        }
        if (verdict.isPublic()) {
            return findings.finding(KMS_5, FindingStatus.FAIL, key.arn(), "KMS key " + key.label()
                    + " allows public access in key policy statement " + String.join(", ", verdict.publicStatements())
                    + ".", Map.of("publicStatements", verdict.publicStatements()));
        }
        return findings.finding(KMS_5, FindingStatus.PASS, key.arn(), "KMS key " + key.label()
                + " has a key policy that does not allow public access.", Map.of("publicStatements", List.of()));
    }

    private static Finding describeError(String control, KeyRecord key, FindingFactory findings) {
        AwsError error = key.details().error();
        return findings.error(control, key.arn(), "KMS key " + key.label() + " could not be checked: DescribeKey"
                + " failed with " + error.errorCode() + ".", error);
    }

    static String keyArn(String region, String accountId, String keyId) {
        String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        return "arn:" + partition + ":kms:" + region + ":" + accountId + ":key/" + keyId;
    }
}
