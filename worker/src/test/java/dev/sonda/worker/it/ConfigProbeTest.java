package dev.sonda.worker.it;

import static dev.sonda.worker.it.TestTasks.globalTask;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.findings;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.RecordingGroup;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Config.1 and Config.RecordingAllRegions through the worker: a global task that reads every region
 * the account lists, with one finding per region and one account-level finding for each control.
 * moto never reports a failed recorder, so that state comes from MotoGaps.configRecorderFailed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class ConfigProbeTest extends ProxiedTestBase {

    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");

    private static String serviceLinkedRole(String account) {
        return "arn:aws:iam::" + account + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
    }

    /** Creates a recorder, optionally with a delivery channel, and starts it when asked. */
    private void recorder(String account, String region, String roleArn, RecordingGroup group, boolean channel,
            boolean start) {
        try (ConfigClient config = AwsTestClients.client(ConfigClient.builder(), proxy.endpoint(), account,
                Region.of(region))) {
            config.putConfigurationRecorder(request -> request.configurationRecorder(recorder -> recorder
                    .name("default").roleARN(roleArn).recordingGroup(group)));
            if (channel) {
                String bucket = "config-" + account + "-" + region;
                try (S3Client s3 = AwsTestClients.client(S3Client.builder().forcePathStyle(true), proxy.endpoint(),
                        account, Region.of(region))) {
                    s3.createBucket(request -> request.bucket(bucket).createBucketConfiguration(configuration ->
                            configuration.locationConstraint(region.equals("us-east-1") ? null : region)));
                }
                config.putDeliveryChannel(request -> request.deliveryChannel(delivery -> delivery.name("default")
                        .s3BucketName(bucket)));
            }
            if (start) {
                config.startConfigurationRecorder(request -> request.configurationRecorderName("default"));
            }
        }
    }

    private static RecordingGroup allSupported(boolean includeGlobal) {
        return RecordingGroup.builder().allSupported(true).includeGlobalResourceTypes(includeGlobal).build();
    }

    private static Finding inRegion(ProbeResult result, String region) {
        return inRegion(result, "Config.1", region);
    }

    private static Finding inRegion(ProbeResult result, String controlId, String region) {
        return findings(result, controlId).stream().filter(f -> f.region().equals(region)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + controlId + " finding in " + region + ": "
                        + result.findings()));
    }

    @Test
    void compliantRegionAndMissingRecorder() {
        String account = "310000000021";
        recorder(account, "eu-west-1", serviceLinkedRole(account), allSupported(true), true, true);
        proxy.clearRequests();

        ProbeResult result = run(globalTask(account, "config", REGIONS));

        assertOnlyCatalogActions(proxy, account, "config");
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.region()).isEqualTo("global");
        assertThat(findings(result, "Config.1")).extracting(Finding::region)
                .containsExactly("eu-west-1", "us-east-1", "global");
        Finding ireland = inRegion(result, "eu-west-1");
        assertThat(ireland.status()).isEqualTo(FindingStatus.PASS);
        assertThat(ireland.message()).isEqualTo("AWS Config records all supported resource types in region eu-west-1 "
                + "of account " + account + " with the service-linked role and delivers them through delivery channel "
                + "default.");
        Finding virginia = inRegion(result, "us-east-1");
        assertThat(virginia.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(virginia.message()).isEqualTo("AWS Config has no configuration recorder in region us-east-1 of "
                + "account " + account + ".");
        Finding global = inRegion(result, "global");
        assertThat(global.status()).isEqualTo(FindingStatus.PASS);
        assertThat(global.message()).isEqualTo("AWS Config records the global IAM resources of account " + account
                + " in region eu-west-1.");
        assertThat(proxy.requests()).filteredOn(exchange -> account.equals(exchange.account())
                && "config".equals(exchange.service())).extracting(exchange -> exchange.region())
                .containsOnly("eu-west-1", "us-east-1");
        assertThat(findings(result, "Config.RecordingAllRegions"))
                .extracting(finding -> finding.region() + " " + finding.status())
                .containsExactly("eu-west-1 PASS", "us-east-1 FAIL", "global PASS");
        // Both controls share the calls: three per region.
        assertThat(proxy.requestCount("config", null, account)).isEqualTo(6);
    }

    @Test
    void customRoleFailsConfigOneOnly() {
        String account = "310000000025";
        recorder(account, "eu-west-1", "arn:aws:iam::" + account + ":role/config-recorder", allSupported(true), true,
                true);
        recorder(account, "us-east-1", "arn:aws:iam::" + account + ":role/config-recorder", allSupported(false), true,
                true);

        ProbeResult result = run(globalTask(account, "config", REGIONS));

        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        Finding configOne = inRegion(result, "Config.1", "eu-west-1");
        assertThat(configOne.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(configOne.evidence()).containsEntry("problems", List.of("recorder default uses role arn:aws:iam::"
                + account + ":role/config-recorder instead of the service-linked role AWSServiceRoleForConfig"));
        Finding cis = inRegion(result, "Config.RecordingAllRegions", "eu-west-1");
        assertThat(cis.status()).isEqualTo(FindingStatus.PASS);
        assertThat(cis.message()).isEqualTo("AWS Config records all supported resource types in region eu-west-1 of "
                + "account " + account + " and delivers them through delivery channel default.");
        assertThat(inRegion(result, "Config.RecordingAllRegions", "us-east-1").status()).isEqualTo(FindingStatus.PASS);
        assertThat(inRegion(result, "Config.RecordingAllRegions", "global").status()).isEqualTo(FindingStatus.PASS);
        assertThat(inRegion(result, "Config.1", "global").status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void failedAndStoppedRecordersFail() {
        String account = "310000000022";
        recorder(account, "eu-west-1", "arn:aws:iam::" + account + ":role/config-recorder", allSupported(false), true,
                true);
        recorder(account, "us-east-1", serviceLinkedRole(account), allSupported(true), true, false);
        addRule(MotoGaps.configRecorderFailed(account, "eu-west-1", "AccessDenied"));

        ProbeResult result = run(globalTask(account, "config", REGIONS));

        Finding ireland = inRegion(result, "eu-west-1");
        assertThat(ireland.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(ireland.message()).isEqualTo("AWS Config in region eu-west-1 of account " + account + " does not "
                + "meet Config.1: recorder default has last status FAILURE (AccessDenied); recorder default uses role "
                + "arn:aws:iam::" + account + ":role/config-recorder instead of the service-linked role "
                + "AWSServiceRoleForConfig.");
        Finding virginia = inRegion(result, "us-east-1");
        assertThat(virginia.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(virginia.evidence()).containsEntry("problems", List.of("recorder default is not recording"));
        // us-east-1 would record global resources, but its recorder is stopped.
        assertThat(inRegion(result, "global").status()).isEqualTo(FindingStatus.FAIL);
        Finding cisIreland = inRegion(result, "Config.RecordingAllRegions", "eu-west-1");
        assertThat(cisIreland.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(cisIreland.evidence()).containsEntry("problems",
                List.of("recorder default has last status FAILURE (AccessDenied)"));
        assertThat(inRegion(result, "Config.RecordingAllRegions", "us-east-1").status())
                .isEqualTo(FindingStatus.FAIL);
        assertThat(inRegion(result, "Config.RecordingAllRegions", "global").status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void deniedRegionIsError() {
        String account = "310000000023";
        addRule(MotoGaps.scpDenies(account, "config", "DescribeConfigurationRecorders", "us-east-1"));

        ProbeResult result = run(globalTask(account, "config", REGIONS));

        Finding virginia = inRegion(result, "us-east-1");
        assertThat(virginia.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(virginia.evidence()).containsEntry("operation", "DescribeConfigurationRecorders")
                .containsEntry("errorCode", "AccessDeniedException");
        assertThat(inRegion(result, "eu-west-1").status()).isEqualTo(FindingStatus.FAIL);
        assertThat(inRegion(result, "global").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(inRegion(result, "Config.RecordingAllRegions", "us-east-1").status())
                .isEqualTo(FindingStatus.ERROR);
        assertThat(inRegion(result, "Config.RecordingAllRegions", "global").status()).isEqualTo(FindingStatus.ERROR);
    }

    @Test
    void disabledControlsAreNotApplicableWithoutCalls() {
        String account = "310000000024";
        proxy.clearRequests();

        ProbeResult result = run(globalTask(account, "config", REGIONS,
                new DisabledControl("Config.1", "Config is run by the customer's landing zone."),
                new DisabledControl("Config.RecordingAllRegions", "Config is run by the customer's landing zone.")));

        assertThat(result.findings()).extracting(Finding::controlId)
                .containsExactlyInAnyOrder("Config.1", "Config.RecordingAllRegions");
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(f.evidence()).containsEntry("disabledBy", "inventory");
        });
        assertThat(proxy.requestCount("config", null, account)).isZero();
    }

    @Test
    void disabledConfigOneLeavesCisCheck() {
        String account = "310000000026";
        recorder(account, "eu-west-1", serviceLinkedRole(account), allSupported(true), true, true);

        ProbeResult result = run(globalTask(account, "config", REGIONS,
                new DisabledControl("Config.1", "Security Hub evaluates Config.1 for this account.")));

        assertThat(findings(result, "Config.1")).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.NOT_APPLICABLE));
        assertThat(findings(result, "Config.RecordingAllRegions"))
                .extracting(finding -> finding.region() + " " + finding.status())
                .containsExactly("eu-west-1 PASS", "us-east-1 FAIL", "global PASS");
    }
}
