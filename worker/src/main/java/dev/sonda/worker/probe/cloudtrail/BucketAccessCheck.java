package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.policy.ResourcePolicyAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * CloudTrail.6: the trail's bucket is not public once Block Public Access applies. Public ACL
 * grants count unless IgnorePublicAcls is on, and a public bucket policy counts unless
 * RestrictPublicBuckets is on, each set on the bucket or on the account, as Amazon S3 applies the
 * more restrictive of the two.
 *
 * <p>A setting or document that could not be read leads to ERROR only when it could change the
 * verdict: an unreadable ACL does not matter when IgnorePublicAcls is known to be on, and an
 * unreadable account setting does not matter when the bucket has no public grant or policy.
 */
final class BucketAccessCheck {

    private BucketAccessCheck() {
    }

    /**
     * One effective Block Public Access setting: on when the bucket or the account turns it on, off
     * when both are known to leave it off, and unknown otherwise.
     *
     * @param on {@code true}, {@code false}, or {@code null} when unknown
     * @param where where it is on ({@code bucket}, {@code account} or {@code bucket and account})
     * @param unknownBecause the failed read that leaves it unknown
     * @param unknownRead what that read was, for the message
     */
    private record Setting(Boolean on, String where, AwsError unknownBecause, String unknownRead) {

        static Setting of(Collected<Optional<PublicAccessBlock>> bucket, Collected<Optional<PublicAccessBlock>> account,
                Predicate<PublicAccessBlock> flag) {
            boolean onBucket = isOn(bucket, flag);
            boolean onAccount = isOn(account, flag);
            if (onBucket || onAccount) {
                String where = "account";
                if (onBucket) {
                    where = onAccount ? "bucket and account" : "bucket";
                }
                return new Setting(true, where, null, null);
            }
            if (!bucket.isOk()) {
                return new Setting(null, null, bucket.error(), bucket.error().operation());
            }
            if (!account.isOk()) {
                return new Setting(null, null, account.error(), "S3 Control " + account.error().operation()
                        + " for the account");
            }
            return new Setting(false, null, null, null);
        }

        private static boolean isOn(Collected<Optional<PublicAccessBlock>> block, Predicate<PublicAccessBlock> flag) {
            return block.isOk() && block.value().map(flag::test).orElse(false);
        }
    }

    /**
     * One part of the bucket that grants public access, and the setting that may neutralize it.
     *
     * @param description the part as the FAIL message names it
     * @param neutralized the setting and part as the PASS message names them
     */
    private record Exposure(String description, String neutralized, Setting setting) {
    }

    static Finding evaluate(TrailRecord trail, BucketRecord bucket,
            Collected<Optional<PublicAccessBlock>> accountBlock, FindingFactory findings) {
        String control = CloudTrailChecks.CLOUDTRAIL_6;
        Finding unreadable = TrailChecks.bucketUnreadable(control, trail, bucket, findings, "public access");
        if (unreadable != null) {
            return unreadable;
        }
        Objects.requireNonNull(accountBlock, "The collector did not read the account-level Block Public Access"
                + " settings, which CloudTrail.6 needs for bucket " + bucket.name()
                + "; collector and checks disagree");
        String subject = "The S3 bucket " + bucket.name() + " of trail " + trail.name();
        Setting ignore = Setting.of(bucket.publicAccessBlock(), accountBlock, PublicAccessBlock::ignorePublicAcls);
        Setting restrict = Setting.of(bucket.publicAccessBlock(), accountBlock,
                PublicAccessBlock::restrictPublicBuckets);

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bucket", bucket.name());
        evidence.put("ignorePublicAcls", ignore.on() == null ? "unknown" : ignore.on());
        evidence.put("restrictPublicBuckets", restrict.on() == null ? "unknown" : restrict.on());
        evidence.put("bucketPublicAccessBlock", describe(bucket.publicAccessBlock()));
        evidence.put("accountPublicAccessBlock", describe(accountBlock));

        List<Exposure> exposures = new ArrayList<>();
        AwsError unknown = null;
        String unknownRead = null;
        if (bucket.publicGrants().isOk()) {
            evidence.put("publicGrants", bucket.publicGrants().value());
            if (!bucket.publicGrants().value().isEmpty()) {
                String grants = String.join(", ", bucket.publicGrants().value());
                exposures.add(new Exposure("its ACL grants " + grants, "IgnorePublicAcls on the " + ignore.where()
                        + " neutralizes the ACL grants " + grants, ignore));
            }
        } else if (!Boolean.TRUE.equals(ignore.on())) {
            unknown = bucket.publicGrants().error();
            unknownRead = unknown.operation();
        }
        if (bucket.policy().isOk()) {
            ResourcePolicyAnalyzer.Verdict verdict = ResourcePolicyAnalyzer.S3_BUCKET_POLICY.analyze(
                    bucket.policy().value().orElse(null));
            evidence.put("policyPresent", bucket.policy().value().isPresent());
            if (verdict.isPublic()) {
                evidence.put("publicStatements", verdict.publicStatements());
                String statements = String.join(", ", verdict.publicStatements());
                exposures.add(new Exposure("its policy allows public access in statement " + statements,
                        "RestrictPublicBuckets on the " + restrict.where() + " neutralizes the public policy statement "
                                + statements, restrict));
            }
        } else if (unknown == null && !Boolean.TRUE.equals(restrict.on())) {
            unknown = bucket.policy().error();
            unknownRead = unknown.operation();
        }

        List<String> open = new ArrayList<>();
        List<String> neutralized = new ArrayList<>();
        for (Exposure exposure : exposures) {
            Setting setting = exposure.setting();
            if (Boolean.FALSE.equals(setting.on())) {
                open.add(exposure.description());
            } else if (Boolean.TRUE.equals(setting.on())) {
                neutralized.add(exposure.neutralized());
            } else if (unknown == null) {
                unknown = setting.unknownBecause();
                unknownRead = setting.unknownRead();
            }
        }

        if (!open.isEmpty()) {
            return findings.finding(control, FindingStatus.FAIL, trail.arn(), subject + " is publicly accessible: "
                    + String.join("; ", open) + ".", evidence);
        }
        if (unknown != null) {
            return findings.error(control, trail.arn(), subject + " could not be checked for public access: "
                    + unknownRead + " failed with " + unknown.errorCode() + ".", unknown);
        }
        String detail = neutralized.isEmpty() ? "" : ": " + String.join(", and ", neutralized);
        return findings.finding(control, FindingStatus.PASS, trail.arn(), subject + " is not publicly accessible"
                + detail + ".", evidence);
    }

    /** Returns a Block Public Access read for evidence: {@code not set}, or the two settings with their values. */
    private static String describe(Collected<Optional<PublicAccessBlock>> block) {
        if (!block.isOk()) {
            return "unreadable: " + block.error().errorCode();
        }
        return block.value()
                .map(value -> "IgnorePublicAcls=" + value.ignorePublicAcls() + ", RestrictPublicBuckets="
                        + value.restrictPublicBuckets())
                .orElse("not set");
    }
}
