package dev.sonda.worker.probe.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.securityhub.SecurityHubInventory.EnabledStandard;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityHubChecksTest {

    private static final String HUB = "arn:aws:securityhub:eu-west-1:123456789012:hub/default";

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("securityhub").orElseThrow(),
            "123456789012", "eu-west-1");

    private static Collected<String> failed(String operation, AwsErrorKind kind, String code) {
        return Collected.failed(new AwsError(operation, kind, code, 400, null));
    }

    @Test
    void enabledHubPassesWithStandards() {
        SecurityHubInventory inventory = new SecurityHubInventory(Collected.ok(HUB), Collected.ok(List.of(
                new EnabledStandard("arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0", "READY"),
                new EnabledStandard("arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0", "INCOMPLETE"))));

        Finding finding = SecurityHubChecks.hubEnabled(inventory, findings);

        assertThat(finding.controlId()).isEqualTo("SecurityHub.Enabled");
        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo(HUB);
        assertThat(finding.region()).isEqualTo("eu-west-1");
        assertThat(finding.message()).isEqualTo("Security Hub is enabled in account 123456789012, region eu-west-1,"
                + " with 2 standards enabled.");
        assertThat(finding.evidence()).containsEntry("enabledStandards", List.of(
                "aws-foundational-security-best-practices/v/1.0.0 (READY)",
                "cis-aws-foundations-benchmark/v/1.2.0 (INCOMPLETE)"));
    }

    @Test
    void enabledHubWithoutStandardsPasses() {
        Finding finding = SecurityHubChecks.hubEnabled(new SecurityHubInventory(Collected.ok(HUB),
                Collected.ok(List.of())), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).endsWith("with 0 standards enabled.");
    }

    @Test
    void unreadableStandardsStillPass() {
        SecurityHubInventory inventory = new SecurityHubInventory(Collected.ok(HUB),
                Collected.failed(new AwsError("GetEnabledStandards", AwsErrorKind.ACCESS_DENIED, "AccessDeniedException",
                        403, null)));

        Finding finding = SecurityHubChecks.hubEnabled(inventory, findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("Security Hub is enabled in account 123456789012, region eu-west-1.");
        assertThat(finding.evidence()).containsEntry("enabledStandardsError", "AccessDeniedException");
    }

    @Test
    void notSubscribedFails() {
        SecurityHubInventory inventory = new SecurityHubInventory(
                failed("DescribeHub", AwsErrorKind.CLIENT_ERROR, "InvalidAccessException"), null);

        Finding finding = SecurityHubChecks.hubEnabled(inventory, findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.resourceId()).isEqualTo(HUB);
        assertThat(finding.message()).isEqualTo("Security Hub is not enabled in account 123456789012, region eu-west-1.");
        assertThat(finding.evidence()).containsEntry("errorCode", "InvalidAccessException");
    }

    @Test
    void hubNotFoundFails() {
        SecurityHubInventory inventory = new SecurityHubInventory(
                failed("DescribeHub", AwsErrorKind.NOT_FOUND, "ResourceNotFoundException"), null);

        assertThat(SecurityHubChecks.hubEnabled(inventory, findings).status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void accessDeniedIsError() {
        SecurityHubInventory inventory = new SecurityHubInventory(
                failed("DescribeHub", AwsErrorKind.ACCESS_DENIED, "AccessDeniedException"), null);

        Finding finding = SecurityHubChecks.hubEnabled(inventory, findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("Security Hub could not be checked in account 123456789012, region"
                + " eu-west-1: DescribeHub failed with AccessDeniedException.");
        assertThat(finding.evidence()).containsEntry("operation", "DescribeHub");
    }

    @Test
    void disabledControlGivesNoFinding() {
        assertThat(SecurityHubChecks.evaluate(new SecurityHubInventory(Collected.ok(HUB), null), Set.of(), findings))
                .isEmpty();
    }

    @Test
    void hubArnFollowsPartition() {
        assertThat(SecurityHubChecks.hubArn("cn-north-1", "1")).isEqualTo("arn:aws-cn:securityhub:cn-north-1:1:hub/default");
        assertThat(SecurityHubChecks.hubArn("us-gov-west-1", "1")).startsWith("arn:aws-us-gov:");
    }
}
