package dev.sonda.contracts.messages;

/**
 * Whether a probe ran. {@link #ERROR} means it could not start (no credentials, wrong account);
 * its findings are then all {@link FindingStatus#ERROR}.
 */
public enum ResultOutcome {
    COMPLETED,
    ERROR
}
