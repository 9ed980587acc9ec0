package dev.sonda.testkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.s3.S3Client;

/** The Access Analyzer, Config, KMS and CloudTrail parts of the demo estate, created twice in one moto server. */
class TrailsDemoTest {

    private static final String ACME_PROD = DemoEstate.ACME_PROD.id();
    private static final String ACME_DEV = DemoEstate.ACME_DEV.id();
    private static final String GLOBEX = DemoEstate.GLOBEX_PROD.id();

    private static MotoServer moto;

    @BeforeAll
    static void createTwice() {
        moto = MotoServer.start();
        for (int run = 0; run < 2; run++) {
            new AccessAnalyzerDemo().create(moto.endpoint());
            new ConfigDemo().create(moto.endpoint());
            new KmsDemo().create(moto.endpoint());
            new CloudTrailDemo().create(moto.endpoint());
        }
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    private static KmsClient kms(String account, String region) {
        return AwsTestClients.client(KmsClient.builder(), moto.endpoint(), account, Region.of(region));
    }

    private static List<KeyMetadata> keys(String account, String region) {
        try (KmsClient kms = kms(account, region)) {
            return kms.listKeys().keys().stream()
                    .map(key -> kms.describeKey(request -> request.keyId(key.keyId())).keyMetadata())
                    .toList();
        }
    }

    private static List<Trail> ownTrails(String account, String region) {
        try (CloudTrailClient cloudTrail = AwsTestClients.client(CloudTrailClient.builder(), moto.endpoint(), account,
                Region.of(region))) {
            return cloudTrail.describeTrails(request -> request.includeShadowTrails(false)).trailList();
        }
    }

    @Test
    void keysCreatedOnce() {
        assertThat(keys(ACME_PROD, "eu-west-1")).extracting(KeyMetadata::description).containsExactlyInAnyOrder(
                "Encrypts acme order data", "Signs acme release manifests", KmsDemo.AWS_MANAGED_DESCRIPTION);
        assertThat(keys(ACME_PROD, "us-east-1")).extracting(KeyMetadata::description)
                .containsExactly("Encrypts CloudTrail logs of acme-organization-trail");
        assertThat(keys(ACME_DEV, "eu-west-1")).extracting(KeyMetadata::keyStateAsString)
                .containsExactlyInAnyOrder("Enabled", "PendingDeletion");
        assertThat(keys(ACME_DEV, "us-east-1")).isEmpty();
        assertThat(keys(GLOBEX, "eu-west-1")).hasSize(1);
        assertThat(keys(GLOBEX, "us-east-1")).hasSize(1);
    }

    @Test
    void rotationAsDescribed() {
        try (KmsClient kms = kms(ACME_DEV, "eu-west-1")) {
            String scratch = kms.describeKey(request -> request.keyId("alias/dev-scratch")).keyMetadata().keyId();
            assertThat(kms.getKeyRotationStatus(request -> request.keyId(scratch)).keyRotationEnabled()).isFalse();
        }
        try (KmsClient kms = kms(GLOBEX, "us-east-1")) {
            String reports = kms.describeKey(request -> request.keyId("alias/globex-reports")).keyMetadata().keyId();
            assertThat(kms.getKeyRotationStatus(request -> request.keyId(reports)).keyRotationEnabled()).isTrue();
        }
    }

    @Test
    void trailsCreatedOnce() {
        assertThat(ownTrails(ACME_PROD, "us-east-1")).singleElement().satisfies(trail -> {
            assertThat(trail.name()).isEqualTo("acme-organization-trail");
            assertThat(trail.isMultiRegionTrail()).isTrue();
            assertThat(trail.isOrganizationTrail()).isTrue();
            assertThat(trail.cloudWatchLogsLogGroupArn()).contains(":log-group:acme-cloudtrail:");
        });
        assertThat(ownTrails(ACME_PROD, "eu-west-1")).isEmpty();
        assertThat(ownTrails(ACME_DEV, "eu-west-1")).extracting(Trail::name).containsExactly("dev-trail");
        assertThat(ownTrails(GLOBEX, "eu-west-1")).extracting(Trail::name).containsExactly("globex-trail");
        try (CloudTrailClient cloudTrail = AwsTestClients.client(CloudTrailClient.builder(), moto.endpoint(), ACME_PROD,
                Region.US_EAST_1)) {
            assertThat(cloudTrail.getTrailStatus(request -> request.name("acme-organization-trail")).isLogging())
                    .isTrue();
            assertThat(cloudTrail.getEventSelectors(request -> request.trailName("acme-organization-trail"))
                    .advancedEventSelectors()).hasSize(2);
        }
    }

    @Test
    void devTrailBucketIsPublic() {
        try (S3Client s3 = AwsTestClients.client(S3Client.builder().forcePathStyle(true), moto.endpoint(), ACME_DEV,
                Region.EU_WEST_1)) {
            assertThat(s3.getBucketAcl(request -> request.bucket(ACME_DEV + "-dev-trail")).grants())
                    .anySatisfy(grant -> assertThat(grant.grantee().uri()).endsWith("/global/AllUsers"));
        }
    }

    @Test
    void globexTrailBucketBelongsToAnotherAccount() {
        try (S3Client s3 = AwsTestClients.client(S3Client.builder().forcePathStyle(true), moto.endpoint(), GLOBEX,
                Region.EU_WEST_1)) {
            assertThat(s3.listBuckets().buckets()).noneMatch(bucket -> bucket.name().equals("globex-log-archive-trail"));
        }
    }

    @Test
    void recordersAsDescribed() {
        try (ConfigClient config = AwsTestClients.client(ConfigClient.builder(), moto.endpoint(), GLOBEX,
                Region.US_EAST_1)) {
            assertThat(config.describeConfigurationRecorders().configurationRecorders()).singleElement()
                    .satisfies(recorder -> assertThat(recorder.roleARN()).endsWith(":role/config-recorder"));
            assertThat(config.describeConfigurationRecorderStatus().configurationRecordersStatus()).singleElement()
                    .satisfies(status -> assertThat(status.recording()).isTrue());
        }
        try (ConfigClient config = AwsTestClients.client(ConfigClient.builder(), moto.endpoint(), ACME_DEV,
                Region.EU_WEST_1)) {
            assertThat(config.describeConfigurationRecorders().configurationRecorders()).isEmpty();
        }
    }

    @Test
    void fixturesPerPart() {
        assertThat(new AccessAnalyzerDemo().fixtures()).hasSize(6);
        assertThat(new ConfigDemo().fixtures()).hasSize(1);
        assertThat(new KmsDemo().fixtures()).hasSize(2);
        assertThat(new CloudTrailDemo().fixtures()).hasSize(2);
    }
}
