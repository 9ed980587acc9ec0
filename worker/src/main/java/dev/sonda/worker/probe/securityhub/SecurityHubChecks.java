package dev.sonda.worker.probe.securityhub;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.FindingFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure check SecurityHub.Enabled over a {@link SecurityHubInventory}. */
public final class SecurityHubChecks {

    public static final String SECURITY_HUB_ENABLED = "SecurityHub.Enabled";

    /** DescribeHub's error code when the account is not subscribed to Security Hub in the region. */
    static final String NOT_SUBSCRIBED = "InvalidAccessException";

    private SecurityHubChecks() {
    }

    public static List<Finding> evaluate(SecurityHubInventory inventory, Set<String> enabled, FindingFactory findings) {
        if (!enabled.contains(SECURITY_HUB_ENABLED)) {
            return List.of();
        }
        return List.of(hubEnabled(inventory, findings));
    }

    static Finding hubEnabled(SecurityHubInventory inventory, FindingFactory findings) {
        String account = findings.accountId();
        String region = findings.region();
        String resource = hubArn(region, account);
        if (!inventory.hubArn().isOk()) {
            AwsError error = inventory.hubArn().error();
            if (error.errorCode().equals(NOT_SUBSCRIBED) || error.is(AwsErrorKind.NOT_FOUND)) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("operation", error.operation());
                evidence.put("errorCode", error.errorCode());
                return findings.finding(SECURITY_HUB_ENABLED, FindingStatus.FAIL, resource, "Security Hub is not"
                        + " enabled in account " + account + ", region " + region + ".", evidence);
            }
            return findings.error(SECURITY_HUB_ENABLED, resource, "Security Hub could not be checked in account "
                    + account + ", region " + region + ": DescribeHub failed with " + error.errorCode() + ".", error);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("hubArn", inventory.hubArn().value());
        if (inventory.standards().isOk()) {
            List<String> standards = inventory.standards().value().stream()
                    .map(standard -> standard.shortName() + " (" + standard.status() + ")")
                    .toList();
            evidence.put("enabledStandards", standards);
            return findings.finding(SECURITY_HUB_ENABLED, FindingStatus.PASS, inventory.hubArn().value(),
                    "Security Hub is enabled in account " + account + ", region " + region + ", with "
                            + standards.size() + (standards.size() == 1 ? " standard" : " standards") + " enabled.",
                    evidence);
        }
        // The hub is enabled whatever its standards are; a failed listing only leaves them out of the evidence.
        evidence.put("enabledStandardsError", inventory.standards().error().errorCode());
        return findings.finding(SECURITY_HUB_ENABLED, FindingStatus.PASS, inventory.hubArn().value(),
                "Security Hub is enabled in account " + account + ", region " + region + ".", evidence);
    }

    /** Returns the ARN of the account's hub in a region, {@code arn:aws:securityhub:REGION:ACCOUNT:hub/default}. */
    static String hubArn(String region, String account) {
        return "arn:" + partition(region) + ":securityhub:" + region + ":" + account + ":hub/default";
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
