package dev.sonda.worker.probe.securityhub;

import dev.sonda.worker.probe.Collected;
import java.util.List;

/**
 * Security Hub in one account and region.
 *
 * @param hubArn DescribeHub's HubArn, or its error (InvalidAccessException when the account is not subscribed)
 * @param standards GetEnabledStandards, or {@code null} when DescribeHub failed
 */
public record SecurityHubInventory(Collected<String> hubArn, Collected<List<EnabledStandard>> standards) {

    /**
     * A standard the hub has a subscription to.
     *
     * @param standardsArn for example {@code arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0}
     * @param status READY, PENDING, INCOMPLETE, DELETING or FAILED
     */
    public record EnabledStandard(String standardsArn, String status) {

        /** Returns the part of the ARN after {@code standards/} or {@code ruleset/}, which names the standard and its version. */
        public String shortName() {
            int slash = standardsArn.indexOf(":standards/");
            if (slash >= 0) {
                return standardsArn.substring(slash + ":standards/".length());
            }
            int ruleset = standardsArn.indexOf(":ruleset/");
            return ruleset >= 0 ? standardsArn.substring(ruleset + ":ruleset/".length()) : standardsArn;
        }
    }
}
