package dev.sonda.testkit.demo;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The AWS Config part of the demo estate (Config.1 and Config.RecordingAllRegions). Configuration
 * recorders, delivery channels and recorder starts are upserts, so a second run changes nothing.
 *
 * <p>globex-prod's us-east-1 recorder shows the difference between the two controls: its custom
 * role fails Config.1 there, while Config.RecordingAllRegions, which requires no particular role,
 * passes in that region. Both controls fail for the account as a whole because of eu-west-1.
 *
 * <table>
 *   <caption>Contents</caption>
 *   <tr><th>Account</th><th>eu-west-1</th><th>us-east-1</th></tr>
 *   <tr><td>111111111111 acme-prod</td>
 *       <td>Recorder with the service-linked role, all supported types and global IAM resources,
 *           delivery channel, recording.</td>
 *       <td>The same without global IAM resources.</td></tr>
 *   <tr><td>222222222222 acme-dev</td>
 *       <td>No recorder.</td>
 *       <td>No recorder.</td></tr>
 *   <tr><td>333333333333 globex-prod</td>
 *       <td>Recorder as in acme-prod's eu-west-1, but its last status is FAILURE with AccessDenied
 *           (fixture).</td>
 *       <td>Recorder with role config-recorder instead of the service-linked role, all supported
 *           types, delivery channel, recording.</td></tr>
 * </table>
 */
public final class ConfigDemo implements DemoPart {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigDemo.class);
    private static final String ACME_PROD = DemoEstate.ACME_PROD.id();
    private static final String GLOBEX = DemoEstate.GLOBEX_PROD.id();

    @Override
    public void create(URI motoEndpoint) {
        recorder(motoEndpoint, ACME_PROD, "eu-west-1", serviceLinkedRole(ACME_PROD), true);
        recorder(motoEndpoint, ACME_PROD, "us-east-1", serviceLinkedRole(ACME_PROD), false);
        recorder(motoEndpoint, GLOBEX, "eu-west-1", serviceLinkedRole(GLOBEX), true);
        recorder(motoEndpoint, GLOBEX, "us-east-1", "arn:aws:iam::" + GLOBEX + ":role/config-recorder", false);
        LOG.info("Demo AWS Config estate created in accounts {} and {}", ACME_PROD, GLOBEX);
    }

    @Override
    public List<FaultRule> fixtures() {
        return List.of(MotoGaps.configRecorderFailed(GLOBEX, "eu-west-1", "AccessDenied"));
    }

    static String serviceLinkedRole(String account) {
        return "arn:aws:iam::" + account + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
    }

    /** Creates a recording recorder of all supported types with a delivery channel to its own bucket. */
    private static void recorder(URI endpoint, String account, String region, String roleArn,
            boolean includeGlobalResourceTypes) {
        String bucket = account + "-config-" + region;
        createBucket(endpoint, account, region, bucket);
        try (ConfigClient config = AwsTestClients.client(ConfigClient.builder(), endpoint, account,
                Region.of(region))) {
            config.putConfigurationRecorder(request -> request.configurationRecorder(recorder -> recorder
                    .name("default")
                    .roleARN(roleArn)
                    .recordingGroup(group -> group.allSupported(true)
                            .includeGlobalResourceTypes(includeGlobalResourceTypes))));
            config.putDeliveryChannel(request -> request.deliveryChannel(channel -> channel.name("default")
                    .s3BucketName(bucket)));
            config.startConfigurationRecorder(request -> request.configurationRecorderName("default"));
        }
    }

    static void createBucket(URI endpoint, String account, String region, String bucket) {
        createBucket(endpoint, account, region, bucket, null);
    }

    /**
     * Creates a bucket unless the account owns it already.
     *
     * @param cannedAcl a canned ACL such as {@code public-read}, or {@code null}; set at creation,
     *     because moto 5.2.1 rejects a PutBucketAcl without a body with HTTP 411 when the client
     *     sends no Content-Length
     */
    static void createBucket(URI endpoint, String account, String region, String bucket, String cannedAcl) {
        try (S3Client s3 = AwsTestClients.client(S3Client.builder().forcePathStyle(true), endpoint, account,
                Region.of(region))) {
            s3.createBucket(request -> request.bucket(bucket).acl(cannedAcl).createBucketConfiguration(configuration ->
                    configuration.locationConstraint(region.equals("us-east-1") ? null : region)));
        } catch (BucketAlreadyOwnedByYouException e) {
            LOG.debug("Bucket {} exists in account {}", bucket, account);
        }
    }
}
