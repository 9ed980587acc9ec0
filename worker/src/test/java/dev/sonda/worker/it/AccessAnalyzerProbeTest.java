package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertFinding;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.MotoGaps.AccessAnalyzer;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IAM.28 through the worker. moto 5.2.1 has no Access Analyzer backend, so every analyzer state
 * comes from the MotoGaps.accessAnalyzers fixture, which responds to ListAnalyzers in the proxy.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class AccessAnalyzerProbeTest extends ProxiedTestBase {

    private ProbeResult scan(String accountId, DisabledControl... disabled) {
        return run(TestTasks.task(accountId, "eu-west-1", "accessanalyzer", disabled));
    }

    @Test
    void activeExternalAnalyzerPasses() {
        String account = "310000000001";
        FaultRule fixture = addRule(MotoGaps.accessAnalyzers(account, "eu-west-1",
                new AccessAnalyzer("external-access", "ACCOUNT", "ACTIVE", Map.of("owner", "security"))));
        proxy.clearRequests();

        ProbeResult result = scan(account);

        assertOnlyCatalogActions(proxy, account, "accessanalyzer");
        assertThat(fixture.hits()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.findings()).hasSize(1);
        Finding finding = only(result, "IAM.28");
        assertFinding(finding, "IAM.28", "PASS", "AWS::::Account:" + account, "Region eu-west-1 of account "
                + account + " has an active IAM Access Analyzer external access analyzer, external-access (type "
                + "ACCOUNT).");
        assertThat(finding.region()).isEqualTo("eu-west-1");
        assertThat(finding.resourceType()).isEqualTo("AWS::::Account");
    }

    @Test
    void unusedAccessAnalyzerOnlyFails() {
        String account = "310000000002";
        addRule(MotoGaps.accessAnalyzers(account, "eu-west-1",
                new AccessAnalyzer("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE", Map.of())));

        Finding finding = only(scan(account), "IAM.28");

        assertFinding(finding, "IAM.28", "FAIL", "AWS::::Account:" + account, "Region eu-west-1 of account "
                + account + " has no active IAM Access Analyzer external access analyzer (type ACCOUNT or "
                + "ORGANIZATION); it has unused (ACCOUNT_UNUSED_ACCESS, ACTIVE).");
    }

    @Test
    void regionWithoutAnalyzersFails() {
        String account = "310000000003";
        addRule(MotoGaps.accessAnalyzers(account, "eu-west-1"));

        Finding finding = only(scan(account), "IAM.28");

        assertFinding(finding, "IAM.28", "FAIL", "AWS::::Account:" + account, "Region eu-west-1 of account "
                + account + " has no IAM Access Analyzer analyzer.");
    }

    @Test
    void deniedListingIsError() {
        String account = "310000000004";
        addRule(MotoGaps.scpDenies(account, "access-analyzer", "ListAnalyzers", "eu-west-1"));

        Finding finding = only(scan(account), "IAM.28");

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "ListAnalyzers")
                .containsEntry("errorCode", "AccessDeniedException");
    }

    @Test
    void disabledControlIsNotApplicableWithoutCalls() {
        String account = "310000000005";
        proxy.clearRequests();

        ProbeResult result = scan(account, new DisabledControl("IAM.28", "Analyzers are managed by the customer."));

        Finding finding = only(result, "IAM.28");
        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.evidence()).containsEntry("disabledBy", "inventory");
        assertThat(proxy.requestCount("access-analyzer", null, account)).isZero();
    }
}
