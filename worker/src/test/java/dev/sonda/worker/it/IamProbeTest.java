package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertFinding;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.SharedMoto;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * IAM.9 against moto. moto does not model the root user, so the root MFA states come from the
 * test kit's MotoGaps fixtures, which rewrite GetAccountSummary in the proxy.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class IamProbeTest {

    private final FaultProxy proxy = SharedMoto.proxy();

    private ProbeResult scan(String accountId, FaultRule fixture) {
        proxy.addRule(fixture);
        try {
            ScanTask task = TestTasks.task(accountId, "global", "iam");
            KafkaTestClient.send(task);
            ProbeResult result = KafkaTestClient.awaitResult(task.taskId());
            assertThat(fixture.hits()).isEqualTo(1);
            return result;
        } finally {
            proxy.removeRule(fixture);
        }
    }

    private static Finding only(ProbeResult result) {
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.region()).isEqualTo("global");
        assertThat(result.findings()).hasSize(1);
        return result.findings().get(0);
    }

    @Test
    void rootWithMfaPasses() {
        proxy.clearRequests();
        Finding finding = only(scan("100000000009", MotoGaps.rootMfaEnabled("100000000009")));

        assertOnlyCatalogActions(proxy, "100000000009", "iam");
        assertFinding(finding, "IAM.9", "PASS", "AWS::::Account:100000000009",
                "The root user of account 100000000009 has MFA enabled.");
        assertThat(finding.evidence()).containsEntry("AccountMFAEnabled", 1).containsEntry("AccountPasswordPresent", 1);
    }

    @Test
    void rootWithoutMfaFails() {
        Finding finding = only(scan("100000000010", MotoGaps.rootMfaDisabled("100000000010")));

        assertFinding(finding, "IAM.9", "FAIL", "AWS::::Account:100000000010",
                "The root user of account 100000000010 has no MFA device.");
        assertThat(finding.region()).isEqualTo("global");
    }

    @Test
    void rootWithoutCredentialsIsNotApplicable() {
        Finding finding = only(scan("100000000011", MotoGaps.rootWithoutCredentials("100000000011")));

        assertFinding(finding, "IAM.9", "NOT_APPLICABLE", "AWS::::Account:100000000011",
                "The root user of account 100000000011 has no password, access key or signing certificate, "
                        + "so MFA does not apply.");
    }

    @Test
    void deniedAccountSummaryIsError() {
        Finding finding = only(scan("100000000012", MotoGaps.scpDenies("100000000012", "iam", "GetAccountSummary", null)));

        assertThat(finding.status().name()).isEqualTo("ERROR");
        assertThat(finding.evidence()).containsEntry("operation", "GetAccountSummary")
                .containsEntry("errorCode", "AccessDenied");
        assertThat(finding.message()).isEqualTo("The root user of account 100000000012 could not be checked for MFA: "
                + "GetAccountSummary failed with AccessDenied.");
    }
}
