package dev.sonda.aggregator.state;

/** State of a scan, as {@link ScanProgress#state} derives it. */
public enum ScanState {
    /** Results arrived but the scan's announcement has not, so the expected task count is unknown. */
    PENDING_ANNOUNCEMENT,
    /** Announced, fewer tasks completed than expected, and the deadline has not passed. */
    RUNNING,
    /** Every expected task completed by the deadline. */
    COMPLETED,
    /** The deadline passed before every expected task completed. */
    DEADLINE_EXCEEDED
}
