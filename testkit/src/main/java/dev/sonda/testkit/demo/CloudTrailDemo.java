package dev.sonda.testkit.demo;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailRequest;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The CloudTrail part of the demo estate (CloudTrail.1-7, CloudTrail.9, S3.22, S3.23). It runs
 * before the monitoring part, which builds its CIS alarm chain on acme-prod's trail here. A trail
 * that exists is left as it is, and the other calls overwrite, so a second run changes nothing.
 *
 * <table>
 *   <caption>Contents</caption>
 *   <tr><th>Account</th><th>Trail</th></tr>
 *   <tr><td>111111111111 acme-prod</td>
 *       <td>acme-organization-trail, home us-east-1: multi-Region organization trail, logging,
 *           advanced selectors for all management events and S3 object events, log file validation,
 *           a KMS key with rotation, log group acme-cloudtrail with a delivery 5 minutes before each
 *           GetTrailStatus (fixture), tag owner=security. Its bucket
 *           111111111111-cloudtrail (us-east-1) has a CloudTrail-only policy, Block Public Access
 *           and server access logging.</td></tr>
 *   <tr><td>222222222222 acme-dev</td>
 *       <td>dev-trail, home eu-west-1: single-Region, logging, default selectors, no KMS key, no
 *           validation, no log group, no tags. Its bucket 222222222222-dev-trail has a public-read
 *           ACL and no access logging.</td></tr>
 *   <tr><td>333333333333 globex-prod</td>
 *       <td>globex-trail, home eu-west-1: multi-Region, never started, default selectors
 *           (fixture), log file validation, a KMS key, tag owner=platform, no log group. Its bucket
 *           globex-log-archive-trail belongs to globex's log archive account 444455556666, which
 *           Sonda does not scan.</td></tr>
 * </table>
 */
public final class CloudTrailDemo implements DemoPart {

    /** The account that owns globex's trail bucket; the inventory does not list it. */
    static final String GLOBEX_LOG_ARCHIVE = "444455556666";

    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailDemo.class);
    private static final String ACME_PROD = DemoEstate.ACME_PROD.id();
    private static final String ACME_DEV = DemoEstate.ACME_DEV.id();
    private static final String GLOBEX = DemoEstate.GLOBEX_PROD.id();
    private static final String BUCKET_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AWSCloudTrailAclCheck","Effect":"Allow",
            "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
            "Resource":"arn:aws:s3:::%1$s",
            "Condition":{"StringEquals":{"aws:SourceArn":"%2$s"}}},
            {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
            "Action":"s3:PutObject","Resource":"arn:aws:s3:::%1$s/AWSLogs/%3$s/*",
            "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"%2$s"}}}]}""";

    @Override
    public void create(URI motoEndpoint) {
        createAcmeProd(motoEndpoint);
        createAcmeDev(motoEndpoint);
        createGlobex(motoEndpoint);
        LOG.info("Demo CloudTrail estate created in accounts {}, {} and {}", ACME_PROD, ACME_DEV, GLOBEX);
    }

    @Override
    public List<FaultRule> fixtures() {
        // AWS gives every trail a default selector; moto gives new trails none. AWS also reports when a
        // trail last delivered to CloudWatch Logs; moto never does.
        return List.of(MotoGaps.defaultEventSelectors(null),
                MotoGaps.cloudWatchLogsDelivery(ACME_PROD, Duration.ofMinutes(5), null));
    }

    private static void createAcmeProd(URI endpoint) {
        String region = "us-east-1";
        String name = "acme-organization-trail";
        String trailArn = "arn:aws:cloudtrail:" + region + ":" + ACME_PROD + ":trail/" + name;
        String bucket = ACME_PROD + "-cloudtrail";
        String accessLogs = ACME_PROD + "-s3-access-logs";
        String logGroup = "acme-cloudtrail";

        ConfigDemo.createBucket(endpoint, ACME_PROD, region, bucket);
        // S3 server access logs need the log delivery group's WRITE and READ_ACP grants on the target.
        ConfigDemo.createBucket(endpoint, ACME_PROD, region, accessLogs, "log-delivery-write");
        try (S3Client s3 = s3(endpoint, ACME_PROD, region)) {
            s3.putBucketPolicy(request -> request.bucket(bucket)
                    .policy(BUCKET_POLICY.formatted(bucket, trailArn, ACME_PROD)));
            s3.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(block -> block
                    .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
            s3.putBucketLogging(request -> request.bucket(bucket).bucketLoggingStatus(status -> status
                    .loggingEnabled(logging -> logging.targetBucket(accessLogs).targetPrefix(bucket + "/"))));
        }

        String keyArn;
        try (KmsClient kms = KmsDemo.kms(endpoint, ACME_PROD, region)) {
            var key = KmsDemo.ensureKey(kms, "Encrypts CloudTrail logs of " + name, request -> { });
            KmsDemo.rotated(kms, key, "alias/acme-cloudtrail");
            keyArn = key.arn();
        }
        try (CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), endpoint, ACME_PROD,
                Region.of(region))) {
            logs.createLogGroup(request -> request.logGroupName(logGroup));
        } catch (ResourceAlreadyExistsException e) {
            LOG.debug("Log group {} exists in account {}", logGroup, ACME_PROD);
        }

        try (CloudTrailClient cloudTrail = cloudTrail(endpoint, ACME_PROD, region)) {
            createTrail(cloudTrail, CreateTrailRequest.builder().name(name).s3BucketName(bucket)
                    .isMultiRegionTrail(true).isOrganizationTrail(true).enableLogFileValidation(true).kmsKeyId(keyArn)
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:" + region + ":" + ACME_PROD + ":log-group:" + logGroup
                            + ":*")
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + ACME_PROD + ":role/CloudTrailToCloudWatchLogs")
                    .tagsList(tag -> tag.key("owner").value("security"))
                    .build());
            cloudTrail.putEventSelectors(request -> request.trailName(name).advancedEventSelectors(
                    selector("Management events", field("eventCategory", "Management")),
                    selector("S3 object events", field("eventCategory", "Data"),
                            field("resources.type", "AWS::S3::Object"))));
            cloudTrail.startLogging(request -> request.name(name));
        }
    }

    private static void createAcmeDev(URI endpoint) {
        String region = "eu-west-1";
        String bucket = ACME_DEV + "-dev-trail";
        ConfigDemo.createBucket(endpoint, ACME_DEV, region, bucket, "public-read");
        try (CloudTrailClient cloudTrail = cloudTrail(endpoint, ACME_DEV, region)) {
            createTrail(cloudTrail, CreateTrailRequest.builder().name("dev-trail").s3BucketName(bucket).build());
            cloudTrail.startLogging(request -> request.name("dev-trail"));
        }
    }

    private static void createGlobex(URI endpoint) {
        String region = "eu-west-1";
        String bucket = "globex-log-archive-trail";
        ConfigDemo.createBucket(endpoint, GLOBEX_LOG_ARCHIVE, region, bucket);
        String keyArn;
        try (KmsClient kms = KmsDemo.kms(endpoint, GLOBEX, region)) {
            keyArn = KmsDemo.ensureKey(kms, "Encrypts globex invoices", request -> { }).arn();
        }
        try (CloudTrailClient cloudTrail = cloudTrail(endpoint, GLOBEX, region)) {
            createTrail(cloudTrail, CreateTrailRequest.builder().name("globex-trail").s3BucketName(bucket)
                    .isMultiRegionTrail(true).enableLogFileValidation(true).kmsKeyId(keyArn)
                    .tagsList(tag -> tag.key("owner").value("platform"))
                    .build());
        }
    }

    /** Creates the trail unless the region already has a trail of that name; moto would replace it. */
    private static void createTrail(CloudTrailClient cloudTrail, CreateTrailRequest request) {
        boolean exists = cloudTrail.describeTrails(describe -> describe.trailNameList(request.name()))
                .trailList().stream().anyMatch(trail -> trail.name().equals(request.name()));
        if (!exists) {
            cloudTrail.createTrail(request);
        }
    }

    private static AdvancedEventSelector selector(String name, AdvancedFieldSelector... fields) {
        return AdvancedEventSelector.builder().name(name).fieldSelectors(fields).build();
    }

    private static AdvancedFieldSelector field(String field, String value) {
        return AdvancedFieldSelector.builder().field(field).equalsValue(value).build();
    }

    private static S3Client s3(URI endpoint, String account, String region) {
        return AwsTestClients.client(S3Client.builder().forcePathStyle(true), endpoint, account, Region.of(region));
    }

    private static CloudTrailClient cloudTrail(URI endpoint, String account, String region) {
        return AwsTestClients.client(CloudTrailClient.builder(), endpoint, account, Region.of(region));
    }
}
