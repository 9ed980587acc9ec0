package dev.sonda.worker.probe.cloudtrail;

import java.time.Instant;

/**
 * The GetTrailStatus fields the CloudTrail controls read.
 *
 * @param latestCloudWatchLogsDeliveryTime the last delivery to CloudWatch Logs, or {@code null}
 *     when CloudTrail reports none
 * @param latestCloudWatchLogsDeliveryError the last CloudWatch Logs delivery error, or {@code null}
 */
public record TrailStatus(boolean logging, Instant latestCloudWatchLogsDeliveryTime,
        String latestCloudWatchLogsDeliveryError) {
}
