package dev.sonda.contracts.messages;

/** Severity of a control, as AWS Security Hub grades its controls. */
public enum Severity {
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
