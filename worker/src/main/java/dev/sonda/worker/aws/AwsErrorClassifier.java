package dev.sonda.worker.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Classifies AWS SDK exceptions by AWS error code, HTTP status and the SDK's throttling flag, never
 * by message text, which AWS may reword at any time.
 */
public final class AwsErrorClassifier {

    /** Error codes that mean the caller lacks permission, across services and protocols. */
    static final Set<String> ACCESS_DENIED_CODES = Set.of(
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
            "UnauthorizedAccess",
            "AuthorizationError",
            "AuthorizationErrorException",
            "NotAuthorized",
            "Forbidden",
            "ForbiddenException",
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "ExpiredToken",
            "ExpiredTokenException",
            "OptInRequired");

    /** Error codes that mean the requested resource or configuration does not exist. */
    static final Set<String> NOT_FOUND_CODES = Set.of(
            "ResourceNotFoundException",
            "NoSuchEntity",
            "NotFoundException",
            "AWS.SimpleQueueService.NonExistentQueue",
            "QueueDoesNotExist",
            "AWSOrganizationsNotInUseException");

    private AwsErrorClassifier() {
    }

    /** Classifies the failure of {@code operation}. */
    public static AwsError classify(String operation, Throwable failure) {
        AwsServiceException wrapped = wrappedServiceException(failure);
        if (wrapped != null) {
            return classifyService(operation, wrapped);
        }
        if (failure instanceof AwsServiceException service) {
            return classifyService(operation, service);
        }
        if (failure instanceof SdkServiceException service) {
            return new AwsError(operation, kindOfStatus(service.statusCode(), service.isThrottlingException()),
                    "HTTP" + service.statusCode(), service.statusCode(), null);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new AwsError(operation, AwsErrorKind.TIMEOUT, failure.getClass().getSimpleName(), null, null);
        }
        if (failure instanceof AbortedException) {
            return new AwsError(operation, AwsErrorKind.TIMEOUT, "AbortedException", null, null);
        }
        if (failure instanceof SdkClientException client && isNetworkFailure(client)) {
            return new AwsError(operation, AwsErrorKind.NETWORK, rootCause(client).getClass().getSimpleName(),
                    null, null);
        }
        return new AwsError(operation, AwsErrorKind.CLIENT_ERROR, failure.getClass().getSimpleName(), null, null);
    }

    private static AwsError classifyService(String operation, AwsServiceException exception) {
        AwsErrorDetails details = exception.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String message = details == null ? null : details.errorMessage();
        int status = exception.statusCode();
        AwsErrorKind kind;
        if (exception.isThrottlingException()) {
            kind = AwsErrorKind.THROTTLED;
        } else if (code != null && ACCESS_DENIED_CODES.contains(code)) {
            kind = AwsErrorKind.ACCESS_DENIED;
        } else if (code != null && NOT_FOUND_CODES.contains(code)) {
            kind = AwsErrorKind.NOT_FOUND;
        } else {
            kind = kindOfStatus(status, false);
        }
        String reportedCode = code == null || code.isBlank() ? "HTTP" + status : code;
        return new AwsError(operation, kind, reportedCode, status == 0 ? null : status, message);
    }

    private static AwsErrorKind kindOfStatus(int status, boolean throttling) {
        if (throttling || status == 429) {
            return AwsErrorKind.THROTTLED;
        }
        if (status == 403) {
            return AwsErrorKind.ACCESS_DENIED;
        }
        if (status >= 500) {
            return AwsErrorKind.SERVER_ERROR;
        }
        return AwsErrorKind.CLIENT_ERROR;
    }

    /** Finds an AWS error that a client exception wraps, as credentials providers sometimes do. */
    private static AwsServiceException wrappedServiceException(Throwable failure) {
        Throwable current = failure.getCause();
        while (current != null && current != failure) {
            if (current instanceof AwsServiceException service) {
                return service;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }

    private static boolean isNetworkFailure(SdkClientException exception) {
        Throwable root = rootCause(exception);
        return root instanceof IOException || root instanceof UncheckedIOException;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
