package dev.sonda.contracts.messages;

/**
 * Outcome of one control on one resource.
 *
 * <p>Only {@link #PASS} and {@link #FAIL} enter a compliance score. {@link #ERROR} means the control
 * could not be evaluated (access denied, throttled past the retry budget, service unavailable) and
 * lowers coverage instead. {@link #MANUAL} marks a recommendation that can only be evidenced, never
 * decided by an API call.
 */
public enum FindingStatus {
    PASS,
    FAIL,
    NOT_APPLICABLE,
    ERROR,
    MANUAL
}
