package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.SdkClient;

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

    static void close(SdkClient... clients) {
        for (SdkClient client : clients) {
            client.close();
        }
    }
}
