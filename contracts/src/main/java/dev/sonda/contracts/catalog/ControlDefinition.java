package dev.sonda.contracts.catalog;

import dev.sonda.contracts.messages.Severity;
import java.util.List;

/**
 * Metadata of one control. Ids follow AWS Security Hub ({@code SQS.1}, {@code IAM.9}).
 *
 * @param iamActions the read-only IAM actions the probe calls to evaluate this control; the
 *     scanner role's policy is the union of these
 */
public record ControlDefinition(
        String id,
        String probe,
        String title,
        Severity severity,
        String resourceType,
        String description,
        String remediation,
        List<String> iamActions) {

    public ControlDefinition {
        iamActions = iamActions == null ? List.of() : List.copyOf(iamActions);
    }
}
