package dev.sonda.testkit.proxy;

/**
 * The wire protocol of an AWS API request, as far as the proxy needs it: to find the operation
 * name and to shape error responses the way the SDK's unmarshaller for that protocol expects.
 */
public enum AwsProtocol {
    /** AWS JSON 1.0 and 1.1: POST with an {@code X-Amz-Target} header (SQS, KMS, Organizations). */
    AWS_JSON,
    /** The Query protocol: an {@code Action} form or query parameter and XML responses (IAM, STS, RDS). */
    QUERY,
    /** EC2's own Query dialect, whose errors are {@code <Response><Errors><Error>}. */
    EC2_QUERY,
    /** REST-JSON: the operation is in the method and path (Account Management, EFS, EKS, Inspector2). */
    REST_JSON,
    /** REST-XML (S3, S3 Control). */
    REST_XML
}
