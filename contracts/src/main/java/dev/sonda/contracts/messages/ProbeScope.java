package dev.sonda.contracts.messages;

/**
 * Where a probe runs: once per account for global services such as IAM, or once per account and
 * enabled region.
 */
public enum ProbeScope {
    GLOBAL,
    REGIONAL
}
