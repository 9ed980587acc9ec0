package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trail-level checks CloudTrail.2, .4, .5, .7 and .9, one finding per trail of the account
 * filed in the trail's home region. The bucket checks read {@link BucketRecord}s. CloudTrail.6 is
 * in {@link BucketAccessCheck}.
 */
final class TrailChecks {

    /** CIS: a trail that delivered nothing to CloudWatch Logs for this long no longer feeds the alarms. */
    static final Duration MAX_LOG_DELIVERY_AGE = Duration.ofHours(24);

    private TrailChecks() {
    }

    /** Returns the finding of a trail-level control for a trail that another account owns. */
    static Finding foreign(String control, TrailRecord trail, FindingFactory findings) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("ownerAccountId", trail.ownerAccountId());
        evidence.put("organizationTrail", trail.organizationTrail());
        String kind = trail.organizationTrail() ? "an organization trail" : "a trail";
        return findings.finding(control, FindingStatus.NOT_APPLICABLE, trail.arn(), "Trail " + trail.name() + " is "
                + kind + " of account " + trail.ownerAccountId() + "; that account's scan evaluates it.", evidence);
    }

    /** CloudTrail.2. */
    static Finding encryption(TrailRecord trail, FindingFactory findings) {
        String control = CloudTrailChecks.CLOUDTRAIL_2;
        if (trail.kmsKeyId() != null) {
            return findings.finding(control, FindingStatus.PASS, trail.arn(), "Trail " + trail.name()
                    + " encrypts its log files with KMS key " + trail.kmsKeyId() + ".", Map.of("kmsKeyId",
                            trail.kmsKeyId()));
        }
        return findings.finding(control, FindingStatus.FAIL, trail.arn(), "Trail " + trail.name()
                + " does not encrypt its log files with a KMS key.", Map.of("kmsKeyId", "absent"));
    }

    /** CloudTrail.4. */
    static Finding validation(TrailRecord trail, FindingFactory findings) {
        String control = CloudTrailChecks.CLOUDTRAIL_4;
        Map<String, Object> evidence = Map.of("logFileValidationEnabled", trail.logFileValidation());
        if (trail.logFileValidation()) {
            return findings.finding(control, FindingStatus.PASS, trail.arn(), "Trail " + trail.name()
                    + " has log file integrity validation enabled.", evidence);
        }
        return findings.finding(control, FindingStatus.FAIL, trail.arn(), "Trail " + trail.name()
                + " does not have log file integrity validation enabled.", evidence);
    }

    /**
     * CloudTrail.5, with the time of the scan for the age of the last delivery. A trail fails when
     * its last delivery is more than {@link #MAX_LOG_DELIVERY_AGE} old, or when it reports a
     * delivery error and no delivery in that time. A trail that reports neither a delivery nor an
     * error passes, as a newly configured trail does before its first delivery.
     */
    static Finding cloudWatchLogs(TrailRecord trail, FindingFactory findings, Instant now) {
        String control = CloudTrailChecks.CLOUDTRAIL_5;
        String logGroup = trail.cloudWatchLogsLogGroupArn();
        if (logGroup == null) {
            return findings.finding(control, FindingStatus.FAIL, trail.arn(), "Trail " + trail.name()
                    + " does not deliver to CloudWatch Logs.", Map.of("cloudWatchLogsLogGroupArn", "absent"));
        }
        if (!trail.status().isOk()) {
            AwsError error = trail.status().error();
            return findings.error(control, trail.arn(), "Trail " + trail.name() + " could not be checked for delivery"
                    + " to CloudWatch Logs: GetTrailStatus failed with " + error.errorCode() + ".", error);
        }

        TrailStatus status = trail.status().value();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("cloudWatchLogsLogGroupArn", logGroup);
        Instant last = status.latestCloudWatchLogsDeliveryTime();
        String deliveryError = status.latestCloudWatchLogsDeliveryError();
        evidence.put("latestCloudWatchLogsDeliveryTime", last == null ? "none reported" : last.toString());
        evidence.put("latestCloudWatchLogsDeliveryError", deliveryError);
        String subject = "Trail " + trail.name();
        String group = "CloudWatch Logs log group " + logGroupName(logGroup);

        boolean recent = last != null && !last.isBefore(now.minus(MAX_LOG_DELIVERY_AGE));
        if (!recent && last != null) {
            String error = deliveryError == null ? "" : ", and reports the delivery error " + deliveryError;
            return findings.finding(control, FindingStatus.FAIL, trail.arn(), subject + " last delivered to " + group
                    + " at " + last + ", more than 24 hours before the scan" + error + ".", evidence);
        }
        if (!recent && deliveryError != null) {
            return findings.finding(control, FindingStatus.FAIL, trail.arn(), subject + " reports no delivery to "
                    + group + " and the delivery error " + deliveryError + ".", evidence);
        }
        if (last == null) {
            return findings.finding(control, FindingStatus.PASS, trail.arn(), subject + " is set to deliver to "
                    + group + ", and CloudTrail reports no delivery yet.", evidence);
        }
        return findings.finding(control, FindingStatus.PASS, trail.arn(), subject + " delivers to " + group + ".",
                evidence);
    }

    /** CloudTrail.7: server access logging is on for the trail's bucket. */
    static Finding bucketLogging(TrailRecord trail, BucketRecord bucket, FindingFactory findings) {
        String control = CloudTrailChecks.CLOUDTRAIL_7;
        Finding unreadable = bucketUnreadable(control, trail, bucket, findings, "server access logging");
        if (unreadable != null) {
            return unreadable;
        }
        String subject = "S3 bucket " + bucket.name() + " of trail " + trail.name();
        if (!bucket.loggingTargetBucket().isOk()) {
            AwsError error = bucket.loggingTargetBucket().error();
            return findings.error(control, trail.arn(), "The " + subject + " could not be checked for server access "
                    + "logging: GetBucketLogging failed with " + error.errorCode() + ".", error);
        }
        Optional<String> target = bucket.loggingTargetBucket().value();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bucket", bucket.name());
        evidence.put("targetBucket", target.orElse("none"));
        if (target.isPresent()) {
            return findings.finding(control, FindingStatus.PASS, trail.arn(), "The " + subject
                    + " logs server access to bucket " + target.get() + ".", evidence);
        }
        return findings.finding(control, FindingStatus.FAIL, trail.arn(), "The " + subject
                + " does not have server access logging enabled.", evidence);
    }

    /** CloudTrail.9. */
    static Finding tags(TrailRecord trail, FindingFactory findings) {
        String control = CloudTrailChecks.CLOUDTRAIL_9;
        if (!trail.tags().isOk()) {
            AwsError error = trail.tags().error();
            return findings.error(control, trail.arn(), "Trail " + trail.name() + " could not be checked for tags: "
                    + "ListTags failed with " + error.errorCode() + ".", error);
        }
        List<String> keys = trail.tags().value().keySet().stream().filter(key -> !key.startsWith("aws:")).sorted()
                .toList();
        if (keys.isEmpty()) {
            return findings.finding(control, FindingStatus.FAIL, trail.arn(), "Trail " + trail.name()
                    + " has no tags other than aws: system tags.", Map.of("tagKeys", keys));
        }
        return findings.finding(control, FindingStatus.PASS, trail.arn(), "Trail " + trail.name() + " has "
                + keys.size() + (keys.size() == 1 ? " tag." : " tags."), Map.of("tagKeys", keys));
    }

    /**
     * The finding of a bucket control when the bucket cannot be read from this account: NOT_APPLICABLE
     * for a bucket of another account, ERROR when ownership or the region could not be read, and
     * {@code null} when the bucket was read.
     */
    static Finding bucketUnreadable(String control, TrailRecord trail, BucketRecord bucket,
            FindingFactory findings, String topic) {
        if (bucket == null) {
            return findings.finding(control, FindingStatus.NOT_APPLICABLE, trail.arn(), "Trail " + trail.name()
                    + " names no S3 bucket.", Map.of());
        }
        String subject = "The S3 bucket " + bucket.name() + " of trail " + trail.name();
        Collected<Boolean> inAccount = bucket.inAccount();
        if (!inAccount.isOk()) {
            AwsError error = inAccount.error();
            return findings.error(control, trail.arn(), subject + " could not be checked for " + topic
                    + ": ListBuckets failed with " + error.errorCode() + ".", error);
        }
        if (!inAccount.value()) {
            return findings.finding(control, FindingStatus.NOT_APPLICABLE, trail.arn(), subject + " is not in account "
                    + findings.accountId() + "; check it in the account that owns it.", Map.of("bucket", bucket.name(),
                            "bucketInAccount", false));
        }
        if (!bucket.region().isOk()) {
            AwsError error = bucket.region().error();
            return findings.error(control, trail.arn(), subject + " could not be checked for " + topic
                    + ": GetBucketLocation failed with " + error.errorCode() + ".", error);
        }
        return null;
    }

    /** Returns the name in {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*}. */
    static String logGroupName(String arn) {
        int start = arn.indexOf(":log-group:");
        if (start < 0) {
            return arn;
        }
        String name = arn.substring(start + ":log-group:".length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }
}
