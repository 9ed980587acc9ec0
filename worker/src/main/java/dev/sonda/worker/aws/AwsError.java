package dev.sonda.worker.aws;

/**
 * A classified failure of one AWS API call.
 *
 * @param operation the API operation, e.g. {@code GetQueueAttributes}
 * @param errorCode the AWS error code, or the SDK exception's simple name when AWS sent none
 * @param httpStatus the HTTP status of the last attempt, or {@code null} without a response
 * @param message AWS's error message, which names resources but never credentials
 */
public record AwsError(String operation, AwsErrorKind kind, String errorCode, Integer httpStatus, String message) {

    public boolean is(AwsErrorKind other) {
        return kind == other;
    }
}
