package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.testkit.proxy.FaultProxy;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Assertions and estate helpers the worker's integration tests share. */
final class WorkerTestSupport {

    private WorkerTestSupport() {
    }

    /** Findings sorted by resource and control, so that tests do not depend on listing order. */
    static List<Finding> sorted(ProbeResult result) {
        return result.findings().stream()
                .sorted(Comparator.comparing(Finding::resourceId).thenComparing(Finding::controlId))
                .toList();
    }

    static Finding finding(ProbeResult result, String controlId, String resourceId) {
        return result.findings().stream()
                .filter(finding -> finding.controlId().equals(controlId) && finding.resourceId().equals(resourceId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + controlId + " finding for " + resourceId + " in "
                        + result.findings()));
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
     * declares for the probe, or sts:GetCallerIdentity, which needs no permission. Call
     * {@code proxy.clearRequests()} after building the estate and before the scan.
     */
    static void assertOnlyCatalogActions(FaultProxy proxy, String accountId, String probe) {
        Set<String> declared = new TreeSet<>();
        Catalog.load().probe(probe).orElseThrow().controls().forEach(control -> declared.addAll(control.iamActions()));
        declared.add("sts:GetCallerIdentity");
        Set<String> called = proxy.requests().stream()
                .filter(exchange -> accountId.equals(exchange.account()))
                .map(exchange -> exchange.service() + ":" + exchange.operation())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(called).isNotEmpty();
        assertThat(declared).as("IAM actions the catalog declares for probe " + probe).containsAll(called);
    }
}
