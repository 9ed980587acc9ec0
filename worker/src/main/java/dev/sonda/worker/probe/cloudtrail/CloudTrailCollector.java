package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * Reads the trails of an account, calling only what the enabled controls need. It lists trails
 * with DescribeTrails (shadow trails included) in every region. For each trail the account owns,
 * it calls GetTrailStatus, GetEventSelectors and ListTags in the trail's home region, because AWS
 * evaluates a trail there and moto serves GetEventSelectors only there. It reads the trail
 * bucket's ACL, policy, Block Public Access settings and logging in the bucket's region. For
 * CloudTrail.6 it also reads the account-level Block Public Access settings once, through S3
 * Control in the partition's S3 global region.
 */
final class CloudTrailCollector {

    static final String SERVICE = "cloudtrail";
    static final String S3 = "s3";
    static final String S3_CONTROL = "s3control";
    /** The largest page ListBuckets returns. */
    private static final int MAX_BUCKETS_PER_PAGE = 10_000;

    /** The reads that the enabled controls need. */
    record Needs(boolean statusOfMultiRegion, boolean statusOfAll, boolean statusOfLogDelivery, boolean selectors,
            boolean tags, boolean bucketAccess, boolean bucketLogging) {

        boolean status(Trail trail) {
            return statusOfAll
                    || (statusOfMultiRegion && Boolean.TRUE.equals(trail.isMultiRegionTrail()))
                    || (statusOfLogDelivery && trail.cloudWatchLogsLogGroupArn() != null);
        }

        boolean bucket() {
            return bucketAccess || bucketLogging;
        }
    }

    private final Function<String, CloudTrailClient> cloudTrail;
    private final Function<String, S3Client> s3;
    private final Function<String, S3ControlClient> s3Control;
    private final AwsCalls calls;
    private final String accountId;

    /**
     * @param cloudTrail returns the task's CloudTrail client for a region
     * @param s3 returns the task's S3 client for a region
     * @param s3Control returns the task's S3 Control client for a region
     */
    CloudTrailCollector(Function<String, CloudTrailClient> cloudTrail, Function<String, S3Client> s3,
            Function<String, S3ControlClient> s3Control, AwsCalls calls, String accountId) {
        this.cloudTrail = cloudTrail;
        this.s3 = s3;
        this.s3Control = s3Control;
        this.calls = calls;
        this.accountId = accountId;
    }

    CloudTrailInventory collect(List<String> regions, Needs needs) {
        Map<String, AwsError> listErrors = new LinkedHashMap<>();
        Map<String, Trail> byArn = new LinkedHashMap<>();
        for (String region : regions) {
            Collected<List<Trail>> listed = calls.call(SERVICE, "DescribeTrails", region, () -> cloudTrail.apply(region)
                    .describeTrails(request -> request.includeShadowTrails(true))
                    .trailList());
            if (listed.isOk()) {
                listed.value().forEach(trail -> byArn.putIfAbsent(trail.trailARN(), trail));
            } else {
                listErrors.put(region, listed.error());
            }
        }
        List<TrailRecord> trails = new ArrayList<>(byArn.size());
        for (Trail trail : byArn.values()) {
            trails.add(read(trail, needs));
        }
        Map<String, BucketRecord> buckets = needs.bucket() ? buckets(trails, regions, needs) : Map.of();
        Collected<Optional<PublicAccessBlock>> accountBlock = null;
        boolean ownBucket = buckets.values().stream()
                .anyMatch(bucket -> bucket.inAccount().isOk() && bucket.inAccount().value());
        if (needs.bucketAccess() && ownBucket) {
            accountBlock = accountPublicAccessBlock(Partitions.s3GlobalRegion(regions.get(0)));
        }
        return new CloudTrailInventory(regions, listErrors, trails, buckets, accountBlock);
    }

    private TrailRecord read(Trail trail, Needs needs) {
        String arn = trail.trailARN();
        String owner = TrailRecord.accountOf(arn);
        String home = trail.homeRegion();
        boolean own = accountId.equals(owner);
        boolean multiRegion = Boolean.TRUE.equals(trail.isMultiRegionTrail());
        Collected<TrailStatus> status = null;
        Collected<EventSelectors> selectors = null;
        Collected<Map<String, String>> tags = null;
        if (own && needs.status(trail)) {
            status = calls.call(SERVICE, "GetTrailStatus", trail.name(),
                    () -> status(cloudTrail.apply(home).getTrailStatus(request -> request.name(arn))));
        }
        if (own && needs.selectors() && multiRegion) {
            selectors = calls.call(SERVICE, "GetEventSelectors", trail.name(),
                    () -> EventSelectorsReader.read(cloudTrail.apply(home)
                            .getEventSelectors(request -> request.trailName(arn))));
        }
        if (own && needs.tags()) {
            tags = calls.call(SERVICE, "ListTags", trail.name(), () -> cloudTrail.apply(home)
                    .listTags(request -> request.resourceIdList(arn))
                    .resourceTagList().stream()
                    .flatMap(resource -> resource.tagsList().stream())
                    .collect(Collectors.toMap(tag -> tag.key(), tag -> tag.value() == null ? "" : tag.value(),
                            (first, second) -> first, LinkedHashMap::new)));
        }
        return new TrailRecord(trail.name(), arn, home, owner, multiRegion,
                Boolean.TRUE.equals(trail.isOrganizationTrail()), Boolean.TRUE.equals(trail.logFileValidationEnabled()),
                blankToNull(trail.kmsKeyId()), blankToNull(trail.cloudWatchLogsLogGroupArn()),
                blankToNull(trail.s3BucketName()), status, selectors, tags);
    }

    /**
     * Reads each bucket of the account's own trails once. ListBuckets shows whether the bucket is
     * in the account, and a bucket elsewhere is not read, because its owner's policy decides what this
     * account may see.
     */
    private Map<String, BucketRecord> buckets(List<TrailRecord> trails, List<String> regions, Needs needs) {
        Set<String> names = trails.stream()
                .filter(trail -> trail.ownedBy(accountId) && trail.bucketName() != null)
                .map(TrailRecord::bucketName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (names.isEmpty()) {
            return Map.of();
        }
        String globalRegion = Partitions.s3GlobalRegion(regions.isEmpty() ? "us-east-1" : regions.get(0));
        Collected<Set<String>> own = calls.call(S3, "ListBuckets", null, () -> {
            Set<String> all = new HashSet<>();
            // MaxBuckets makes AWS paginate, which AWS requires of accounts above the default bucket quota.
            // NOTE: moto 5.2.1 returns no ContinuationToken, so it lists at most MaxBuckets buckets.
            s3.apply(globalRegion).listBucketsPaginator(request -> request.maxBuckets(MAX_BUCKETS_PER_PAGE))
                    .buckets()
                    .forEach(bucket -> all.add(bucket.name()));
            return all;
        });
        Map<String, BucketRecord> buckets = new LinkedHashMap<>();
        for (String name : names) {
            Collected<Boolean> inAccount = own.isOk() ? Collected.ok(own.value().contains(name))
                    : Collected.failed(own.error());
            if (!inAccount.isOk() || !inAccount.value()) {
                buckets.put(name, new BucketRecord(name, inAccount, null, null, null, null, null));
                continue;
            }
            buckets.put(name, bucket(name, inAccount, globalRegion, needs));
        }
        return buckets;
    }

    private BucketRecord bucket(String name, Collected<Boolean> inAccount, String globalRegion, Needs needs) {
        Collected<String> region = calls.call(S3, "GetBucketLocation", name, () -> Partitions.bucketRegion(
                s3.apply(globalRegion).getBucketLocation(request -> request.bucket(name)).locationConstraintAsString(),
                globalRegion));
        if (!region.isOk()) {
            return new BucketRecord(name, inAccount, region, null, null, null, null);
        }
        Supplier<S3Client> client = () -> s3.apply(region.value());
        Collected<List<String>> grants = null;
        Collected<Optional<String>> policy = null;
        Collected<Optional<PublicAccessBlock>> block = null;
        if (needs.bucketAccess()) {
            grants = calls.call(S3, "GetBucketAcl", name, () -> client.get()
                    .getBucketAcl(request -> request.bucket(name))
                    .grants().stream()
                    .map(CloudTrailCollector::publicGrant)
                    .filter(grant -> grant != null)
                    .toList());
            policy = calls.call(S3, "GetBucketPolicy", name, () -> absentOn("NoSuchBucketPolicy",
                    () -> client.get().getBucketPolicy(request -> request.bucket(name)).policy()));
            block = calls.call(S3, "GetPublicAccessBlock", name, () -> absentOn(
                    "NoSuchPublicAccessBlockConfiguration", () -> publicAccessBlock(client.get()
                            .getPublicAccessBlock(request -> request.bucket(name)).publicAccessBlockConfiguration())));
        }
        Collected<Optional<String>> logging = null;
        if (needs.bucketLogging()) {
            logging = calls.call(S3, "GetBucketLogging", name, () -> {
                var enabled = client.get().getBucketLogging(request -> request.bucket(name)).loggingEnabled();
                return Optional.ofNullable(enabled == null ? null : enabled.targetBucket());
            });
        }
        return new BucketRecord(name, inAccount, region, grants, policy, block, logging);
    }

    /**
     * Reads the account-level Block Public Access settings. S3 Control returns
     * NoSuchPublicAccessBlockConfiguration when the account has none, which is not an error.
     */
    private Collected<Optional<PublicAccessBlock>> accountPublicAccessBlock(String region) {
        return calls.call(S3_CONTROL, "GetPublicAccessBlock", "account " + accountId, () -> absentOn(
                "NoSuchPublicAccessBlockConfiguration", () -> {
                    var configuration = s3Control.apply(region)
                            .getPublicAccessBlock(request -> request.accountId(accountId))
                            .publicAccessBlockConfiguration();
                    return configuration == null ? null : new PublicAccessBlock(
                            Boolean.TRUE.equals(configuration.ignorePublicAcls()),
                            Boolean.TRUE.equals(configuration.restrictPublicBuckets()));
                }));
    }

    /** Returns the value, or empty when S3 fails with {@code errorCode}, which means "not configured". */
    private static <T> Optional<T> absentOn(String errorCode, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && errorCode.equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Returns {@code AllUsers:READ} for a grant to a public group, otherwise {@code null}. */
    private static String publicGrant(Grant grant) {
        if (grant.grantee() == null || grant.grantee().uri() == null) {
            return null;
        }
        String uri = grant.grantee().uri();
        String group = uri.substring(uri.lastIndexOf('/') + 1);
        if (group.equals("AllUsers") || group.equals("AuthenticatedUsers")) {
            return group + ":" + grant.permissionAsString();
        }
        return null;
    }

    private static PublicAccessBlock publicAccessBlock(PublicAccessBlockConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        return new PublicAccessBlock(Boolean.TRUE.equals(configuration.ignorePublicAcls()),
                Boolean.TRUE.equals(configuration.restrictPublicBuckets()));
    }

    private static TrailStatus status(GetTrailStatusResponse response) {
        return new TrailStatus(Boolean.TRUE.equals(response.isLogging()), response.latestCloudWatchLogsDeliveryTime(),
                blankToNull(response.latestCloudWatchLogsDeliveryError()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
