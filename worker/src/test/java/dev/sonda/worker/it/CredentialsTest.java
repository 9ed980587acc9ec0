package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.proxy.ProxiedExchange;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials and account verification: every way a probe must not run, and the STS provider cache. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class CredentialsTest extends ProxiedTestBase {

    /** Asserts one ERROR finding per control of the result's probe, as the catalog lists them. */
    private static void assertNotRun(ProbeResult result, String code) {
        int controls = Catalog.load().probe(result.probe()).orElseThrow().controls().size();
        assertThat(result.outcome()).isEqualTo(ResultOutcome.ERROR);
        assertThat(result.error().code()).isEqualTo(code);
        assertThat(result.findings()).hasSize(controls).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.resourceId()).isEqualTo("AWS::::Account:" + result.account().id());
            assertThat(finding.evidence()).containsEntry("errorCode", code).containsKey("operation");
        });
        assertThat(result.summary().pass() + result.summary().fail()).isZero();
    }

    private static List<ProxiedExchange> assumeRoleCalls(FaultProxy proxy, String accountId) {
        return proxy.requests().stream()
                .filter(exchange -> "AssumeRole".equals(exchange.operation()))
                .filter(exchange -> decode(exchange.request().body()).contains(TestTasks.roleArn(accountId)))
                .toList();
    }

    private static String decode(String body) {
        return URLDecoder.decode(body, StandardCharsets.UTF_8);
    }

    @Test
    void roleInAnotherAccountIsAccountMismatch() {
        TaskAccount account = new TaskAccount("111111111111", "acme", "acme", TestTasks.roleArn("222222222222"), null);
        ScanTask task = TestTasks.task(account, "eu-west-1", "sqs", Instant.now().plus(Duration.ofHours(1)));

        ProbeResult result = run(task);

        assertNotRun(result, "ACCOUNT_MISMATCH");
        assertThat(result.error().message()).contains("111111111111").contains("222222222222");
        assertThat(result.findings()).extracting(Finding::message)
                .contains("SQS.1 was not evaluated in account 111111111111 (ACCOUNT_MISMATCH).");
        assertThat(proxy.requestCount("sqs", null, "222222222222")).isZero();
    }

    @Test
    void noRoleUsesOwnCredentials() {
        TaskAccount account = new TaskAccount(FaultProxy.DEFAULT_ACCOUNT, "own", "tests", null, null);
        ScanTask task = TestTasks.task(account, "eu-south-1", "sqs", Instant.now().plus(Duration.ofHours(1)));
        proxy.clearRequests();

        ProbeResult result = run(task);

        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.findings()).extracting(Finding::status).containsOnly(FindingStatus.NOT_APPLICABLE);
        assertThat(proxy.requestCount("sts", "AssumeRole", null)).isZero();
        assertThat(proxy.requestCount("sqs", "ListQueues", FaultProxy.DEFAULT_ACCOUNT)).isEqualTo(1);
    }

    @Test
    void ownCredentialsOfAnotherAccountAreMismatch() {
        TaskAccount account = new TaskAccount("100000000024", "elsewhere", "tests", null, null);
        ScanTask task = TestTasks.task(account, "global", "iam", Instant.now().plus(Duration.ofHours(1)));

        ProbeResult result = run(task);

        assertNotRun(result, "ACCOUNT_MISMATCH");
        assertThat(result.error().message()).contains("100000000024").contains(FaultProxy.DEFAULT_ACCOUNT);
    }

    @Test
    void expiredTaskCallsNoAws() {
        String accountId = "100000000020";
        proxy.clearRequests();
        ScanTask task = TestTasks.task(new TaskAccount(accountId, "late", "tests", TestTasks.roleArn(accountId), null),
                "global", "iam", Instant.now().minus(Duration.ofMinutes(1)));

        ProbeResult result = run(task);

        assertNotRun(result, "TASK_EXPIRED");
        assertThat(assumeRoleCalls(proxy, accountId)).isEmpty();
        assertThat(proxy.requestCount(null, null, accountId)).isZero();
    }

    @Test
    void unresolvableExternalIdIsReported() {
        TaskAccount account = new TaskAccount("100000000021", "noid", "tests", TestTasks.roleArn("100000000021"),
                "env:SONDA_WORKER_TEST_VARIABLE_THAT_IS_NOT_SET");
        ScanTask task = TestTasks.task(account, "global", "account", Instant.now().plus(Duration.ofHours(1)));

        ProbeResult result = run(task);

        assertNotRun(result, "EXTERNAL_ID_UNRESOLVED");
        assertThat(result.error().message()).contains("SONDA_WORKER_TEST_VARIABLE_THAT_IS_NOT_SET");
    }

    @Test
    void deniedAssumeRoleIsReported() {
        String accountId = "100000000022";
        addRule(FaultRule.service("sts").operation("AssumeRole")
                .when(request -> decode(request.body()).contains(TestTasks.roleArn(accountId))).accessDenied());
        ScanTask task = TestTasks.task(accountId, "global", "iam");

        ProbeResult result = run(task);

        assertNotRun(result, "ASSUME_ROLE_FAILED");
        assertThat(result.error().message()).contains(TestTasks.roleArn(accountId)).contains("AccessDenied");
        assertThat(result.executionLog()).anySatisfy(entry -> {
            assertThat(entry.operation()).isEqualTo("AssumeRole");
            assertThat(entry.errorCode()).isEqualTo("AccessDenied");
        });
    }

    @Test
    void roleAssumedOnceWithFileExternalId() throws Exception {
        String accountId = "100000000023";
        Path secret = Files.createTempFile("sonda-external-id", ".txt");
        Files.writeString(secret, "sonda-test-external-id\n");
        TaskAccount account = new TaskAccount(accountId, "once", "tests", TestTasks.roleArn(accountId),
                "file:" + secret);
        ScanTask first = TestTasks.task(account, "eu-west-1", "sqs", Instant.now().plus(Duration.ofHours(1)));
        ScanTask second = TestTasks.task(account, "us-east-1", "sqs", Instant.now().plus(Duration.ofHours(1)));
        ScanTask third = TestTasks.task(account, "global", "account", Instant.now().plus(Duration.ofHours(1)));

        KafkaTestClient.send(first);
        KafkaTestClient.awaitResult(first.taskId());
        KafkaTestClient.send(second);
        KafkaTestClient.send(third);
        ProbeResult secondResult = KafkaTestClient.awaitResult(second.taskId());
        ProbeResult thirdResult = KafkaTestClient.awaitResult(third.taskId());

        assertThat(secondResult.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(thirdResult.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        List<ProxiedExchange> assumeRoles = assumeRoleCalls(proxy, accountId);
        assertThat(assumeRoles).hasSize(1);
        assertThat(decode(assumeRoles.get(0).request().body()))
                .contains("ExternalId=sonda-test-external-id")
                .contains("RoleSessionName=sonda-scanner");
        assertThat(proxy.requestCount("sts", "GetCallerIdentity", accountId)).isEqualTo(1);
    }
}
