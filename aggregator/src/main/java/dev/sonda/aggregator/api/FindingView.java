package dev.sonda.aggregator.api;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;
import java.util.Map;

/**
 * A stored finding with the probe whose result contains it.
 *
 * @param region the finding's region, as the probe reported it
 */
public record FindingView(
        String controlId,
        FindingStatus status,
        Severity severity,
        String resourceId,
        String resourceType,
        String region,
        String probe,
        String message,
        Map<String, Object> evidence) {

    static FindingView of(Finding finding, String probe) {
        return new FindingView(finding.controlId(), finding.status(), finding.severity(), finding.resourceId(),
                finding.resourceType(), finding.region(), probe, finding.message(), finding.evidence());
    }
}
