package dev.sonda.testkit.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds AWS error responses in the shape each protocol's SDK unmarshaller reads, so the SDK
 * under test reports the same error code, HTTP status and throttling flag as it would for AWS.
 *
 * <p>Codes follow what the services send: the Query protocol {@code Throttling} and
 * {@code AccessDenied}; AWS JSON {@code ThrottlingException} and {@code AccessDeniedException};
 * REST-JSON HTTP 429 {@code TooManyRequestsException}; EC2 {@code RequestLimitExceeded} and
 * {@code UnauthorizedOperation}; S3 {@code SlowDown} and {@code AccessDenied}. SQS speaks AWS
 * JSON but keeps its older Query error codes in the {@code x-amzn-query-error} header, which the
 * SDK prefers over {@code __type}, so an SQS client sees {@code RequestThrottled} and
 * {@code AccessDenied}.
 */
final class AwsErrorResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A complete HTTP response the proxy sends without asking moto. */
    record CannedResponse(int status, Map<String, String> headers, String body) {
    }

    private enum Kind { THROTTLING, ACCESS_DENIED, INTERNAL_FAILURE, SERVICE_UNAVAILABLE }

    private AwsErrorResponses() {
    }

    static CannedResponse throttling(AwsRequest request, String message) {
        return build(request, Kind.THROTTLING, 0, message);
    }

    static CannedResponse accessDenied(AwsRequest request, String message) {
        return build(request, Kind.ACCESS_DENIED, 0, message);
    }

    /** Builds a server error; 503 becomes {@code ServiceUnavailable}, every other 5xx {@code InternalFailure}. */
    static CannedResponse serverError(AwsRequest request, int status, String message) {
        Kind kind = status == 503 ? Kind.SERVICE_UNAVAILABLE : Kind.INTERNAL_FAILURE;
        return build(request, kind, status, message);
    }

    private static CannedResponse build(AwsRequest request, Kind kind, int serverStatus, String message) {
        String requestId = UUID.randomUUID().toString();
        return switch (request.protocol()) {
            case QUERY -> queryError(kind, serverStatus, message, requestId);
            case EC2_QUERY -> ec2Error(kind, serverStatus, message, requestId);
            case AWS_JSON -> awsJsonError(request, kind, serverStatus, message, requestId);
            case REST_JSON -> restJsonError(kind, serverStatus, message, requestId);
            case REST_XML -> restXmlError(kind, serverStatus, message, requestId);
        };
    }

    private static CannedResponse queryError(Kind kind, int serverStatus, String message, String requestId) {
        int status = switch (kind) {
            case THROTTLING -> 400;
            case ACCESS_DENIED -> 403;
            default -> serverStatus;
        };
        String code = switch (kind) {
            case THROTTLING -> "Throttling";
            case ACCESS_DENIED -> "AccessDenied";
            case INTERNAL_FAILURE -> "InternalFailure";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
        };
        String type = status >= 500 ? "Receiver" : "Sender";
        String body = "<ErrorResponse><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>"
                + xml(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
        return new CannedResponse(status, headers("text/xml", requestId), body);
    }

    private static CannedResponse ec2Error(Kind kind, int serverStatus, String message, String requestId) {
        int status = switch (kind) {
            case THROTTLING -> 503;
            case ACCESS_DENIED -> 403;
            default -> serverStatus;
        };
        String code = switch (kind) {
            case THROTTLING -> "RequestLimitExceeded";
            case ACCESS_DENIED -> "UnauthorizedOperation";
            case INTERNAL_FAILURE -> "InternalError";
            case SERVICE_UNAVAILABLE -> "Unavailable";
        };
        String body = "<Response><Errors><Error><Code>" + code + "</Code><Message>" + xml(message)
                + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
        return new CannedResponse(status, headers("text/xml;charset=UTF-8", requestId), body);
    }

    private static CannedResponse awsJsonError(
            AwsRequest request, Kind kind, int serverStatus, String message, String requestId) {
        boolean sqs = "sqs".equals(request.service());
        int status = switch (kind) {
            case THROTTLING -> 400;
            // JSON services return AccessDeniedException with HTTP 400, but SQS kept the 403 of its Query API.
            case ACCESS_DENIED -> sqs ? 403 : 400;
            default -> serverStatus;
        };
        String type = switch (kind) {
            case THROTTLING -> "ThrottlingException";
            case ACCESS_DENIED -> "AccessDeniedException";
            case INTERNAL_FAILURE -> "InternalFailure";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
        };
        ObjectNode json = JSON.createObjectNode().put("__type", type).put("message", message);
        Map<String, String> headers = headers(jsonContentType(request), requestId);
        if (sqs) {
            String queryCode = switch (kind) {
                case THROTTLING -> "RequestThrottled";
                case ACCESS_DENIED -> "AccessDenied";
                case INTERNAL_FAILURE -> "InternalFailure";
                case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
            };
            headers.put("x-amzn-query-error", queryCode + (status >= 500 ? ";Receiver" : ";Sender"));
        }
        return new CannedResponse(status, headers, json.toString());
    }

    private static CannedResponse restJsonError(Kind kind, int serverStatus, String message, String requestId) {
        int status = switch (kind) {
            case THROTTLING -> 429;
            case ACCESS_DENIED -> 403;
            default -> serverStatus;
        };
        String type = switch (kind) {
            case THROTTLING -> "TooManyRequestsException";
            case ACCESS_DENIED -> "AccessDeniedException";
            case INTERNAL_FAILURE -> "InternalFailure";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
        };
        Map<String, String> headers = headers("application/json", requestId);
        headers.put("x-amzn-ErrorType", type);
        ObjectNode json = JSON.createObjectNode().put("message", message);
        return new CannedResponse(status, headers, json.toString());
    }

    private static CannedResponse restXmlError(Kind kind, int serverStatus, String message, String requestId) {
        int status = switch (kind) {
            case THROTTLING -> 503;
            case ACCESS_DENIED -> 403;
            default -> serverStatus;
        };
        String code = switch (kind) {
            case THROTTLING -> "SlowDown";
            case ACCESS_DENIED -> "AccessDenied";
            case INTERNAL_FAILURE -> "InternalError";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
        };
        String body = "<Error><Code>" + code + "</Code><Message>" + xml(message) + "</Message><RequestId>"
                + requestId + "</RequestId></Error>";
        Map<String, String> headers = headers("application/xml", requestId);
        headers.put("x-amz-request-id", requestId);
        return new CannedResponse(status, headers, body);
    }

    private static Map<String, String> headers(String contentType, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-RequestId", requestId);
        return headers;
    }

    private static String jsonContentType(AwsRequest request) {
        // Echo the JSON version the client spoke (1.0 for SQS, 1.1 for KMS and Organizations).
        return request.contentType() != null && request.contentType().startsWith("application/x-amz-json")
                ? request.contentType()
                : "application/x-amz-json-1.0";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
