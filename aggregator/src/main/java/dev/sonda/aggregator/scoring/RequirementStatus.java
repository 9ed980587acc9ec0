package dev.sonda.aggregator.scoring;

/**
 * Status of one framework requirement in one account, derived from the statuses of the controls
 * that evaluate it with the same precedence as a control's status: FAIL, then ERROR, then PASS,
 * then MANUAL, then NOT_APPLICABLE. A requirement that the framework marks MANUAL and whose
 * controls have findings is MANUAL, whatever its controls' statuses.
 */
public enum RequirementStatus {
    PASS,
    FAIL,
    NOT_APPLICABLE,
    ERROR,
    MANUAL,
    /**
     * No control of the catalog evaluates the requirement, or none of its controls has a finding in
     * the account's newest results (for example because the scan left its probe out).
     */
    NOT_CHECKED
}
