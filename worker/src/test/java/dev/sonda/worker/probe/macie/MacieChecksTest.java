package dev.sonda.worker.probe.macie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.macie.MacieInventory.Administrator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MacieChecksTest {

    private static final AwsError NOT_ENABLED = new AwsError("GetMacieSession", AwsErrorKind.ACCESS_DENIED,
            "AccessDeniedException", 403, "Macie is not enabled.");
    private static final AwsError DENIED = new AwsError("GetMacieSession", AwsErrorKind.ACCESS_DENIED,
            "AccessDeniedException", 403, "User: arn:aws:sts::123456789012:assumed-role/SondaScanner/x is not"
                    + " authorized to perform: macie2:GetMacieSession");

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("macie").orElseThrow(),
            "123456789012", "eu-west-1");

    private static MacieInventory enabled(Administrator administrator, Collected<String> discovery) {
        return new MacieInventory(Collected.ok("ENABLED"), Collected.ok(administrator), discovery);
    }

    @Test
    void notEnabledMessageIsRecognized() {
        assertThat(MacieChecks.isMacieNotEnabled(NOT_ENABLED)).isTrue();
        assertThat(MacieChecks.isMacieNotEnabled(new AwsError("ListFindings", AwsErrorKind.ACCESS_DENIED,
                "AccessDeniedException", 401, "  MACIE IS NOT ENABLED"))).isTrue();
        assertThat(MacieChecks.isMacieNotEnabled(new AwsError("GetMacieSession", AwsErrorKind.NOT_FOUND,
                "ResourceNotFoundException", 404, null))).isTrue();
    }

    @Test
    void otherAccessDeniedIsNotNotEnabled() {
        assertThat(MacieChecks.isMacieNotEnabled(DENIED)).isFalse();
        assertThat(MacieChecks.isMacieNotEnabled(new AwsError("GetMacieSession", AwsErrorKind.ACCESS_DENIED,
                "AccessDeniedException", 403, null))).isFalse();
        assertThat(MacieChecks.isMacieNotEnabled(new AwsError("GetMacieSession", AwsErrorKind.ACCESS_DENIED,
                "UnrecognizedClientException", 403, "Macie is not enabled."))).isFalse();
    }

    @Test
    void enabledSessionPasses() {
        Finding finding = MacieChecks.macieEnabled(Collected.ok("ENABLED"), findings);

        assertThat(finding.controlId()).isEqualTo("Macie.1");
        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo("AWS::::Account:123456789012");
        assertThat(finding.message()).isEqualTo("Macie is enabled in account 123456789012, region eu-west-1.");
    }

    @Test
    void pausedSessionFails() {
        Finding finding = MacieChecks.macieEnabled(Collected.ok("PAUSED"), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Macie is suspended (status PAUSED) in account 123456789012, region"
                + " eu-west-1.");
    }

    @Test
    void macieNotEnabledFails() {
        Finding finding = MacieChecks.macieEnabled(Collected.failed(NOT_ENABLED), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Macie is not enabled in account 123456789012, region eu-west-1.");
        assertThat(finding.evidence()).containsEntry("errorCode", "AccessDeniedException")
                .containsEntry("httpStatus", 403);
    }

    @Test
    void missingPermissionIsError() {
        Finding finding = MacieChecks.macieEnabled(Collected.failed(DENIED), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("Macie could not be checked in account 123456789012, region eu-west-1:"
                + " GetMacieSession failed with AccessDeniedException.");
    }

    @Test
    void discoveryEnabledPasses() {
        Finding finding = MacieChecks.automatedDiscovery(enabled(Administrator.NONE, Collected.ok("ENABLED")), findings);

        assertThat(finding.controlId()).isEqualTo("Macie.2");
        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("Macie automated sensitive data discovery is enabled in account"
                + " 123456789012, region eu-west-1.");
    }

    @Test
    void discoveryDisabledFails() {
        Finding finding = MacieChecks.automatedDiscovery(enabled(Administrator.NONE, Collected.ok("DISABLED")), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("automatedDiscoveryStatus", "DISABLED");
    }

    @Test
    void discoveryNotApplicableWithoutMacie() {
        Finding finding = MacieChecks.automatedDiscovery(new MacieInventory(Collected.failed(NOT_ENABLED), null, null),
                findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.message()).isEqualTo("Macie is not enabled in account 123456789012, region eu-west-1, so"
                + " automated sensitive data discovery does not apply.");
    }

    @Test
    void discoveryNotApplicableWhenPaused() {
        Finding finding = MacieChecks.automatedDiscovery(new MacieInventory(Collected.ok("PAUSED"), null, null),
                findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void discoveryNotApplicableForMember() {
        Finding finding = MacieChecks.automatedDiscovery(enabled(new Administrator("999999999999", "Enabled"), null),
                findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.message()).isEqualTo("Macie administrator account 999999999999 manages automated sensitive"
                + " data discovery for account 123456789012, region eu-west-1.");
    }

    @Test
    void pausedMembershipIsNotManaged() {
        assertThat(new Administrator("999999999999", "Paused").managed()).isFalse();
        assertThat(Administrator.NONE.managed()).isFalse();
    }

    @Test
    void discoveryErrorsAreErrors() {
        Finding denied = MacieChecks.automatedDiscovery(new MacieInventory(Collected.failed(DENIED), null, null),
                findings);
        Finding administratorFailed = MacieChecks.automatedDiscovery(new MacieInventory(Collected.ok("ENABLED"),
                Collected.failed(new AwsError("GetAdministratorAccount", AwsErrorKind.THROTTLED, "ThrottlingException",
                        429, null)), null), findings);
        Finding discoveryFailed = MacieChecks.automatedDiscovery(enabled(Administrator.NONE, Collected.failed(
                new AwsError("GetAutomatedDiscoveryConfiguration", AwsErrorKind.SERVER_ERROR, "InternalServerException",
                        500, null))), findings);

        assertThat(denied.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(administratorFailed.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(administratorFailed.evidence()).containsEntry("operation", "GetAdministratorAccount");
        assertThat(discoveryFailed.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(discoveryFailed.message()).endsWith(": GetAutomatedDiscoveryConfiguration failed with"
                + " InternalServerException.");
    }

    @Test
    void onlyEnabledControlsAreEvaluated() {
        MacieInventory inventory = enabled(Administrator.NONE, Collected.ok("ENABLED"));

        List<Finding> result = MacieChecks.evaluate(inventory, Set.of("Macie.2"), findings);

        assertThat(result).extracting(Finding::controlId).containsExactly("Macie.2");
    }
}
