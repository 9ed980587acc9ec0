package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Macie.1 and Macie.2 against moto, with the proxy for the Macie states moto cannot hold. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class MacieProbeTest extends ProxiedTestBase {

    private static final String REGION = "eu-west-1";

    private ProbeResult scan(String account) {
        return run(TestTasks.task(account, REGION, "macie"));
    }

    @Test
    void enabledMacieWithDiscoveryPasses() {
        String account = "731000000021";
        addRule(MotoGaps.macieSession(account, REGION, "ENABLED"));
        addRule(MotoGaps.macieAutomatedDiscovery(account, REGION, "ENABLED"));
        proxy.clearRequests();

        ProbeResult result = scan(account);

        assertOnlyCatalogActions(proxy, account, "macie");
        Finding macie = only(result, "Macie.1");
        assertThat(macie.status()).isEqualTo(FindingStatus.PASS);
        assertThat(macie.resourceId()).isEqualTo("AWS::::Account:" + account);
        assertThat(macie.region()).isEqualTo(REGION);
        assertThat(macie.message()).isEqualTo("Macie is enabled in account " + account + ", region eu-west-1.");
        Finding discovery = only(result, "Macie.2");
        assertThat(discovery.status()).isEqualTo(FindingStatus.PASS);
        assertThat(discovery.evidence()).containsEntry("automatedDiscoveryStatus", "ENABLED");
    }

    @Test
    void disabledDiscoveryFails() {
        String account = "731000000022";
        addRule(MotoGaps.macieSession(account, REGION, "ENABLED"));
        addRule(MotoGaps.macieAutomatedDiscovery(account, REGION, "DISABLED"));

        ProbeResult result = scan(account);

        assertThat(only(result, "Macie.1").status()).isEqualTo(FindingStatus.PASS);
        Finding discovery = only(result, "Macie.2");
        assertThat(discovery.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(discovery.message()).isEqualTo("Macie automated sensitive data discovery is not enabled in account "
                + account + ", region eu-west-1.");
    }

    @Test
    void macieNotEnabledFails() {
        String account = "731000000023";
        addRule(MotoGaps.macieNotEnabled(account, REGION));

        ProbeResult result = scan(account);

        Finding macie = only(result, "Macie.1");
        assertThat(macie.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(macie.message()).isEqualTo("Macie is not enabled in account " + account + ", region eu-west-1.");
        assertThat(macie.evidence()).containsEntry("errorCode", "AccessDeniedException")
                .containsEntry("httpStatus", 403);
        Finding discovery = only(result, "Macie.2");
        assertThat(discovery.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void suspendedMacieFails() {
        String account = "731000000024";
        addRule(MotoGaps.macieSession(account, REGION, "PAUSED"));

        ProbeResult result = scan(account);

        assertThat(only(result, "Macie.1").status()).isEqualTo(FindingStatus.FAIL);
        assertThat(only(result, "Macie.1").message()).isEqualTo("Macie is suspended (status PAUSED) in account "
                + account + ", region eu-west-1.");
        assertThat(only(result, "Macie.2").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void memberAccountDiscoveryIsNotApplicable() {
        String administrator = "731000000025";
        String member = "731000000026";
        addRule(MotoGaps.macieAdministrator(member, REGION, administrator));
        addRule(MotoGaps.macieSession(member, REGION, "ENABLED"));
        proxy.clearRequests();

        ProbeResult result = scan(member);

        Finding discovery = only(result, "Macie.2");
        assertThat(discovery.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(discovery.message()).isEqualTo("Macie administrator account " + administrator + " manages automated"
                + " sensitive data discovery for account " + member + ", region eu-west-1.");
        assertThat(proxy.requestCount("macie2", "GetAutomatedDiscoveryConfiguration", member)).isZero();
    }

    @Test
    void deniedSessionIsError() {
        String account = "731000000027";
        addRule(MotoGaps.scpDenies(account, "macie2", "GetMacieSession", REGION));

        ProbeResult result = scan(account);

        assertThat(only(result, "Macie.1").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(only(result, "Macie.1").evidence()).containsEntry("operation", "GetMacieSession")
                .containsEntry("errorCode", "AccessDeniedException");
        assertThat(only(result, "Macie.2").status()).isEqualTo(FindingStatus.ERROR);
    }
}
