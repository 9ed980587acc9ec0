package dev.sonda.worker.aws;

/** What kind of failure an AWS API call ended with, as far as a probe's decision needs it. */
public enum AwsErrorKind {
    /** The credentials may not call the operation (AccessDenied and its service-specific names). */
    ACCESS_DENIED,
    /** Throttled, and still throttled after every retry. */
    THROTTLED,
    /** The resource or configuration does not exist (service-specific codes such as NoSuchEntity). */
    NOT_FOUND,
    /** AWS failed with HTTP 5xx after every retry. */
    SERVER_ERROR,
    /** Any other error AWS returned, usually HTTP 4xx. */
    CLIENT_ERROR,
    /** The API call or one attempt ran out of time. */
    TIMEOUT,
    /** No response from AWS: connection refused, reset or unknown host. */
    NETWORK
}
