package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** SecurityHub.Enabled against moto, with the proxy for the enabled standards and access denied. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class SecurityHubProbeTest extends ProxiedTestBase {

    private static final String FSBP = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0";
    private static final String CIS = "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/5.0.0";

    private void enableSecurityHub(String account) {
        try (SecurityHubClient securityHub = AwsTestClients.client(SecurityHubClient.builder(), proxy.endpoint(),
                account, Region.EU_WEST_1)) {
            securityHub.enableSecurityHub(request -> request.enableDefaultStandards(false));
        }
    }

    @Test
    void enabledHubPasses() {
        String account = "731000000011";
        enableSecurityHub(account);
        addRule(MotoGaps.securityHubStandards(account, "eu-west-1", FSBP, CIS));
        proxy.clearRequests();

        ProbeResult result = run(TestTasks.task(account, "eu-west-1", "securityhub"));

        assertOnlyCatalogActions(proxy, account, "securityhub");
        Finding finding = only(result, "SecurityHub.Enabled");
        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo("arn:aws:securityhub:eu-west-1:" + account + ":hub/default");
        assertThat(finding.resourceType()).isEqualTo("AWS::SecurityHub::Hub");
        assertThat(finding.region()).isEqualTo("eu-west-1");
        assertThat(finding.message()).isEqualTo("Security Hub is enabled in account " + account
                + ", region eu-west-1, with 2 standards enabled.");
        assertThat(finding.evidence()).containsEntry("enabledStandards", List.of(
                "aws-foundational-security-best-practices/v/1.0.0 (READY)",
                "cis-aws-foundations-benchmark/v/5.0.0 (READY)"));
    }

    @Test
    void unreadableStandardsStillPass() {
        // moto 5.2.1 returns HTTP 404 for GetEnabledStandards when no fixture supplies it.
        String account = "731000000012";
        enableSecurityHub(account);

        ProbeResult result = run(TestTasks.task(account, "eu-west-1", "securityhub"));

        Finding finding = only(result, "SecurityHub.Enabled");
        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsKey("enabledStandardsError");
        assertThat(result.executionLog()).anySatisfy(entry ->
                assertThat(entry.operation()).isEqualTo("GetEnabledStandards"));
    }

    @Test
    void hubInOtherRegionDoesNotCount() {
        String account = "731000000013";
        enableSecurityHub(account);

        ProbeResult result = run(TestTasks.task(account, "us-east-1", "securityhub"));

        Finding finding = only(result, "SecurityHub.Enabled");
        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Security Hub is not enabled in account " + account
                + ", region us-east-1.");
        assertThat(finding.evidence()).containsEntry("errorCode", "InvalidAccessException");
    }

    @Test
    void deniedDescribeHubIsError() {
        String account = "731000000014";
        enableSecurityHub(account);
        addRule(MotoGaps.scpDenies(account, "securityhub", "DescribeHub", "eu-west-1"));

        ProbeResult result = run(TestTasks.task(account, "eu-west-1", "securityhub"));

        Finding finding = only(result, "SecurityHub.Enabled");
        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "DescribeHub")
                .containsEntry("errorCode", "AccessDeniedException");
    }

    @Test
    void disabledControlIsNotApplicable() {
        String account = "731000000015";

        ProbeResult result = run(TestTasks.task(account, "eu-west-1", "securityhub",
                new DisabledControl("SecurityHub.Enabled", "Findings go to the customer's own SIEM.")));

        Finding finding = only(result, "SecurityHub.Enabled");
        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.evidence()).containsEntry("disabledBy", "inventory");
    }
}
