package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.worker.probe.Collected;
import java.util.List;
import java.util.Optional;

/**
 * The S3 bucket a trail delivers to, read once however many trails share it. Each read is
 * {@code null} when no enabled control needed it or the bucket is not in the scanned account.
 *
 * @param inAccount whether ListBuckets of the scanned account lists the bucket
 * @param region the bucket's region (GetBucketLocation)
 * @param publicGrants the ACL grants to AllUsers or AuthenticatedUsers, as {@code GROUP:PERMISSION}
 * @param policy the bucket policy, empty when the bucket has none
 * @param publicAccessBlock the bucket-level Block Public Access settings, empty when none are set
 * @param loggingTargetBucket the server access logging target, empty when logging is off
 */
public record BucketRecord(String name, Collected<Boolean> inAccount, Collected<String> region,
        Collected<List<String>> publicGrants, Collected<Optional<String>> policy,
        Collected<Optional<PublicAccessBlock>> publicAccessBlock, Collected<Optional<String>> loggingTargetBucket) {
}
