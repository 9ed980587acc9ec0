package dev.sonda.contracts.catalog;

/**
 * How a framework classifies a requirement: whether it can be checked fully by automated means or
 * needs a person to confirm it. CIS calls these "assessment status". For some MANUAL requirements
 * Sonda still evaluates the controls behind them and shows their verdict, and for others it reports
 * MANUAL findings with the evidence it collected. A MANUAL requirement never counts in a score.
 */
public enum Assessment {
    AUTOMATED,
    MANUAL
}
