package dev.sonda.worker.probe.accessanalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessAnalyzerChecksTest {

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("accessanalyzer").orElseThrow(),
            "123456789012", "eu-west-1");

    private static AnalyzerRecord analyzer(String name, String type, String status) {
        return new AnalyzerRecord(name, "arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/" + name, type,
                status);
    }

    private Finding evaluate(AnalyzerRecord... analyzers) {
        return AccessAnalyzerChecks.externalAccessAnalyzer(Collected.ok(List.of(analyzers)), findings);
    }

    @Test
    void activeAccountAnalyzerPasses() {
        Finding finding = evaluate(analyzer("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE"),
                analyzer("external", "ACCOUNT", "ACTIVE"));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo("AWS::::Account:123456789012");
        assertThat(finding.region()).isEqualTo("eu-west-1");
        assertThat(finding.message()).isEqualTo("Region eu-west-1 of account 123456789012 has an active IAM Access "
                + "Analyzer external access analyzer, external (type ACCOUNT).");
        assertThat(finding.evidence()).containsEntry("activeExternalAccessAnalyzers",
                List.of("arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/external"));
    }

    @Test
    void activeOrganizationAnalyzerPasses() {
        Finding finding = evaluate(analyzer("org", "ORGANIZATION", "ACTIVE"));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void noAnalyzerFails() {
        Finding finding = evaluate();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Region eu-west-1 of account 123456789012 has no IAM Access Analyzer "
                + "analyzer.");
        assertThat(finding.evidence()).containsEntry("analyzers", List.of());
    }

    @Test
    void unusedAndInternalAccessAnalyzersDoNotCount() {
        Finding finding = evaluate(analyzer("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE"),
                analyzer("org-unused", "ORGANIZATION_UNUSED_ACCESS", "ACTIVE"),
                analyzer("internal", "ACCOUNT_INTERNAL_ACCESS", "ACTIVE"));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Region eu-west-1 of account 123456789012 has no active IAM Access "
                + "Analyzer external access analyzer (type ACCOUNT or ORGANIZATION); it has unused "
                + "(ACCOUNT_UNUSED_ACCESS, ACTIVE), org-unused (ORGANIZATION_UNUSED_ACCESS, ACTIVE), internal "
                + "(ACCOUNT_INTERNAL_ACCESS, ACTIVE).");
    }

    @Test
    void inactiveExternalAnalyzersDoNotCount() {
        Finding finding = evaluate(analyzer("creating", "ACCOUNT", "CREATING"),
                analyzer("disabled", "ORGANIZATION", "DISABLED"), analyzer("failed", "ACCOUNT", "FAILED"));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("analyzers", List.of("creating (ACCOUNT, CREATING)",
                "disabled (ORGANIZATION, DISABLED)", "failed (ACCOUNT, FAILED)"));
    }

    @Test
    void deniedListingIsError() {
        Finding finding = AccessAnalyzerChecks.externalAccessAnalyzer(Collected.failed(new AwsError("ListAnalyzers",
                AwsErrorKind.ACCESS_DENIED, "AccessDeniedException", 403, null)), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "ListAnalyzers")
                .containsEntry("errorCode", "AccessDeniedException");
        assertThat(finding.message()).isEqualTo("Region eu-west-1 of account 123456789012 could not be checked for an "
                + "IAM Access Analyzer analyzer: ListAnalyzers failed with AccessDeniedException.");
    }

    @Test
    void disabledControlGivesNoFinding() {
        assertThat(AccessAnalyzerChecks.evaluate(Collected.ok(List.of()), Set.of(), findings)).isEmpty();
    }
}
