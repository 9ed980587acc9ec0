package dev.sonda.worker.probe.cloudtrail;

/** AWS partitions as far as ARNs and the S3 calls of the CloudTrail probe need them. */
final class Partitions {

    private Partitions() {
    }

    /** Returns the ARN partition of a region: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
    static String of(String region) {
        if (region == null) {
            return "aws";
        }
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /**
     * Returns the region whose S3 endpoint serves ListBuckets and GetBucketLocation for every
     * bucket of the partition.
     */
    static String s3GlobalRegion(String region) {
        return switch (of(region)) {
            case "aws-cn" -> "cn-north-1";
            case "aws-us-gov" -> "us-gov-west-1";
            default -> "us-east-1";
        };
    }

    /**
     * Turns a GetBucketLocation constraint into a region: no constraint means us-east-1 (or the
     * partition's first region) and {@code EU} is the legacy name of eu-west-1.
     */
    static String bucketRegion(String locationConstraint, String defaultRegion) {
        if (locationConstraint == null || locationConstraint.isBlank() || locationConstraint.equals("null")) {
            return defaultRegion;
        }
        if (locationConstraint.equals("EU")) {
            return "eu-west-1";
        }
        return locationConstraint;
    }
}
