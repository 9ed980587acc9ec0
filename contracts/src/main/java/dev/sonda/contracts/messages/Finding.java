package dev.sonda.contracts.messages;

import java.util.Map;

/**
 * Outcome of one control on one resource.
 *
 * @param resourceId the resource's ARN, or {@code AWS::::Account:<id>} for account-level controls
 * @param message one sentence a person can act on
 * @param evidence the values the decision rests on; for {@link FindingStatus#ERROR} it holds the
 *     failed {@code operation} and the AWS {@code errorCode}
 */
public record Finding(
        String controlId,
        FindingStatus status,
        Severity severity,
        String resourceId,
        String resourceType,
        String region,
        String message,
        Map<String, Object> evidence) {

    public Finding {
        evidence = evidence == null ? Map.of() : evidence;
    }
}
