package dev.sonda.testkit.proxy;

import java.util.Map;

/**
 * Names the IAM action that authorizes a request, for tests that compare the calls a probe made
 * with the IAM actions the catalog declares for it.
 */
final class IamActions {

    /**
     * IAM service prefixes that differ from the SigV4 signing name. Every other signing name the
     * probes use ({@code sqs}, {@code iam}, {@code kms}, {@code access-analyzer}, {@code macie2},
     * {@code logs}, ...) is also the IAM prefix.
     */
    private static final Map<String, String> IAM_PREFIXES = Map.of("monitoring", "cloudwatch");

    /**
     * The IAM actions of S3 bucket reads, by the query parameter that names the sub-resource. Several
     * differ from the operation name: GetPublicAccessBlock needs {@code s3:GetBucketPublicAccessBlock}
     * and GetBucketEncryption needs {@code s3:GetEncryptionConfiguration}.
     */
    private static final Map<String, String> S3_BUCKET_READS = Map.ofEntries(
            Map.entry("acl", "s3:GetBucketAcl"),
            Map.entry("encryption", "s3:GetEncryptionConfiguration"),
            Map.entry("lifecycle", "s3:GetLifecycleConfiguration"),
            Map.entry("location", "s3:GetBucketLocation"),
            Map.entry("logging", "s3:GetBucketLogging"),
            Map.entry("object-lock", "s3:GetBucketObjectLockConfiguration"),
            Map.entry("ownershipControls", "s3:GetBucketOwnershipControls"),
            Map.entry("policy", "s3:GetBucketPolicy"),
            Map.entry("policyStatus", "s3:GetBucketPolicyStatus"),
            Map.entry("publicAccessBlock", "s3:GetBucketPublicAccessBlock"),
            Map.entry("replication", "s3:GetReplicationConfiguration"),
            Map.entry("tagging", "s3:GetBucketTagging"),
            Map.entry("versioning", "s3:GetBucketVersioning"));

    private IamActions() {
    }

    /**
     * Returns the IAM action of a request, such as {@code sqs:GetQueueAttributes}. A request this
     * class cannot name, such as an S3 object request or a REST-JSON path missing from
     * {@link RestJsonOperations}, gets {@code <service>:<method> <uri>}, which matches no IAM
     * action and shows the request in a failed assertion.
     */
    static String of(AwsRequest request) {
        String service = request.service();
        if ("s3".equals(service)) {
            String action = s3Action(request);
            if (action != null) {
                return action;
            }
        }
        String prefix = IAM_PREFIXES.getOrDefault(service, service);
        if (request.operation() == null) {
            return prefix + ":" + request.method() + " " + request.uri();
        }
        return prefix + ":" + request.operation();
    }

    /**
     * The path of S3 Control's account-level Block Public Access. S3 Control signs as {@code s3},
     * so its requests arrive here too.
     */
    static final String S3_CONTROL_PUBLIC_ACCESS_BLOCK = "/v20180820/configuration/publicAccessBlock";

    /**
     * Returns the IAM action of a path-style S3 request, ListBuckets on {@code /}, one of
     * {@link #S3_BUCKET_READS}, or S3 Control's GetPublicAccessBlock, or {@code null} for any other
     * S3 request.
     */
    private static String s3Action(AwsRequest request) {
        if (!request.method().equals("GET")) {
            return null;
        }
        String path = request.path();
        if (path.isEmpty() || path.equals("/")) {
            return "s3:ListAllMyBuckets";
        }
        if (path.equals(S3_CONTROL_PUBLIC_ACCESS_BLOCK)) {
            return "s3:GetAccountPublicAccessBlock";
        }
        String uri = request.uri();
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
        for (String parameter : query.split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            String action = S3_BUCKET_READS.get(name);
            if (action != null) {
                return action;
            }
        }
        return null;
    }
}
