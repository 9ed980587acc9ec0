package dev.sonda.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorClassifierTest {

    private static AwsServiceException serviceException(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
                .statusCode(status)
                .build();
    }

    @ParameterizedTest(name = "{0} HTTP {1} is {2}")
    @CsvSource({
        "AccessDenied, 403, ACCESS_DENIED",
        "AccessDeniedException, 400, ACCESS_DENIED",
        "UnauthorizedOperation, 403, ACCESS_DENIED",
        "AuthorizationError, 403, ACCESS_DENIED",
        "InvalidClientTokenId, 403, ACCESS_DENIED",
        "Throttling, 400, THROTTLED",
        "ThrottlingException, 400, THROTTLED",
        "RequestThrottled, 403, THROTTLED",
        "RequestLimitExceeded, 503, THROTTLED",
        "TooManyRequestsException, 400, THROTTLED",
        "SomethingNew, 429, THROTTLED",
        "ResourceNotFoundException, 404, NOT_FOUND",
        "NoSuchEntity, 404, NOT_FOUND",
        "AWS.SimpleQueueService.NonExistentQueue, 400, NOT_FOUND",
        "AWSOrganizationsNotInUseException, 400, NOT_FOUND",
        "InternalFailure, 500, SERVER_ERROR",
        "ServiceUnavailable, 503, SERVER_ERROR",
        "ValidationException, 400, CLIENT_ERROR",
        "SomethingForbidden, 403, ACCESS_DENIED",
    })
    void serviceErrors(String code, int status, AwsErrorKind expected) {
        AwsError error = AwsErrorClassifier.classify("Op", serviceException(code, status));

        assertThat(error.kind()).isEqualTo(expected);
        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.operation()).isEqualTo("Op");
    }

    @Test
    void missingCodeReportsStatus() {
        AwsError error = AwsErrorClassifier.classify("Op", AwsServiceException.builder().statusCode(502).build());

        assertThat(error.kind()).isEqualTo(AwsErrorKind.SERVER_ERROR);
        assertThat(error.errorCode()).isEqualTo("HTTP502");
    }

    @Test
    void timeout() {
        AwsError error = AwsErrorClassifier.classify("Op", ApiCallTimeoutException.create(1000));

        assertThat(error.kind()).isEqualTo(AwsErrorKind.TIMEOUT);
        assertThat(error.errorCode()).isEqualTo("ApiCallTimeoutException");
    }

    @Test
    void connectionFailure() {
        SdkClientException failure = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new IOException("Connection refused")).build();

        AwsError error = AwsErrorClassifier.classify("Op", failure);

        assertThat(error.kind()).isEqualTo(AwsErrorKind.NETWORK);
        assertThat(error.errorCode()).isEqualTo("IOException");
    }

    @Test
    void wrappedServiceError() {
        SdkClientException wrapper = SdkClientException.builder().message("Unable to load credentials")
                .cause(serviceException("AccessDenied", 403)).build();

        AwsError error = AwsErrorClassifier.classify("AssumeRole", wrapper);

        assertThat(error.kind()).isEqualTo(AwsErrorKind.ACCESS_DENIED);
        assertThat(error.errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void otherClientError() {
        AwsError error = AwsErrorClassifier.classify("Op", SdkClientException.create("bad request shape"));

        assertThat(error.kind()).isEqualTo(AwsErrorKind.CLIENT_ERROR);
        assertThat(error.errorCode()).isEqualTo("SdkClientException");
    }
}
