package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.Collected;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trails of one account as seen from every region the inventory lists for it.
 *
 * @param regions the regions whose trails were listed, in task order
 * @param listErrors why DescribeTrails failed, by region. A failed region may hide its
 *     single-Region trails, but every multi-Region trail appears in each region that listed trails.
 * @param trails every trail once, by ARN, in the order the regions listed them
 * @param buckets the buckets of the account's own trails, by name
 * @param accountPublicAccessBlock the account-level Block Public Access settings, empty when the
 *     account has none; {@code null} when no enabled control needed them or no trail bucket is in
 *     the account
 */
public record CloudTrailInventory(List<String> regions, Map<String, AwsError> listErrors, List<TrailRecord> trails,
        Map<String, BucketRecord> buckets, Collected<Optional<PublicAccessBlock>> accountPublicAccessBlock) {

    public CloudTrailInventory {
        regions = List.copyOf(regions);
        listErrors = Map.copyOf(listErrors);
        trails = List.copyOf(trails);
        buckets = Map.copyOf(buckets);
    }

    /** Returns whether at least one region listed its trails, so that every multi-Region trail is known. */
    public boolean anyRegionListed() {
        return listErrors.size() < regions.size();
    }
}
