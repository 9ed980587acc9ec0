package dev.sonda.worker.probe.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.Basic;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.DataResource;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudTrailChecksTest {

    private static final String ACCOUNT = "123456789012";
    private static final String MANAGEMENT_ACCOUNT = "999999999999";
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Set<String> ALL = Set.copyOf(CloudTrailChecks.CONTROLS);
    private static final EventSelectors DEFAULT_SELECTORS = new EventSelectors(
            List.of(new Basic("All", true, List.of(), List.of())), List.of());
    private static final EventSelectors S3_WRITES = new EventSelectors(List.of(new Basic("All", true, List.of(), List.of()),
            new Basic("WriteOnly", false, List.of(), List.of(new DataResource("AWS::S3::Object",
                    List.of("arn:aws:s3"))))), List.of());

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("cloudtrail").orElseThrow(),
            ACCOUNT, "global");

    private static String arn(String region, String account, String name) {
        return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
    }

    /**
     * Starts a multi-Region trail of the account in eu-west-1 that logs with default selectors and
     * passes every trail check.
     */
    private static TrailBuilder trail(String name) {
        return new TrailBuilder(name);
    }

    private static final class TrailBuilder {
        private final String name;
        private String home = "eu-west-1";
        private String owner = ACCOUNT;
        private boolean multiRegion = true;
        private boolean organization;
        private boolean validation = true;
        private String kmsKeyId = "arn:aws:kms:eu-west-1:123456789012:key/k1";
        private String logGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:cloudtrail:*";
        private String bucket = "trail-logs";
        private Collected<TrailStatus> status = Collected.ok(new TrailStatus(true, NOW.minusSeconds(300), null));
        private Collected<EventSelectors> selectors = Collected.ok(DEFAULT_SELECTORS);
        private Collected<Map<String, String>> tags = Collected.ok(Map.of("owner", "security"));

        private TrailBuilder(String name) {
            this.name = name;
        }

        TrailBuilder home(String region) {
            this.home = region;
            return this;
        }

        TrailBuilder singleRegion() {
            this.multiRegion = false;
            return this;
        }

        TrailBuilder organizationTrailOf(String account) {
            this.owner = account;
            this.organization = true;
            this.status = null;
            this.selectors = null;
            this.tags = null;
            return this;
        }

        TrailBuilder status(Collected<TrailStatus> value) {
            this.status = value;
            return this;
        }

        TrailBuilder selectors(Collected<EventSelectors> value) {
            this.selectors = value;
            return this;
        }

        TrailBuilder tags(Map<String, String> value) {
            this.tags = Collected.ok(value);
            return this;
        }

        TrailBuilder bare() {
            this.validation = false;
            this.kmsKeyId = null;
            this.logGroup = null;
            return this;
        }

        TrailRecord build() {
            return new TrailRecord(name, arn(home, owner, name), home, owner, multiRegion, organization, validation,
                    kmsKeyId, logGroup, bucket, status, selectors, tags);
        }
    }

    private static BucketRecord bucket(List<String> publicGrants, String policy, PublicAccessBlock block,
            String loggingTarget) {
        return new BucketRecord("trail-logs", Collected.ok(true), Collected.ok("eu-west-1"), Collected.ok(publicGrants),
                Collected.ok(Optional.ofNullable(policy)), Collected.ok(Optional.ofNullable(block)),
                Collected.ok(Optional.ofNullable(loggingTarget)));
    }

    private static final BucketRecord PRIVATE_BUCKET = bucket(List.of(), null,
            new PublicAccessBlock(true, true), "access-logs");

    /** No account-level Block Public Access, as S3 Control reports with NoSuchPublicAccessBlockConfiguration. */
    private static final Collected<Optional<PublicAccessBlock>> NO_ACCOUNT_BLOCK = Collected.ok(Optional.empty());

    private static CloudTrailInventory inventory(Map<String, AwsError> listErrors, Map<String, BucketRecord> buckets,
            TrailRecord... trails) {
        return new CloudTrailInventory(REGIONS, listErrors, List.of(trails), buckets, NO_ACCOUNT_BLOCK);
    }

    private static CloudTrailInventory inventory(BucketRecord bucket, Collected<Optional<PublicAccessBlock>> account) {
        return new CloudTrailInventory(REGIONS, Map.of(), List.of(trail("main").build()), Map.of("trail-logs", bucket),
                account);
    }

    private static CloudTrailInventory inventory(TrailRecord... trails) {
        return inventory(Map.of(), Map.of("trail-logs", PRIVATE_BUCKET), trails);
    }

    private static AwsError error(String operation, String code) {
        return new AwsError(operation, AwsErrorKind.ACCESS_DENIED, code, 400, null);
    }

    private List<Finding> evaluate(CloudTrailInventory inventory, String... controls) {
        return CloudTrailChecks.evaluate(inventory, controls.length == 0 ? ALL : Set.of(controls), findings, NOW);
    }

    private Finding only(CloudTrailInventory inventory, String control) {
        List<Finding> result = evaluate(inventory, control);
        assertThat(result).as(control + " findings").hasSize(1);
        return result.get(0);
    }

    @Test
    void compliantMultiRegionTrailPassesEverything() {
        List<Finding> result = evaluate(inventory(trail("main").build()));

        assertThat(result).hasSize(10).allSatisfy(finding -> assertThat(finding.status())
                .as(finding.controlId() + ": " + finding.message())
                .isIn(FindingStatus.PASS, FindingStatus.FAIL));
        assertThat(result).filteredOn(finding -> finding.status() == FindingStatus.FAIL)
                .extracting(Finding::controlId).containsExactlyInAnyOrder("S3.22", "S3.23");
        Finding management = result.get(0);
        assertThat(management.controlId()).isEqualTo("CloudTrail.1");
        assertThat(management.region()).isEqualTo("global");
        assertThat(management.resourceId()).isEqualTo("AWS::::Account:" + ACCOUNT);
        assertThat(management.message()).isEqualTo("Account 123456789012 has multi-Region trail main logging read "
                + "and write management events.");
    }

    @Test
    void trailLevelFindingsUseHomeRegion() {
        List<Finding> result = evaluate(inventory(trail("main").home("us-east-1").build()), "CloudTrail.2",
                "CloudTrail.4", "CloudTrail.9");

        assertThat(result).hasSize(3).allSatisfy(finding -> {
            assertThat(finding.region()).isEqualTo("us-east-1");
            assertThat(finding.resourceId()).isEqualTo(arn("us-east-1", ACCOUNT, "main"));
            assertThat(finding.resourceType()).isEqualTo("AWS::CloudTrail::Trail");
        });
    }

    @Test
    void singleRegionTrailOnlyCountsAsLogging() {
        CloudTrailInventory inventory = inventory(trail("local").singleRegion().selectors(null).build());

        Finding management = only(inventory, "CloudTrail.1");
        Finding logging = only(inventory, "CloudTrail.3");

        assertThat(management.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(management.message()).isEqualTo("Account 123456789012 has no multi-Region trail that is logging "
                + "and records read and write management events.");
        assertThat(management.evidence()).containsEntry("trails", List.of("local: single-Region trail"));
        assertThat(logging.status()).isEqualTo(FindingStatus.PASS);
        assertThat(logging.message()).isEqualTo("Account 123456789012 has trail local logging.");
    }

    @Test
    void stoppedTrailFailsBoth() {
        CloudTrailInventory inventory = inventory(trail("main")
                .status(Collected.ok(new TrailStatus(false, null, null))).build());

        Finding management = only(inventory, "CloudTrail.1");

        assertThat(management.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(management.evidence()).containsEntry("trails", List.of("main: not logging"));
        assertThat(only(inventory, "CloudTrail.3").message()).isEqualTo("Account 123456789012 has no CloudTrail trail "
                + "that is logging.");
    }

    @Test
    void writeOnlyManagementEventsFail() {
        EventSelectors writes = new EventSelectors(List.of(new Basic("WriteOnly", true, List.of(), List.of())),
                List.of());

        Finding management = only(inventory(trail("main").selectors(Collected.ok(writes)).build()), "CloudTrail.1");

        assertThat(management.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(management.evidence()).containsEntry("trails", List.of("main: records only write management events"));
    }

    @Test
    void excludedManagementSourcesFail() {
        EventSelectors excluding = new EventSelectors(List.of(new Basic("All", true, List.of("kms.amazonaws.com"),
                List.of())), List.of());

        Finding management = only(inventory(trail("main").selectors(Collected.ok(excluding)).build()), "CloudTrail.1");

        assertThat(management.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(management.evidence()).containsEntry("trails", List.of("main: records no management events, a basic "
                + "selector excludes management events from kms.amazonaws.com"));
    }

    @Test
    void organizationTrailOfManagementAccountCoversMember() {
        TrailRecord organization = trail("org").organizationTrailOf(MANAGEMENT_ACCOUNT).build();
        CloudTrailInventory inventory = inventory(Map.of(), Map.of(), organization);

        Finding management = only(inventory, "CloudTrail.1");
        Finding logging = only(inventory, "CloudTrail.3");
        Finding writes = only(inventory, "S3.22");
        Finding encryption = only(inventory, "CloudTrail.2");

        assertThat(management.status()).isEqualTo(FindingStatus.PASS);
        assertThat(management.message()).isEqualTo("Account 123456789012 is covered by organization trail org of "
                + "account 999999999999; that account's scan evaluates its logging and event selectors.");
        assertThat(management.evidence()).containsEntry("organizationTrail", arn("eu-west-1", MANAGEMENT_ACCOUNT, "org"))
                .containsEntry("ownerAccountId", MANAGEMENT_ACCOUNT);
        assertThat(logging.status()).isEqualTo(FindingStatus.PASS);
        assertThat(writes.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(encryption.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(encryption.region()).isEqualTo("eu-west-1");
        assertThat(encryption.resourceId()).isEqualTo(arn("eu-west-1", MANAGEMENT_ACCOUNT, "org"));
        assertThat(encryption.message()).isEqualTo("Trail org is an organization trail of account 999999999999; that "
                + "account's scan evaluates it.");
    }

    @Test
    void ownCompliantTrailWinsOverOrganizationTrail() {
        TrailRecord organization = trail("org").organizationTrailOf(MANAGEMENT_ACCOUNT).build();

        Finding writes = only(inventory(trail("main").selectors(Collected.ok(S3_WRITES)).build(), organization),
                "S3.22");

        assertThat(writes.status()).isEqualTo(FindingStatus.PASS);
        assertThat(writes.message()).isEqualTo("Account 123456789012 has multi-Region trail main logging S3 "
                + "object-level write events for all buckets.");
    }

    @Test
    void s3WritesWithoutReadsPassOnlyS3Point22() {
        CloudTrailInventory inventory = inventory(trail("main").selectors(Collected.ok(S3_WRITES)).build());

        assertThat(only(inventory, "S3.22").status()).isEqualTo(FindingStatus.PASS);
        Finding reads = only(inventory, "S3.23");
        assertThat(reads.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(reads.message()).isEqualTo("Account 123456789012 has no multi-Region trail that is logging and "
                + "records S3 object-level read events for all buckets.");
    }

    @Test
    void stoppedTrailWithS3SelectorsFailsS3Point22() {
        CloudTrailInventory inventory = inventory(trail("main").selectors(Collected.ok(S3_WRITES))
                .status(Collected.ok(new TrailStatus(false, null, null))).build());

        assertThat(only(inventory, "S3.22").status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void accountWithoutTrails() {
        List<Finding> result = evaluate(inventory());

        assertThat(result).hasSize(10);
        assertThat(result).filteredOn(finding -> finding.controlId().equals("CloudTrail.3")).singleElement()
                .satisfies(finding -> assertThat(finding.message()).isEqualTo("Account 123456789012 has no CloudTrail "
                        + "trails in regions eu-west-1, us-east-1."));
        assertThat(result).filteredOn(finding -> CloudTrailChecks.TRAIL_CONTROLS.contains(finding.controlId()))
                .hasSize(6).allSatisfy(finding -> {
                    assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
                    assertThat(finding.resourceId()).isEqualTo("AWS::::Account:" + ACCOUNT);
                    assertThat(finding.region()).isEqualTo("global");
                });
        assertThat(result).filteredOn(finding -> CloudTrailChecks.ACCOUNT_CONTROLS.contains(finding.controlId()))
                .allSatisfy(finding -> assertThat(finding.status()).isEqualTo(FindingStatus.FAIL));
    }

    @Test
    void noRegionListedIsErrorEverywhere() {
        AwsError denied = error("DescribeTrails", "AccessDeniedException");
        CloudTrailInventory inventory = inventory(Map.of("eu-west-1", denied, "us-east-1", denied), Map.of());

        List<Finding> result = evaluate(inventory);

        assertThat(result).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.evidence()).containsEntry("operation", "DescribeTrails");
        });
        assertThat(result).filteredOn(finding -> finding.controlId().equals("CloudTrail.2")).hasSize(2)
                .extracting(Finding::region).containsExactly("eu-west-1", "us-east-1");
        assertThat(result.get(0).message()).isEqualTo("CloudTrail trails of account 123456789012 could not be listed "
                + "in any region: DescribeTrails failed with AccessDeniedException.");
    }

    @Test
    void oneUnlistedRegionStillDecidesMultiRegionControls() {
        CloudTrailInventory inventory = inventory(Map.of("us-east-1", error("DescribeTrails", "AccessDeniedException")),
                Map.of(), trail("main").status(Collected.ok(new TrailStatus(false, null, null))).build());

        assertThat(only(inventory, "CloudTrail.1").status()).isEqualTo(FindingStatus.FAIL);
        // A single-Region trail of us-east-1 could be logging there.
        assertThat(only(inventory, "CloudTrail.3").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(evaluate(inventory, "CloudTrail.4")).extracting(Finding::status)
                .containsExactly(FindingStatus.PASS, FindingStatus.ERROR);
    }

    @Test
    void unreadableSelectorsOfOnlyCandidateIsError() {
        CloudTrailInventory inventory = inventory(trail("main")
                .selectors(Collected.failed(error("GetEventSelectors", "AccessDeniedException"))).build());

        Finding management = only(inventory, "CloudTrail.1");

        assertThat(management.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(management.message()).isEqualTo("Account 123456789012 could not be checked for a multi-Region trail "
                + "logging management events: GetEventSelectors of trail main failed with AccessDeniedException.");
    }

    @Test
    void bareTrailFailsEncryptionValidationAndLogs() {
        CloudTrailInventory inventory = inventory(trail("bare").bare().tags(Map.of("aws:cloudformation:stack-name",
                "x")).build());

        assertThat(only(inventory, "CloudTrail.2").message()).isEqualTo("Trail bare does not encrypt its log files "
                + "with a KMS key.");
        assertThat(only(inventory, "CloudTrail.4").message()).isEqualTo("Trail bare does not have log file integrity "
                + "validation enabled.");
        assertThat(only(inventory, "CloudTrail.5").message()).isEqualTo("Trail bare does not deliver to CloudWatch "
                + "Logs.");
        assertThat(only(inventory, "CloudTrail.9").message()).isEqualTo("Trail bare has no tags other than aws: system "
                + "tags.");
        assertThat(evaluate(inventory, "CloudTrail.2", "CloudTrail.4", "CloudTrail.5", "CloudTrail.9"))
                .allSatisfy(finding -> assertThat(finding.status()).isEqualTo(FindingStatus.FAIL));
    }

    private Finding delivery(Instant last, String error) {
        return only(inventory(trail("main").status(Collected.ok(new TrailStatus(true, last, error))).build()),
                "CloudTrail.5");
    }

    @Test
    void cloudWatchDeliveryAge() {
        Finding old = delivery(NOW.minusSeconds(25 * 3600), null);
        Finding recent = only(inventory(trail("main").build()), "CloudTrail.5");

        assertThat(old.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(old.message()).isEqualTo("Trail main last delivered to CloudWatch Logs log group cloudtrail at "
                + "2026-12-03T11:00:00Z, more than 24 hours before the scan.");
        assertThat(recent.status()).isEqualTo(FindingStatus.PASS);
        assertThat(recent.message()).isEqualTo("Trail main delivers to CloudWatch Logs log group cloudtrail.");
    }

    @Test
    void noDeliveryReportedYetPasses() {
        Finding none = delivery(null, null);

        assertThat(none.status()).isEqualTo(FindingStatus.PASS);
        assertThat(none.message()).isEqualTo("Trail main is set to deliver to CloudWatch Logs log group cloudtrail, "
                + "and CloudTrail reports no delivery yet.");
        assertThat(none.evidence()).containsEntry("latestCloudWatchLogsDeliveryTime", "none reported");
    }

    /** A trail whose CloudWatch Logs role is broken reports an error and no delivery time. */
    @Test
    void deliveryErrorWithoutDeliveryFails() {
        Finding finding = delivery(null, "AccessDeniedException");

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Trail main reports no delivery to CloudWatch Logs log group "
                + "cloudtrail and the delivery error AccessDeniedException.");
        assertThat(finding.evidence()).containsEntry("latestCloudWatchLogsDeliveryError", "AccessDeniedException");
    }

    @Test
    void deliveryErrorAfterOldDeliveryFails() {
        Finding finding = delivery(NOW.minusSeconds(48 * 3600), "AccessDeniedException");

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Trail main last delivered to CloudWatch Logs log group cloudtrail at "
                + "2026-12-02T12:00:00Z, more than 24 hours before the scan, and reports the delivery error "
                + "AccessDeniedException.");
    }

    @Test
    void deliveryErrorAfterRecentDeliveryPasses() {
        Finding finding = delivery(NOW.minusSeconds(3600), "ThrottlingException");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("latestCloudWatchLogsDeliveryError", "ThrottlingException");
    }

    @Test
    void unreadableStatusWithLogGroupIsError() {
        Finding finding = only(inventory(trail("main")
                .status(Collected.failed(error("GetTrailStatus", "AccessDeniedException"))).build()), "CloudTrail.5");

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
    }

    @Test
    void privateBucketPasses() {
        Finding access = only(inventory(trail("main").build()), "CloudTrail.6");
        Finding logging = only(inventory(trail("main").build()), "CloudTrail.7");

        assertThat(access.status()).isEqualTo(FindingStatus.PASS);
        assertThat(access.message()).isEqualTo("The S3 bucket trail-logs of trail main is not publicly accessible.");
        assertThat(logging.status()).isEqualTo(FindingStatus.PASS);
        assertThat(logging.message()).isEqualTo("The S3 bucket trail-logs of trail main logs server access to bucket "
                + "access-logs.");
    }

    @Test
    void publicAclWithoutBlockFails() {
        BucketRecord bucket = bucket(List.of("AllUsers:READ"), null, null, null);

        Finding access = only(inventory(Map.of(), Map.of("trail-logs", bucket), trail("main").build()), "CloudTrail.6");
        Finding logging = only(inventory(Map.of(), Map.of("trail-logs", bucket), trail("main").build()), "CloudTrail.7");

        assertThat(access.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(access.message()).isEqualTo("The S3 bucket trail-logs of trail main is publicly accessible: its ACL "
                + "grants AllUsers:READ.");
        assertThat(logging.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(logging.message()).isEqualTo("The S3 bucket trail-logs of trail main does not have server access "
                + "logging enabled.");
    }

    @Test
    void blockPublicAccessNeutralizesGrantsAndPolicy() {
        String publicPolicy = "{\"Statement\":[{\"Sid\":\"Open\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::trail-logs/*\"}]}";
        BucketRecord blocked = bucket(List.of("AuthenticatedUsers:READ"), publicPolicy,
                new PublicAccessBlock(true, true), null);
        BucketRecord aclsIgnoredOnly = bucket(List.of("AuthenticatedUsers:READ"), publicPolicy,
                new PublicAccessBlock(true, false), null);

        Finding pass = only(inventory(Map.of(), Map.of("trail-logs", blocked), trail("main").build()), "CloudTrail.6");
        Finding fail = only(inventory(Map.of(), Map.of("trail-logs", aclsIgnoredOnly), trail("main").build()),
                "CloudTrail.6");

        assertThat(pass.status()).isEqualTo(FindingStatus.PASS);
        assertThat(fail.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(fail.message()).isEqualTo("The S3 bucket trail-logs of trail main is publicly accessible: its policy "
                + "allows public access in statement Open.");
    }

    /** Amazon S3 applies IgnorePublicAcls when the account turns it on, whatever the bucket sets. */
    @Test
    void accountBlockNeutralizesPublicAcl() {
        BucketRecord bucket = bucket(List.of("AllUsers:READ"), null, null, null);
        Collected<Optional<PublicAccessBlock>> account = Collected.ok(Optional.of(new PublicAccessBlock(true, true)));

        Finding finding = only(inventory(bucket, account), "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("The S3 bucket trail-logs of trail main is not publicly accessible: "
                + "IgnorePublicAcls on the account neutralizes the ACL grants AllUsers:READ.");
        assertThat(finding.evidence()).containsEntry("ignorePublicAcls", true)
                .containsEntry("bucketPublicAccessBlock", "not set")
                .containsEntry("accountPublicAccessBlock", "IgnorePublicAcls=true, RestrictPublicBuckets=true");
    }

    @Test
    void accountAndBucketSettingsCombine() {
        String publicPolicy = "{\"Statement\":[{\"Sid\":\"Open\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::trail-logs/*\"}]}";
        BucketRecord bucket = bucket(List.of("AllUsers:READ"), publicPolicy, new PublicAccessBlock(true, false), null);
        Collected<Optional<PublicAccessBlock>> account = Collected.ok(Optional.of(new PublicAccessBlock(false, true)));

        Finding finding = only(inventory(bucket, account), "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("The S3 bucket trail-logs of trail main is not publicly accessible: "
                + "IgnorePublicAcls on the bucket neutralizes the ACL grants AllUsers:READ, and RestrictPublicBuckets "
                + "on the account neutralizes the public policy statement Open.");
    }

    @Test
    void accountBlockWithoutRestrictLeavesPolicyPublic() {
        String publicPolicy = "{\"Statement\":[{\"Sid\":\"Open\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::trail-logs/*\"}]}";
        BucketRecord bucket = bucket(List.of(), publicPolicy, null, null);
        Collected<Optional<PublicAccessBlock>> account = Collected.ok(Optional.of(new PublicAccessBlock(true, false)));

        Finding finding = only(inventory(bucket, account), "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("restrictPublicBuckets", false);
    }

    @Test
    void deniedAccountBlockWithPublicAclIsError() {
        BucketRecord bucket = bucket(List.of("AllUsers:READ"), null, null, null);
        Collected<Optional<PublicAccessBlock>> account = Collected.failed(error("GetPublicAccessBlock",
                "AccessDenied"));

        Finding finding = only(inventory(bucket, account), "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("The S3 bucket trail-logs of trail main could not be checked for public "
                + "access: S3 Control GetPublicAccessBlock for the account failed with AccessDenied.");
        assertThat(finding.evidence()).containsEntry("operation", "GetPublicAccessBlock")
                .containsEntry("errorCode", "AccessDenied");
    }

    @Test
    void deniedAccountBlockDoesNotMatterWithoutExposure() {
        Collected<Optional<PublicAccessBlock>> account = Collected.failed(error("GetPublicAccessBlock",
                "AccessDenied"));

        Finding finding = only(inventory(bucket(List.of(), null, null, "access-logs"), account), "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("accountPublicAccessBlock", "unreadable: AccessDenied");
    }

    @Test
    void deniedAclDoesNotMatterWhenIgnored() {
        BucketRecord bucket = new BucketRecord("trail-logs", Collected.ok(true), Collected.ok("eu-west-1"),
                Collected.failed(error("GetBucketAcl", "AccessDenied")), Collected.ok(Optional.empty()),
                Collected.ok(Optional.empty()), Collected.ok(Optional.empty()));
        Collected<Optional<PublicAccessBlock>> account = Collected.ok(Optional.of(new PublicAccessBlock(true, false)));

        assertThat(only(inventory(bucket, account), "CloudTrail.6").status()).isEqualTo(FindingStatus.PASS);
    }

    /** Amazon S3 counts a policy limited to a set of CIDRs with aws:SourceIp as not public. */
    @Test
    void sourceIpLimitedPolicyPasses() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OfficeRead\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::trail-logs/*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}]}";

        Finding finding = only(inventory(bucket(List.of(), policy, null, null), NO_ACCOUNT_BLOCK), "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("The S3 bucket trail-logs of trail main is not publicly accessible.");
    }

    @Test
    void cloudTrailServicePolicyIsNotPublic() {
        String policy = "{\"Statement\":[{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":"
                + "\"arn:aws:s3:::trail-logs/AWSLogs/123456789012/*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceArn\":\"arn:aws:cloudtrail:eu-west-1:123456789012:trail/main\"}}}]}";

        Finding finding = only(inventory(Map.of(), Map.of("trail-logs", bucket(List.of(), policy, null, null)),
                trail("main").build()), "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("policyPresent", true);
    }

    @Test
    void bucketOfOtherAccountIsNotApplicable() {
        BucketRecord elsewhere = new BucketRecord("trail-logs", Collected.ok(false), null, null, null, null, null);

        Finding finding = only(inventory(Map.of(), Map.of("trail-logs", elsewhere), trail("main").build()),
                "CloudTrail.7");

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.message()).isEqualTo("The S3 bucket trail-logs of trail main is not in account 123456789012; "
                + "check it in the account that owns it.");
    }

    @Test
    void unlistableBucketsAreErrors() {
        BucketRecord unknown = new BucketRecord("trail-logs", Collected.failed(error("ListBuckets", "AccessDenied")),
                null, null, null, null, null);

        Finding finding = only(inventory(Map.of(), Map.of("trail-logs", unknown), trail("main").build()),
                "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("The S3 bucket trail-logs of trail main could not be checked for public "
                + "access: ListBuckets failed with AccessDenied.");
    }

    @Test
    void deniedAclWithoutKnownExposureIsError() {
        BucketRecord bucket = new BucketRecord("trail-logs", Collected.ok(true), Collected.ok("eu-west-1"),
                Collected.failed(error("GetBucketAcl", "AccessDenied")), Collected.ok(Optional.empty()),
                Collected.ok(Optional.empty()), Collected.ok(Optional.empty()));

        Finding finding = only(inventory(Map.of(), Map.of("trail-logs", bucket), trail("main").build()),
                "CloudTrail.6");

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "GetBucketAcl");
    }

    @Test
    void taskWithoutRegionsIsError() {
        CloudTrailInventory inventory = new CloudTrailInventory(List.of(), Map.of(), List.of(), Map.of(), null);

        List<Finding> result = CloudTrailChecks.evaluate(inventory, Set.of("CloudTrail.1", "CloudTrail.2"), findings,
                NOW);

        assertThat(result).hasSize(2).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.evidence()).containsEntry("errorCode", "NoAccountRegions");
        });
    }

    @Test
    void disabledControlsGiveNoFindings() {
        assertThat(CloudTrailChecks.evaluate(inventory(trail("main").build()), new HashSet<>(), findings, NOW))
                .isEmpty();
    }
}
