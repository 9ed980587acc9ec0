package dev.sonda.worker.it;

import static dev.sonda.worker.it.TestTasks.globalTask;
import static dev.sonda.worker.it.WorkerTestSupport.assertFinding;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.finding;
import static dev.sonda.worker.it.WorkerTestSupport.findings;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.proxy.ProxiedExchange;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import dev.sonda.worker.aws.AwsClients;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The cloudtrail probe through the worker: one global task per account that lists trails in every
 * region, keeps each trail once, and reads it in its home region. moto gives new trails no event
 * selectors and cannot show another account's organization trail; MotoGaps fixtures supply both.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class CloudTrailProbeTest extends ProxiedTestBase {

    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");

    private S3Client s3(String account, String region) {
        return AwsTestClients.client(S3Client.builder().forcePathStyle(true), proxy.endpoint(), account,
                Region.of(region));
    }

    private S3ControlClient s3Control(String account) {
        // S3 Control puts the account id in the host name unless its endpoint provider is replaced.
        return AwsTestClients.client(S3ControlClient.builder()
                .endpointProvider(AwsClients.overriddenS3ControlEndpoint(proxy.endpoint())), proxy.endpoint(),
                account, Region.US_EAST_1);
    }

    private CloudTrailClient cloudTrail(String account, String region) {
        return AwsTestClients.client(CloudTrailClient.builder(), proxy.endpoint(), account, Region.of(region));
    }

    private void bucket(String account, String region, String name) {
        try (S3Client s3 = s3(account, region)) {
            s3.createBucket(request -> request.bucket(name).createBucketConfiguration(configuration ->
                    configuration.locationConstraint(region.equals("us-east-1") ? null : region)));
        }
    }

    private static String trailArn(String region, String account, String name) {
        return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
    }

    private static ProbeResult scan(String account, DisabledControl... disabled) {
        return run(globalTask(account, "cloudtrail", REGIONS, disabled));
    }

    private static AdvancedEventSelector selector(String name, AdvancedFieldSelector... fields) {
        return AdvancedEventSelector.builder().name(name).fieldSelectors(fields).build();
    }

    private static AdvancedFieldSelector field(String field, String value) {
        return AdvancedFieldSelector.builder().field(field).equalsValue(value).build();
    }

    @Test
    void multiRegionAndSingleRegionTrails() {
        String account = "310000000031";
        bucket(account, "eu-west-1", "ct-31-logs");
        bucket(account, "eu-west-1", "ct-31-access");
        bucket(account, "us-east-1", "ct-31-public");
        try (S3Client s3 = s3(account, "eu-west-1")) {
            s3.putBucketAcl(request -> request.bucket("ct-31-access").acl("log-delivery-write"));
            s3.putBucketLogging(request -> request.bucket("ct-31-logs").bucketLoggingStatus(status -> status
                    .loggingEnabled(logging -> logging.targetBucket("ct-31-access").targetPrefix("ct-31-logs/"))));
            s3.putPublicAccessBlock(request -> request.bucket("ct-31-logs").publicAccessBlockConfiguration(block ->
                    block.blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true)
                            .restrictPublicBuckets(true)));
        }
        try (S3Client s3 = s3(account, "us-east-1")) {
            s3.putBucketAcl(request -> request.bucket("ct-31-public").acl(BucketCannedACL.PUBLIC_READ));
        }
        try (CloudTrailClient trails = cloudTrail(account, "eu-west-1")) {
            trails.createTrail(CreateTrailRequest.builder().name("main").s3BucketName("ct-31-logs")
                    .isMultiRegionTrail(true).enableLogFileValidation(true)
                    .kmsKeyId("arn:aws:kms:eu-west-1:" + account + ":key/4d1f2a50-1111-2222-3333-444455556666")
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:eu-west-1:" + account + ":log-group:cloudtrail:*")
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + account + ":role/cloudtrail-logs")
                    .tagsList(tag -> tag.key("owner").value("security")).build());
            trails.putEventSelectors(request -> request.trailName("main").advancedEventSelectors(
                    selector("Management events", field("eventCategory", "Management")),
                    selector("S3 objects", field("eventCategory", "Data"), field("resources.type", "AWS::S3::Object"))));
            trails.startLogging(request -> request.name("main"));
        }
        try (CloudTrailClient trails = cloudTrail(account, "us-east-1")) {
            trails.createTrail(request -> request.name("local").s3BucketName("ct-31-public"));
        }
        proxy.clearRequests();

        ProbeResult result = scan(account);

        assertOnlyCatalogActions(proxy, account, "cloudtrail");
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        String main = trailArn("eu-west-1", account, "main");
        String local = trailArn("us-east-1", account, "local");
        String accountResource = "AWS::::Account:" + account;
        assertFinding(only(result, "CloudTrail.1"), "CloudTrail.1", "PASS", accountResource, "Account " + account
                + " has multi-Region trail main logging read and write management events.");
        assertThat(only(result, "CloudTrail.1").region()).isEqualTo("global");
        assertThat(only(result, "CloudTrail.3").status()).isEqualTo(FindingStatus.PASS);
        assertFinding(only(result, "S3.22"), "S3.22", "PASS", accountResource, "Account " + account
                + " has multi-Region trail main logging S3 object-level write events for all buckets.");
        assertThat(only(result, "S3.23").status()).isEqualTo(FindingStatus.PASS);

        // main shows in both regions (us-east-1 lists its shadow copy) and is evaluated once, in eu-west-1.
        for (String control : List.of("CloudTrail.2", "CloudTrail.4", "CloudTrail.5", "CloudTrail.6", "CloudTrail.7",
                "CloudTrail.9")) {
            assertThat(findings(result, control)).as(control).hasSize(2);
            Finding good = finding(result, control, main, "eu-west-1");
            assertThat(good.status()).as(control + ": " + good.message()).isEqualTo(FindingStatus.PASS);
            Finding bad = finding(result, control, local, "us-east-1");
            assertThat(bad.status()).as(control + ": " + bad.message()).isEqualTo(FindingStatus.FAIL);
        }
        assertThat(finding(result, "CloudTrail.6", local, "us-east-1").message()).isEqualTo("The S3 bucket "
                + "ct-31-public of trail local is publicly accessible: its ACL grants AllUsers:READ.");
        assertThat(finding(result, "CloudTrail.7", main, "eu-west-1").message()).isEqualTo("The S3 bucket ct-31-logs "
                + "of trail main logs server access to bucket ct-31-access.");
        // moto reports no CloudWatch Logs delivery, so the trail passes without a claim that it delivers.
        assertThat(finding(result, "CloudTrail.5", main, "eu-west-1").message()).isEqualTo("Trail main is set to "
                + "deliver to CloudWatch Logs log group cloudtrail, and CloudTrail reports no delivery yet.");
        assertThat(proxy.requests()).filteredOn(exchange -> account.equals(exchange.account())
                && "GetEventSelectors".equals(exchange.operation()))
                .singleElement().satisfies(exchange -> assertThat(exchange.region()).isEqualTo("eu-west-1"));
    }

    /** A public bucket that account-level Block Public Access neutralizes, read through S3 Control. */
    @Test
    void accountLevelBlockPublicAccessCounts() {
        String account = "310000000037";
        bucket(account, "eu-west-1", "ct-37-logs");
        try (S3Client s3 = s3(account, "eu-west-1")) {
            s3.putBucketAcl(request -> request.bucket("ct-37-logs").acl(BucketCannedACL.PUBLIC_READ));
        }
        try (S3ControlClient s3Control = s3Control(account)) {
            s3Control.putPublicAccessBlock(request -> request.accountId(account).publicAccessBlockConfiguration(
                    block -> block.blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true)
                            .restrictPublicBuckets(true)));
        }
        try (CloudTrailClient trails = cloudTrail(account, "eu-west-1")) {
            trails.createTrail(request -> request.name("main").s3BucketName("ct-37-logs").isMultiRegionTrail(true)
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:eu-west-1:" + account + ":log-group:cloudtrail:*")
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + account + ":role/cloudtrail-logs"));
            trails.startLogging(request -> request.name("main"));
        }
        FaultRule delivery = addRule(MotoGaps.cloudWatchLogsDelivery(account, null, "AccessDeniedException"));
        proxy.clearRequests();

        ProbeResult result = scan(account);

        assertOnlyCatalogActions(proxy, account, "cloudtrail");
        String main = trailArn("eu-west-1", account, "main");
        assertFinding(only(result, "CloudTrail.6"), "CloudTrail.6", "PASS", main, "The S3 bucket ct-37-logs of trail "
                + "main is not publicly accessible: IgnorePublicAcls on the account neutralizes the ACL grants "
                + "AllUsers:READ.");
        assertThat(only(result, "CloudTrail.6").evidence()).containsEntry("bucketPublicAccessBlock", "not set");
        assertThat(proxy.requests()).filteredOn(exchange -> account.equals(exchange.account()))
                .extracting(ProxiedExchange::action)
                .containsOnlyOnce("s3:GetAccountPublicAccessBlock");
        assertThat(delivery.hits()).isEqualTo(1);
        assertFinding(only(result, "CloudTrail.5"), "CloudTrail.5", "FAIL", main, "Trail main reports no delivery to "
                + "CloudWatch Logs log group cloudtrail and the delivery error AccessDeniedException.");
    }

    @Test
    void deniedAccountBlockPublicAccessIsError() {
        String account = "310000000038";
        bucket(account, "eu-west-1", "ct-38-logs");
        try (S3Client s3 = s3(account, "eu-west-1")) {
            s3.putBucketAcl(request -> request.bucket("ct-38-logs").acl(BucketCannedACL.PUBLIC_READ));
        }
        try (CloudTrailClient trails = cloudTrail(account, "eu-west-1")) {
            trails.createTrail(request -> request.name("main").s3BucketName("ct-38-logs"));
        }
        FaultRule denied = addRule(MotoGaps.scpDeniesAccountPublicAccessBlock(account));

        ProbeResult result = scan(account);

        assertThat(denied.hits()).isEqualTo(1);
        Finding finding = only(result, "CloudTrail.6");
        assertFinding(finding, "CloudTrail.6", "ERROR", trailArn("eu-west-1", account, "main"), "The S3 bucket "
                + "ct-38-logs of trail main could not be checked for public access: S3 Control GetPublicAccessBlock "
                + "for the account failed with AccessDenied.");
        assertThat(finding.evidence()).containsEntry("errorCode", "AccessDenied");
    }

    /** moto returns a basic selector as it was put, so IncludeManagementEvents stays absent: AWS's default is true. */
    @Test
    void basicSelectorWithoutIncludeManagementEventsCounts() {
        String account = "310000000039";
        bucket(account, "eu-west-1", "ct-39-logs");
        try (CloudTrailClient trails = cloudTrail(account, "eu-west-1")) {
            trails.createTrail(request -> request.name("main").s3BucketName("ct-39-logs").isMultiRegionTrail(true));
            trails.putEventSelectors(request -> request.trailName("main").eventSelectors(selector -> selector
                    .readWriteType("All")));
            trails.startLogging(request -> request.name("main"));
        }

        ProbeResult result = scan(account);

        assertFinding(only(result, "CloudTrail.1"), "CloudTrail.1", "PASS", "AWS::::Account:" + account, "Account "
                + account + " has multi-Region trail main logging read and write management events.");
    }

    @Test
    void defaultSelectorsAndBucketOfAnotherAccount() {
        String account = "310000000032";
        bucket("310000000031", "eu-west-1", "ct-32-central-logs");
        try (CloudTrailClient trails = cloudTrail(account, "us-east-1")) {
            trails.createTrail(request -> request.name("audit").s3BucketName("ct-32-central-logs")
                    .isMultiRegionTrail(true));
            trails.startLogging(request -> request.name("audit"));
        }
        FaultRule selectors = addRule(MotoGaps.defaultEventSelectors(account));

        ProbeResult result = scan(account);

        assertThat(selectors.hits()).isEqualTo(1);
        assertThat(only(result, "CloudTrail.1").status()).isEqualTo(FindingStatus.PASS);
        assertFinding(only(result, "S3.22"), "S3.22", "FAIL", "AWS::::Account:" + account, "Account " + account
                + " has no multi-Region trail that is logging and records S3 object-level write events for all "
                + "buckets.");
        String audit = trailArn("us-east-1", account, "audit");
        for (String control : List.of("CloudTrail.6", "CloudTrail.7")) {
            assertFinding(only(result, control), control, "NOT_APPLICABLE", audit, "The S3 bucket ct-32-central-logs "
                    + "of trail audit is not in account " + account + "; check it in the account that owns it.");
        }
        assertThat(proxy.requests()).filteredOn(exchange -> account.equals(exchange.account())
                && "s3".equals(exchange.service()))
                .extracting(ProxiedExchange::action).containsExactly("s3:ListAllMyBuckets");
    }

    @Test
    void organizationTrailCoversMemberAccount() {
        String account = "310000000033";
        String owner = "310000000030";
        addRule(MotoGaps.organizationTrail(account, owner, "eu-west-1", "organization", "org-cloudtrail-logs"));
        proxy.clearRequests();

        ProbeResult result = scan(account);

        assertFinding(only(result, "CloudTrail.1"), "CloudTrail.1", "PASS", "AWS::::Account:" + account, "Account "
                + account + " is covered by organization trail organization of account " + owner + "; that account's "
                + "scan evaluates its logging and event selectors.");
        assertThat(only(result, "CloudTrail.3").status()).isEqualTo(FindingStatus.PASS);
        assertThat(only(result, "S3.22").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        String organization = trailArn("eu-west-1", owner, "organization");
        assertFinding(only(result, "CloudTrail.2"), "CloudTrail.2", "NOT_APPLICABLE", organization, "Trail "
                + "organization is an organization trail of account " + owner + "; that account's scan evaluates it.");
        assertThat(only(result, "CloudTrail.2").region()).isEqualTo("eu-west-1");
        assertThat(proxy.requests()).filteredOn(exchange -> account.equals(exchange.account()))
                .extracting(ProxiedExchange::action)
                .containsOnly("sts:GetCallerIdentity", "cloudtrail:DescribeTrails");
    }

    @Test
    void accountWithoutTrails() {
        String account = "310000000034";

        ProbeResult result = scan(account);

        assertThat(result.findings()).hasSize(10);
        assertFinding(only(result, "CloudTrail.3"), "CloudTrail.3", "FAIL", "AWS::::Account:" + account, "Account "
                + account + " has no CloudTrail trails in regions eu-west-1, us-east-1.");
        assertThat(only(result, "CloudTrail.4").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void deniedListingIsErrorEverywhere() {
        String account = "310000000035";
        addRule(MotoGaps.scpDenies(account, "cloudtrail", "DescribeTrails", null));

        ProbeResult result = scan(account);

        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.evidence()).containsEntry("operation", "DescribeTrails")
                    .containsEntry("errorCode", "AccessDeniedException");
        });
    }

    @Test
    void disabledControlsAreNotApplicableWithoutCalls() {
        String account = "310000000036";
        proxy.clearRequests();
        String reason = "Logging is centralized in the audit account.";

        ProbeResult result = scan(account, List.of("CloudTrail.1", "CloudTrail.2", "CloudTrail.3", "CloudTrail.4",
                "CloudTrail.5", "CloudTrail.6", "CloudTrail.7", "CloudTrail.9", "S3.22", "S3.23").stream()
                .map(id -> new DisabledControl(id, reason)).toArray(DisabledControl[]::new));

        assertThat(result.findings()).hasSize(10).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(finding.evidence()).containsEntry("disabledBy", "inventory");
        });
        assertThat(proxy.requestCount("cloudtrail", null, account)).isZero();
    }
}
