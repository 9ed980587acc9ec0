package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.ProxiedExchange;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Running tasks, finding lookups and assertions that the worker's integration tests share. */
final class WorkerTestSupport {

    private WorkerTestSupport() {
    }

    /** Sends a task and returns its result. */
    static ProbeResult run(ScanTask task) {
        KafkaTestClient.send(task);
        return KafkaTestClient.awaitResult(task.taskId());
    }

    /** Findings sorted by resource and control, so that tests do not depend on listing order. */
    static List<Finding> sorted(ProbeResult result) {
        return result.findings().stream()
                .sorted(Comparator.comparing(Finding::resourceId).thenComparing(Finding::controlId))
                .toList();
    }

    /** Returns every finding of a control in a result. */
    static List<Finding> findings(ProbeResult result, String controlId) {
        return result.findings().stream().filter(finding -> finding.controlId().equals(controlId)).toList();
    }

    /** Returns the only finding of a control in a result, failing when there are more or none. */
    static Finding only(ProbeResult result, String controlId) {
        List<Finding> found = findings(result, controlId);
        assertThat(found).as(controlId + " findings in " + result.findings()).hasSize(1);
        return found.getFirst();
    }

    static Finding finding(ProbeResult result, String controlId, String resourceId) {
        return result.findings().stream()
                .filter(finding -> finding.controlId().equals(controlId) && finding.resourceId().equals(resourceId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + controlId + " finding for " + resourceId + " in "
                        + result.findings()));
    }

    /** Returns the finding of a control on a resource in one region, for global probes that file per region. */
    static Finding finding(ProbeResult result, String controlId, String resourceId, String region) {
        return result.findings().stream()
                .filter(finding -> finding.controlId().equals(controlId) && finding.resourceId().equals(resourceId)
                        && finding.region().equals(region))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + controlId + " finding for " + resourceId + " in "
                        + region + " in " + result.findings()));
    }

    /** Asserts the identity, status and message of a finding. */
    static void assertFinding(Finding finding, String controlId, String status, String resourceId, String message) {
        assertThat(finding.controlId()).isEqualTo(controlId);
        assertThat(finding.status().name()).isEqualTo(status);
        assertThat(finding.resourceId()).isEqualTo(resourceId);
        assertThat(finding.message()).isEqualTo(message);
    }

    /**
     * Asserts that every AWS request the proxy saw in an account is an IAM action the catalog
     * declares for the probe, or sts:GetCallerIdentity, which needs no permission. Requests are
     * named by {@link ProxiedExchange#action()}, which maps signing names and S3 requests to IAM
     * actions. Call {@code proxy.clearRequests()} after building the estate and before the scan.
     */
    static void assertOnlyCatalogActions(FaultProxy proxy, String accountId, String probe) {
        Set<String> declared = new TreeSet<>();
        Catalog.load().probe(probe).orElseThrow().controls().forEach(control -> declared.addAll(control.iamActions()));
        declared.add("sts:GetCallerIdentity");
        Set<String> called = proxy.requests().stream()
                .filter(exchange -> accountId.equals(exchange.account()))
                .map(ProxiedExchange::action)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(called).isNotEmpty();
        assertThat(declared).as("IAM actions the catalog declares for probe " + probe).containsAll(called);
    }
}
