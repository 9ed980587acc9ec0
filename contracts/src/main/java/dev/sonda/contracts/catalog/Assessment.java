package dev.sonda.contracts.catalog;

/**
 * How a framework classifies a requirement: whether it can be checked fully by automated means or
 * needs a person to confirm it. CIS calls these "assessment status". Sonda evaluates some MANUAL
 * requirements automatically where an API shows the answer, and reports others as MANUAL findings
 * with the evidence it collected.
 */
public enum Assessment {
    AUTOMATED,
    MANUAL
}
