package dev.sonda.testkit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoServer;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.MacieStatus;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;

class MonitoringDemoTest {

    private static final String ACME_PROD = DemoEstate.ACME_PROD.id();
    private static final String ACME_DEV = DemoEstate.ACME_DEV.id();
    private static final String GLOBEX = DemoEstate.GLOBEX_PROD.id();

    private static MotoServer moto;

    @BeforeAll
    static void createTwice() {
        moto = MotoServer.start();
        new MonitoringDemo().create(moto.endpoint());
        new MonitoringDemo().create(moto.endpoint());
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    private static Region region(String name) {
        return Region.of(name);
    }

    @Test
    void acmeProdHasOneChainPerActivity() {
        Region region = region(MonitoringDemo.TRAIL_REGION);
        try (CloudTrailClient cloudTrail = AwsTestClients.client(CloudTrailClient.builder(), moto.endpoint(), ACME_PROD,
                region);
                CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), moto.endpoint(),
                        ACME_PROD, region);
                CloudWatchClient cloudWatch = AwsTestClients.client(CloudWatchClient.builder(), moto.endpoint(),
                        ACME_PROD, region);
                SnsClient sns = AwsTestClients.client(SnsClient.builder(), moto.endpoint(), ACME_PROD, region)) {
            List<Trail> trails = cloudTrail.describeTrails(request -> { }).trailList();
            assertThat(trails).singleElement().satisfies(trail -> {
                assertThat(trail.name()).isEqualTo(MonitoringDemo.TRAIL_NAME);
                assertThat(trail.isMultiRegionTrail()).isTrue();
                assertThat(trail.logFileValidationEnabled()).isTrue();
                assertThat(trail.kmsKeyId()).startsWith("arn:aws:kms:us-east-1:" + ACME_PROD + ":key/");
            });
            assertThat(cloudTrail.getTrailStatus(request -> request.name(MonitoringDemo.TRAIL_NAME)).isLogging()).isTrue();
            assertThat(logs.describeMetricFilters(request -> request.logGroupName(MonitoringDemo.TRAIL_NAME))
                    .metricFilters()).hasSize(15);
            assertThat(cloudWatch.describeAlarms(request -> request.alarmNamePrefix("cis-")).metricAlarms()).hasSize(15);
            String topic = "arn:aws:sns:us-east-1:" + ACME_PROD + ":" + MonitoringDemo.TOPIC_NAME;
            assertThat(sns.listSubscriptionsByTopic(request -> request.topicArn(topic)).subscriptions()).hasSize(1);
        }
    }

    @Test
    void otherAccountsHaveNoFilters() {
        for (String account : List.of(ACME_DEV, GLOBEX)) {
            try (CloudWatchClient cloudWatch = AwsTestClients.client(CloudWatchClient.builder(), moto.endpoint(),
                    account, region("us-east-1"))) {
                assertThat(cloudWatch.describeAlarms(request -> request.alarmNamePrefix("cis-")).metricAlarms())
                        .as(account).isEmpty();
            }
        }
    }

    @Test
    void flowLogsAreCreatedOnce() {
        for (String region : DemoEstate.REGIONS) {
            try (Ec2Client ec2 = AwsTestClients.client(Ec2Client.builder(), moto.endpoint(), ACME_PROD, region(region))) {
                assertThat(ec2.describeFlowLogs(request -> { }).flowLogs()).as(region).hasSize(1);
            }
        }
        try (Ec2Client ec2 = AwsTestClients.client(Ec2Client.builder(), moto.endpoint(), GLOBEX, region("us-east-1"))) {
            assertThat(ec2.describeVpcs(request -> { }).vpcs()).isEmpty();
        }
    }

    @Test
    void securityHubIsEnabledWhereExpected() {
        try (SecurityHubClient acmeProd = AwsTestClients.client(SecurityHubClient.builder(), moto.endpoint(), ACME_PROD,
                region("eu-west-1"));
                SecurityHubClient acmeDev = AwsTestClients.client(SecurityHubClient.builder(), moto.endpoint(),
                        ACME_DEV, region("eu-west-1"))) {
            assertThat(acmeProd.describeHub(request -> { }).hubArn()).endsWith(":hub/default");
            AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                    () -> acmeDev.describeHub(request -> { }));
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessException");
        }
    }

    @Test
    void macieFixturesApply() {
        List<FaultRule> fixtures = new MonitoringDemo().fixtures();
        try (FaultProxy proxy = FaultProxy.start(moto.endpoint())) {
            proxy.addRules(fixtures);
            try (Macie2Client acmeDevEurope = AwsTestClients.client(Macie2Client.builder(), proxy.endpoint(), ACME_DEV,
                    region("eu-west-1"));
                    Macie2Client acmeDevUs = AwsTestClients.client(Macie2Client.builder(), proxy.endpoint(), ACME_DEV,
                            region("us-east-1"));
                    Macie2Client globex = AwsTestClients.client(Macie2Client.builder(), proxy.endpoint(), GLOBEX,
                            region("eu-west-1"))) {
                AwsServiceException notEnabled = catchThrowableOfType(AwsServiceException.class,
                        () -> acmeDevEurope.getMacieSession(request -> { }));
                assertThat(notEnabled.awsErrorDetails().errorMessage()).isEqualTo("Macie is not enabled.");
                assertThat(acmeDevUs.getMacieSession(request -> { }).status()).isEqualTo(MacieStatus.PAUSED);
                assertThat(globex.getMacieSession(request -> { }).status()).isEqualTo(MacieStatus.ENABLED);
                assertThat(globex.getAutomatedDiscoveryConfiguration(request -> { }).statusAsString())
                        .isEqualTo("DISABLED");
            }
        }
    }
}
