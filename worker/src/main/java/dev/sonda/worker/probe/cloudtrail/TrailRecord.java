package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.worker.probe.Collected;
import java.util.Map;

/**
 * One trail, kept once by ARN however many regions listed it, with what the collector read about
 * it in its home region. Status, selectors and tags are {@code null} when no enabled control
 * needed them, and always for a trail another account owns.
 *
 * @param ownerAccountId the account in the trail's ARN; another account than the scanned one for
 *     an organization trail seen from a member account
 * @param kmsKeyId the trail's KMS key, or {@code null} with SSE-S3 only
 * @param cloudWatchLogsLogGroupArn the log group the trail delivers to, or {@code null}
 */
public record TrailRecord(String name, String arn, String homeRegion, String ownerAccountId, boolean multiRegion,
        boolean organizationTrail, boolean logFileValidation, String kmsKeyId, String cloudWatchLogsLogGroupArn,
        String bucketName, Collected<TrailStatus> status, Collected<EventSelectors> selectors,
        Collected<Map<String, String>> tags) {

    /**
     * Returns whether the scanned account owns the trail. A trail of another account is evaluated
     * in that account's scan.
     */
    public boolean ownedBy(String accountId) {
        return accountId.equals(ownerAccountId);
    }

    /** Returns the account of a CloudTrail ARN, {@code arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME}. */
    static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }
}
