package dev.sonda.contracts.messages;

/** The {@link TaskError} codes of results whose probe could not run; the worker sets them. */
public final class TaskErrorCodes {

    /** The task's deadline had passed before the worker took it. */
    public static final String TASK_EXPIRED = "TASK_EXPIRED";
    /**
     * The task's account, role or external id reference does not match the worker's inventory, so
     * the worker refuses to act on it.
     */
    public static final String TASK_REJECTED = "TASK_REJECTED";
    /** The task's external id reference could not be resolved. */
    public static final String EXTERNAL_ID_UNRESOLVED = "EXTERNAL_ID_UNRESOLVED";
    /** STS AssumeRole into the task's role failed. */
    public static final String ASSUME_ROLE_FAILED = "ASSUME_ROLE_FAILED";
    /** The worker's own credentials could not be loaded. */
    public static final String CREDENTIALS_UNAVAILABLE = "CREDENTIALS_UNAVAILABLE";
    /** sts:GetCallerIdentity failed, so the credentials' account is unknown. */
    public static final String ACCOUNT_VERIFICATION_FAILED = "ACCOUNT_VERIFICATION_FAILED";
    /** The credentials belong to another account than the task names. */
    public static final String ACCOUNT_MISMATCH = "ACCOUNT_MISMATCH";
    /** The task names a probe this worker does not have. */
    public static final String UNKNOWN_PROBE = "UNKNOWN_PROBE";
    /** A regional probe arrived with the region {@code global}. */
    public static final String REGION_REQUIRED = "REGION_REQUIRED";
    /** The probe failed with an unexpected exception. */
    public static final String PROBE_FAILED = "PROBE_FAILED";

    private TaskErrorCodes() {
    }
}
