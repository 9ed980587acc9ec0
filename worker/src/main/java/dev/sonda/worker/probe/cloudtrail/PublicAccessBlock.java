package dev.sonda.worker.probe.cloudtrail;

/**
 * The two S3 Block Public Access settings that neutralize existing public grants and policies, of a
 * bucket (s3:GetBucketPublicAccessBlock) or of the whole account (s3:GetAccountPublicAccessBlock).
 * Amazon S3 applies a setting when either the account or the bucket turns it on.
 *
 * @param ignorePublicAcls S3 ignores ACL grants to AllUsers and AuthenticatedUsers
 * @param restrictPublicBuckets a public bucket policy grants access only to AWS services and
 *     principals of the bucket owner's account
 */
public record PublicAccessBlock(boolean ignorePublicAcls, boolean restrictPublicBuckets) {
}
