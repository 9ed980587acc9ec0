package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamTestData.NOW;
import static dev.sonda.worker.probe.iam.IamTestData.daysAgo;
import static dev.sonda.worker.probe.iam.IamTestData.denied;
import static dev.sonda.worker.probe.iam.IamTestData.details;
import static dev.sonda.worker.probe.iam.IamTestData.findings;
import static dev.sonda.worker.probe.iam.IamTestData.report;
import static dev.sonda.worker.probe.iam.IamTestData.role;
import static dev.sonda.worker.probe.iam.IamTestData.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.iam.IamInventory.Analyzer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceChecksTest {

    @Test
    void analyzerTagsPerRegion() {
        Map<String, Collected<List<Analyzer>>> byRegion = new LinkedHashMap<>();
        byRegion.put("eu-west-1", Collected.ok(List.of(
                new Analyzer("tagged", "arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/tagged", "ACCOUNT",
                        "ACTIVE", Map.of("owner", "security")),
                new Analyzer("bare", "arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/bare", "ACCOUNT",
                        "ACTIVE", Map.of("aws:cloudformation:stack-name", "x")))));
        byRegion.put("us-east-1", denied("ListAnalyzers"));

        List<Finding> result = ResourceChecks.analyzerTags(byRegion, findings());

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.PASS, FindingStatus.FAIL,
                FindingStatus.ERROR);
        assertThat(result.get(1).message()).isEqualTo("Access Analyzer analyzer bare in eu-west-1 has no tags.");
        assertThat(result.get(2).message()).isEqualTo("Access Analyzer analyzers of account 123456789012 in us-east-1"
                + " could not be checked for tags: ListAnalyzers failed with AccessDenied.");
    }

    @Test
    void noAnalyzerIsNotApplicable() {
        Finding finding = ResourceChecks.analyzerTags(Map.of("eu-west-1", Collected.ok(List.of())), findings()).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.message()).isEqualTo("Account 123456789012 has no Access Analyzer analyzer in eu-west-1.");
    }

    @Test
    void serviceLinkedRoleIsNotApplicableForTags() {
        List<Finding> result = ResourceChecks.roleTags(Collected.ok(details(List.of(), List.of(
                role("AWSServiceRoleForSupport", "/aws-service-role/support.amazonaws.com/", List.of(), Map.of(), null),
                role("app", "/", List.of(), Map.of("owner", "team"), null),
                role("bare", "/", List.of(), Map.of(), null)), List.of())), findings());

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.NOT_APPLICABLE,
                FindingStatus.PASS, FindingStatus.FAIL);
        assertThat(result.get(2).message()).isEqualTo("IAM role bare has no tags.");
    }

    @Test
    void userTags() {
        List<Finding> result = ResourceChecks.userTags(Collected.ok(details(List.of(
                user("alice", List.of(), List.of(), Map.of("team", "a")),
                user("bob", List.of(), List.of(), Map.of())), List.of(), List.of())), findings());

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.PASS, FindingStatus.FAIL);
        assertThat(result.get(0).evidence()).containsEntry("tagKeys", List.of("team"));
    }

    @Test
    void expiredCertificateFails() {
        List<Finding> result = ResourceChecks.serverCertificates(Collected.ok(List.of(
                new IamInventory.ServerCertificate("old", "arn:aws:iam::123456789012:server-certificate/old",
                        NOW.minus(Duration.ofDays(1))),
                new IamInventory.ServerCertificate("new", "arn:aws:iam::123456789012:server-certificate/new",
                        NOW.plus(Duration.ofDays(30))))), findings(), NOW);

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.FAIL, FindingStatus.PASS);
        assertThat(result.get(0).message()).isEqualTo("Server certificate old expired at 2026-11-30T12:00:00Z.");
    }

    @Test
    void noCertificateIsNotApplicable() {
        Finding finding = ResourceChecks.serverCertificates(Collected.ok(List.of()), findings(), NOW).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void centralIdentityIsManualWithCounts() {
        Finding finding = ResourceChecks.centralIdentity(Collected.ok(new IamInventory.IdentityProviders(
                List.of("arn:aws:iam::123456789012:saml-provider/okta"), List.of())),
                report(new ReportCsv().user("alice", daysAgo(5), "password_enabled", "true").user("svc", daysAgo(5))),
                findings());

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.message()).isEqualTo("Account 123456789012 has 1 SAML and 0 OpenID Connect providers and 1"
                + " IAM users with a console password; review whether identities are managed centrally.");
        assertThat(finding.evidence()).containsEntry("iamUsersWithConsolePassword", 1L)
                .containsEntry("consoleUsersWithoutMfa", 1L);
    }

    @Test
    void centralIdentityWithoutReportStillManual() {
        Finding finding = ResourceChecks.centralIdentity(Collected.ok(new IamInventory.IdentityProviders(List.of(),
                List.of())), denied("GetCredentialReport"), findings());

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.evidence()).containsEntry("iamUsersWithConsolePassword", "unavailable: AccessDenied");
    }
}
