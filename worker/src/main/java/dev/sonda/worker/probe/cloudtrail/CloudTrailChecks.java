package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.FindingFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure checks of the cloudtrail probe over a {@link CloudTrailInventory}: the account-level
 * CloudTrail.1, CloudTrail.3, S3.22 and S3.23 once (region {@code global}), and the trail-level
 * controls once per trail, in the trail's home region.
 */
public final class CloudTrailChecks {

    public static final String CLOUDTRAIL_1 = "CloudTrail.1";
    public static final String CLOUDTRAIL_2 = "CloudTrail.2";
    public static final String CLOUDTRAIL_3 = "CloudTrail.3";
    public static final String CLOUDTRAIL_4 = "CloudTrail.4";
    public static final String CLOUDTRAIL_5 = "CloudTrail.5";
    public static final String CLOUDTRAIL_6 = "CloudTrail.6";
    public static final String CLOUDTRAIL_7 = "CloudTrail.7";
    public static final String CLOUDTRAIL_9 = "CloudTrail.9";
    public static final String S3_22 = "S3.22";
    public static final String S3_23 = "S3.23";

    static final List<String> ACCOUNT_CONTROLS = List.of(CLOUDTRAIL_1, CLOUDTRAIL_3, S3_22, S3_23);
    static final List<String> TRAIL_CONTROLS = List.of(CLOUDTRAIL_2, CLOUDTRAIL_4, CLOUDTRAIL_5, CLOUDTRAIL_6,
            CLOUDTRAIL_7, CLOUDTRAIL_9);
    static final List<String> CONTROLS = List.of(CLOUDTRAIL_1, CLOUDTRAIL_2, CLOUDTRAIL_3, CLOUDTRAIL_4,
            CLOUDTRAIL_5, CLOUDTRAIL_6, CLOUDTRAIL_7, CLOUDTRAIL_9, S3_22, S3_23);

    private CloudTrailChecks() {
    }

    /**
     * Evaluates the enabled controls.
     *
     * @param findings the probe's factory, which files findings in the region {@code global}
     * @param now the time of the scan, for the age of a trail's last CloudWatch Logs delivery
     */
    public static List<Finding> evaluate(CloudTrailInventory inventory, Set<String> enabled, FindingFactory findings,
            Instant now) {
        List<String> controls = CONTROLS.stream().filter(enabled::contains).toList();
        if (inventory.regions().isEmpty()) {
            return controls.stream().map(control -> noRegions(control, findings)).toList();
        }
        List<Finding> result = new ArrayList<>();
        for (String control : controls) {
            switch (control) {
                case CLOUDTRAIL_1 -> result.add(AccountTrailChecks.managementEvents(inventory, findings));
                case CLOUDTRAIL_3 -> result.add(AccountTrailChecks.anyTrailLogging(inventory, findings));
                case S3_22 -> result.add(AccountTrailChecks.s3DataEvents(inventory, findings, true));
                case S3_23 -> result.add(AccountTrailChecks.s3DataEvents(inventory, findings, false));
                default -> result.addAll(trailControl(control, inventory, findings, now));
            }
        }
        return result;
    }

    /**
     * Returns the findings of one trail-level control: one per trail, plus an ERROR per region
     * whose trails are unknown.
     */
    private static List<Finding> trailControl(String control, CloudTrailInventory inventory, FindingFactory findings,
            Instant now) {
        List<Finding> result = new ArrayList<>();
        for (TrailRecord trail : inventory.trails()) {
            FindingFactory home = findings.inRegion(trail.homeRegion());
            if (!trail.ownedBy(findings.accountId())) {
                result.add(TrailChecks.foreign(control, trail, home));
                continue;
            }
            BucketRecord bucket = trail.bucketName() == null ? null : inventory.buckets().get(trail.bucketName());
            result.add(switch (control) {
                case CLOUDTRAIL_2 -> TrailChecks.encryption(trail, home);
                case CLOUDTRAIL_4 -> TrailChecks.validation(trail, home);
                case CLOUDTRAIL_5 -> TrailChecks.cloudWatchLogs(trail, home, now);
                case CLOUDTRAIL_6 -> BucketAccessCheck.evaluate(trail, bucket, inventory.accountPublicAccessBlock(),
                        home);
                case CLOUDTRAIL_7 -> TrailChecks.bucketLogging(trail, bucket, home);
                case CLOUDTRAIL_9 -> TrailChecks.tags(trail, home);
                default -> throw new IllegalStateException("Unknown trail-level control " + control);
            });
        }
        for (String region : inventory.regions()) {
            AwsError error = inventory.listErrors().get(region);
            if (error != null) {
                result.add(findings.inRegion(region).error(control, findings.accountResource(), "CloudTrail trails in "
                        + "region " + region + " of account " + findings.accountId() + " could not be listed: "
                        + "DescribeTrails failed with " + error.errorCode() + ".", error));
            }
        }
        if (result.isEmpty()) {
            result.add(findings.finding(control, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " has no CloudTrail trails in regions "
                            + String.join(", ", inventory.regions()) + ".", Map.of("trailCount", 0)));
        }
        return result;
    }

    private static Finding noRegions(String control, FindingFactory findings) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("operation", "ReadTask");
        evidence.put("errorCode", "NoAccountRegions");
        return findings.finding(control, FindingStatus.ERROR, findings.accountResource(), "AWS::::Account",
                "CloudTrail could not be checked in account " + findings.accountId()
                        + ", because the task lists no regions for it.", evidence);
    }
}
