package dev.sonda.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.testkit.proxy.FaultRule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.s3.S3Client;

/** The CloudTrail delivery fixture against moto behind the proxy. */
class TrailMotoGapsTest extends ProxiedMotoTestBase {

    private static final String ACCOUNT = "555500000002";

    private static GetTrailStatusResponse trailStatus(String name) {
        try (S3Client s3 = AwsTestClients.client(S3Client.builder().forcePathStyle(true), proxy.endpoint(), ACCOUNT,
                Region.US_EAST_1);
                CloudTrailClient cloudTrail = AwsTestClients.client(CloudTrailClient.builder(), proxy.endpoint(),
                        ACCOUNT, Region.US_EAST_1)) {
            s3.createBucket(request -> request.bucket(name + "-logs"));
            cloudTrail.createTrail(request -> request.name(name).s3BucketName(name + "-logs")
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + name + ":*")
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + ACCOUNT + ":role/" + name));
            cloudTrail.startLogging(request -> request.name(name));
            return cloudTrail.getTrailStatus(request -> request.name(name));
        }
    }

    @Test
    void motoReportsNoCloudWatchLogsDelivery() {
        // The gap the fixture fills: AWS reports when a trail last delivered to its log group.
        GetTrailStatusResponse status = trailStatus("plain");

        assertThat(status.isLogging()).isTrue();
        assertThat(status.latestCloudWatchLogsDeliveryTime()).isNull();
        assertThat(status.latestCloudWatchLogsDeliveryError()).isNull();
    }

    @Test
    void deliveryFixtureSetsTimeAndError() {
        FaultRule rule = proxy.addRule(MotoGaps.cloudWatchLogsDelivery(ACCOUNT, Duration.ofHours(30),
                "AccessDeniedException"));
        Instant before = Instant.now();

        GetTrailStatusResponse status = trailStatus("failing");

        assertThat(status.isLogging()).isTrue();
        assertThat(status.latestCloudWatchLogsDeliveryTime()).isBetween(before.minus(Duration.ofHours(30))
                .minusSeconds(1), Instant.now().minus(Duration.ofHours(30)));
        assertThat(status.latestCloudWatchLogsDeliveryError()).isEqualTo("AccessDeniedException");
        assertThat(rule.hits()).isEqualTo(1);
    }

    @Test
    void deliveryFixtureWithoutDelivery() {
        proxy.addRule(MotoGaps.cloudWatchLogsDelivery(ACCOUNT, null, "AccessDeniedException"));

        GetTrailStatusResponse status = trailStatus("never");

        assertThat(status.latestCloudWatchLogsDeliveryTime()).isNull();
        assertThat(status.latestCloudWatchLogsDeliveryError()).isEqualTo("AccessDeniedException");
    }
}
