package dev.sonda.worker.credentials;

/**
 * Credentials for a task could not be obtained or verified. The message never contains a secret:
 * no external id, access key, secret key or session token.
 */
public class CredentialsException extends Exception {

    private final String code;
    private final String operation;
    private final String errorCode;

    /**
     * @param code the task error code of the result, e.g. {@code ASSUME_ROLE_FAILED}
     * @param operation the step that failed, e.g. {@code AssumeRole}
     * @param errorCode the AWS error code, or {@code code} when AWS was not involved
     */
    public CredentialsException(String code, String operation, String errorCode, String message) {
        super(message);
        this.code = code;
        this.operation = operation;
        this.errorCode = errorCode;
    }

    public String code() {
        return code;
    }

    public String operation() {
        return operation;
    }

    public String errorCode() {
        return errorCode;
    }
}
