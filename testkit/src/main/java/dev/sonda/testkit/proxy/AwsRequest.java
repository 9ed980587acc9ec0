package dev.sonda.testkit.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AWS API request as the proxy classifies it. The SigV4 credential scope gives service,
 * region and access key id, and the protocol's own field gives the operation.
 *
 * @param method the HTTP method
 * @param uri the request's path and query string, as received
 * @param service the SigV4 signing name (for example {@code sqs}, {@code iam},
 *     {@code elasticfilesystem}), or {@code null} for an unsigned request
 * @param region the region of the credential scope, or {@code null}
 * @param accessKeyId the access key id of the credential scope, or {@code null}
 * @param operation the API operation name (for example {@code GetQueueAttributes}), or
 *     {@code null} when the request does not name one the parser recognizes (S3, and REST-JSON
 *     paths missing from {@link RestJsonOperations})
 * @param protocol the wire protocol
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param body the request body decoded as UTF-8; kept for rules that match on it
 */
public record AwsRequest(
        String method,
        String uri,
        String service,
        String region,
        String accessKeyId,
        String operation,
        AwsProtocol protocol,
        String contentType,
        String body) {

    private static final Pattern CREDENTIAL_SCOPE =
            Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
    private static final Pattern QUERY_CREDENTIAL =
            Pattern.compile("([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");
    private static final Set<String> REST_XML_SERVICES = Set.of("s3", "s3control");

    /**
     * Classifies a request.
     *
     * @param headers request headers; names are matched case-insensitively, and only one value per
     *     name is needed
     * @param body the request body as UTF-8 text, empty when there is none
     */
    public static AwsRequest parse(String method, String uri, Map<String, String> headers, String body) {
        Map<String, String> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        header.putAll(headers);
        String path = pathOf(uri);
        String query = queryOf(uri);

        String accessKeyId = null;
        String region = null;
        String service = null;
        Matcher scope = credentialScope(header.get("Authorization"), query);
        if (scope != null) {
            accessKeyId = scope.group(1);
            region = scope.group(3);
            service = scope.group(4);
        }

        String contentType = header.get("Content-Type");
        AwsProtocol protocol;
        String operation;
        String target = header.get("X-Amz-Target");
        String action = parameter(query, "Action");
        if (action == null && isForm(contentType)) {
            action = parameter(body, "Action");
        }
        if (target != null && !target.isBlank()) {
            protocol = AwsProtocol.AWS_JSON;
            operation = target.substring(target.lastIndexOf('.') + 1).trim();
        } else if (service != null && REST_XML_SERVICES.contains(service)) {
            protocol = AwsProtocol.REST_XML;
            operation = null;
        } else if ("ec2".equals(service)) {
            protocol = AwsProtocol.EC2_QUERY;
            operation = action;
        } else if (action != null) {
            protocol = AwsProtocol.QUERY;
            operation = action;
        } else {
            protocol = AwsProtocol.REST_JSON;
            operation = RestJsonOperations.operation(service, method, path);
        }
        return new AwsRequest(method, uri, service, region, accessKeyId, operation, protocol, contentType, body);
    }

    /**
     * Returns the first value of a parameter in the body, decoded as
     * {@code application/x-www-form-urlencoded} as Query protocol requests send it, or
     * {@code null} when the body has no such parameter.
     */
    public String formParameter(String name) {
        return parameter(body, name);
    }

    /** Returns the path part of {@link #uri()}, without the query string. */
    public String path() {
        return pathOf(uri);
    }

    /**
     * Returns the IAM action that authorizes the request, for example {@code sqs:GetQueueAttributes},
     * {@code cloudwatch:DescribeAlarmsForMetric} for a request signed as {@code monitoring}, or
     * {@code s3:GetBucketPublicAccessBlock} for {@code GET /bucket?publicAccessBlock}. A request
     * without a known action gets {@code <service>:<method> <uri>}.
     */
    public String action() {
        return IamActions.of(this);
    }

    // The body can be large and carry customer data; logs get the classification only.
    @Override
    public String toString() {
        return "AwsRequest[" + method + " " + pathOf(uri) + ", " + service + ":" + operation
                + ", region=" + region + ", protocol=" + protocol + "]";
    }

    private static Matcher credentialScope(String authorization, String query) {
        if (authorization != null) {
            Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
            if (matcher.find()) {
                return matcher;
            }
        }
        // Presigned URLs carry the scope in the X-Amz-Credential query parameter instead.
        String credential = parameter(query, "X-Amz-Credential");
        if (credential != null) {
            Matcher matcher = QUERY_CREDENTIAL.matcher(credential);
            if (matcher.matches()) {
                return matcher;
            }
        }
        return null;
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String pathOf(String uri) {
        int question = uri.indexOf('?');
        return question < 0 ? uri : uri.substring(0, question);
    }

    private static String queryOf(String uri) {
        int question = uri.indexOf('?');
        return question < 0 ? "" : uri.substring(question + 1);
    }

    /** Returns the first value of a parameter in an {@code application/x-www-form-urlencoded} string. */
    private static String parameter(String encoded, String name) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
