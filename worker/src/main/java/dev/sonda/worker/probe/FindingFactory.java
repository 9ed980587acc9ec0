package dev.sonda.worker.probe;

import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the findings of one probe run, taking severity and resource type from the catalog and
 * keeping evidence small: one finding must stay well under 16 KB.
 */
public final class FindingFactory {

    /** Characters kept of one evidence string. */
    static final int MAX_EVIDENCE_VALUE_CHARS = 1024;
    /** Characters of evidence strings kept in one finding, summed over all values. */
    static final int MAX_EVIDENCE_CHARS = 8 * 1024;
    /** Evidence key that marks evidence cut to size. */
    static final String TRUNCATED = "evidenceTruncated";

    private final ProbeDefinition probe;
    private final String accountId;
    private final String region;

    /**
     * @param region the region findings report: the task's region, or {@code global} for global probes
     */
    public FindingFactory(ProbeDefinition probe, String accountId, String region) {
        this.probe = probe;
        this.accountId = accountId;
        this.region = region;
    }

    /**
     * Returns a factory whose findings report {@code otherRegion}, for global probes that file
     * findings per region (Config in each region, a trail in its home region).
     */
    public FindingFactory inRegion(String otherRegion) {
        return new FindingFactory(probe, accountId, otherRegion);
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    /** Returns the resource id of account-level controls: {@code AWS::::Account:<id>}. */
    public String accountResource() {
        return accountResource(accountId);
    }

    public static String accountResource(String accountId) {
        return "AWS::::Account:" + accountId;
    }

    public Finding finding(String controlId, FindingStatus status, String resourceId, String message,
            Map<String, ?> evidence) {
        return finding(controlId, status, resourceId, control(controlId).resourceType(), message, evidence);
    }

    public Finding finding(String controlId, FindingStatus status, String resourceId, String resourceType,
            String message, Map<String, ?> evidence) {
        ControlDefinition control = control(controlId);
        return new Finding(controlId, status, control.severity(), resourceId, resourceType, region, message,
                capEvidence(evidence));
    }

    /** Creates an ERROR finding for a failed API call, with the operation and AWS error code as evidence. */
    public Finding error(String controlId, String resourceId, String message, AwsError error) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("operation", error.operation());
        evidence.put("errorCode", error.errorCode());
        evidence.put("errorKind", error.kind().name());
        return finding(controlId, FindingStatus.ERROR, resourceId, message, evidence);
    }

    public ControlDefinition control(String controlId) {
        return probe.controls().stream()
                .filter(control -> control.id().equals(controlId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Probe " + probe.name() + " has no control "
                        + controlId));
    }

    /**
     * Copies evidence, cutting long strings and dropping entries past the size cap; cut evidence
     * carries {@code evidenceTruncated: true}.
     */
    static Map<String, Object> capEvidence(Map<String, ?> evidence) {
        if (evidence == null || evidence.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> capped = new LinkedHashMap<>();
        int used = 0;
        boolean truncated = false;
        for (Map.Entry<String, ?> entry : evidence.entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof CharSequence text && text.length() > MAX_EVIDENCE_VALUE_CHARS) {
                value = text.subSequence(0, MAX_EVIDENCE_VALUE_CHARS - 3) + "...";
                truncated = true;
            }
            int size = entry.getKey().length() + String.valueOf(value).length();
            if (used + size > MAX_EVIDENCE_CHARS) {
                truncated = true;
                continue;
            }
            used += size;
            capped.put(entry.getKey(), value);
        }
        if (truncated) {
            capped.put(TRUNCATED, true);
        }
        return Collections.unmodifiableMap(capped);
    }
}
