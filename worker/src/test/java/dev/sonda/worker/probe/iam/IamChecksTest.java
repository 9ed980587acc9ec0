package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamTestData.NOW;
import static dev.sonda.worker.probe.iam.IamTestData.denied;
import static dev.sonda.worker.probe.iam.IamTestData.findings;
import static dev.sonda.worker.probe.iam.IamTestData.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IamChecksTest {

    @Test
    void onlyEnabledControlsAreEvaluated() {
        IamInventory inventory = IamInventory.builder()
                .accountSummary(Collected.ok(summary(1, 0, 0, 1)))
                .build();

        List<Finding> result = IamChecks.evaluate(inventory, Set.of("IAM.9"), findings(), NOW);

        assertThat(result).extracting(Finding::controlId).containsExactly("IAM.9");
    }

    @Test
    void everyControlOfTheCatalogIsEvaluated() {
        Set<String> catalog = Catalog.load().probe("iam").orElseThrow().controls().stream()
                .map(control -> control.id()).collect(Collectors.toSet());
        IamInventory inventory = IamInventory.builder()
                .accountSummary(denied("GetAccountSummary"))
                .credentialReport(denied("GetCredentialReport"))
                .passwordPolicy(denied("GetAccountPasswordPolicy"))
                .authorization(denied("GetAccountAuthorizationDetails"))
                .attachedAwsManagedPolicies(denied("ListPolicies"))
                .virtualMfaDevices(denied("ListVirtualMFADevices"))
                .serverCertificates(denied("ListServerCertificates"))
                .identityProviders(denied("ListSAMLProviders"))
                .analyzersByRegion(Map.of("eu-west-1", denied("ListAnalyzers")))
                .build();

        List<Finding> result = IamChecks.evaluate(inventory, catalog, findings(), NOW);

        assertThat(result).extracting(Finding::controlId).containsExactlyInAnyOrderElementsOf(catalog);
        assertThat(result).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.evidence()).containsEntry("errorCode", "AccessDenied");
        });
    }

    @Test
    void controlSetsCoverTheCatalog() {
        Set<String> catalog = Catalog.load().probe("iam").orElseThrow().controls().stream()
                .map(control -> control.id()).collect(Collectors.toSet());

        assertThat(catalog).containsAll(IamChecks.SUMMARY_CONTROLS).containsAll(IamChecks.REPORT_CONTROLS)
                .containsAll(IamChecks.PASSWORD_POLICY_CONTROLS).containsAll(IamChecks.AUTHORIZATION_CONTROLS);
    }

    @Test
    void deniedCallMessageNamesOperation() {
        IamInventory inventory = IamInventory.builder().passwordPolicy(denied("GetAccountPasswordPolicy")).build();

        Finding finding = IamChecks.evaluate(inventory, Set.of("IAM.15"), findings(), NOW).get(0);

        assertThat(finding.message()).isEqualTo("Account 123456789012 could not be checked for a password policy: "
                + "GetAccountPasswordPolicy failed with AccessDenied.");
        assertThat(finding.resourceId()).isEqualTo("AWS::::Account:123456789012");
    }
}
