package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.testkit.proxy.FaultProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** Tasks and assertions for the tests of the cloudwatch, securityhub, macie and ec2 probes. */
final class MonitoringTestSupport {

    /**
     * IAM service prefixes that differ from the SigV4 signing name the proxy records: CloudWatch signs as
     * {@code monitoring} but its IAM actions are {@code cloudwatch:...}.
     */
    private static final Map<String, String> IAM_PREFIXES = Map.of("monitoring", "cloudwatch");

    private MonitoringTestSupport() {
    }

    /** Builds a global task that lists {@code regions} as the account's regions, as the scheduler does. */
    static ScanTask globalTask(String accountId, String probe, List<String> regions, DisabledControl... disabled) {
        TaskAccount account = new TaskAccount(accountId, "test-" + accountId, "tests", TestTasks.roleArn(accountId),
                null);
        return new ScanTask(MessageCodec.SCHEMA_VERSION, "task-" + UUID.randomUUID(), "scan-worker-tests",
                Instant.now(), Instant.now().plus(Duration.ofHours(1)), account, ScanTask.GLOBAL_REGION, probe,
                List.of(disabled), regions);
    }

    /** Sends a task and returns its result. */
    static ProbeResult run(ScanTask task) {
        KafkaTestClient.send(task);
        return KafkaTestClient.awaitResult(task.taskId());
    }

    /** Returns the only finding of a control in a result. */
    static Finding only(ProbeResult result, String controlId) {
        List<Finding> found = result.findings().stream().filter(finding -> finding.controlId().equals(controlId))
                .toList();
        assertThat(found).as(controlId + " findings in " + result.findings()).hasSize(1);
        return found.getFirst();
    }

    /**
     * Asserts that every AWS request the proxy saw in an account is an IAM action the catalog declares for the
     * probe, or sts:GetCallerIdentity, which needs no permission. Call {@code proxy.clearRequests()} after building
     * the estate and before the scan.
     */
    static void assertOnlyCatalogActions(FaultProxy proxy, String accountId, String probe) {
        Set<String> declared = new TreeSet<>();
        Catalog.load().probe(probe).orElseThrow().controls().forEach(control -> declared.addAll(control.iamActions()));
        declared.add("sts:GetCallerIdentity");
        Set<String> called = proxy.requests().stream()
                .filter(exchange -> accountId.equals(exchange.account()))
                .map(exchange -> IAM_PREFIXES.getOrDefault(exchange.service(), exchange.service()) + ":"
                        + exchange.operation())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(called).isNotEmpty();
        assertThat(declared).as("IAM actions the catalog declares for probe " + probe).containsAll(called);
    }
}
