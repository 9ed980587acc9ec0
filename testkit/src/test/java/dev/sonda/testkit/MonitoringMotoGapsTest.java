package dev.sonda.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sonda.testkit.proxy.FaultRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.AutomatedDiscoveryStatus;
import software.amazon.awssdk.services.macie2.model.GetMacieSessionResponse;
import software.amazon.awssdk.services.macie2.model.Invitation;
import software.amazon.awssdk.services.macie2.model.MacieStatus;
import software.amazon.awssdk.services.macie2.model.RelationshipStatus;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.StandardsSubscription;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/** The SNS, Security Hub and Macie fixtures against moto behind the proxy. */
class MonitoringMotoGapsTest extends ProxiedMotoTestBase {

    private static final String ACCOUNT = "555500000001";
    private static final String FSBP = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0";

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return AwsTestClients.client(builder, proxy.endpoint(), ACCOUNT, Region.EU_WEST_1);
    }

    @Test
    void motoConfirmsEverySubscription() {
        // The gap the fixture fills: AWS keeps an email subscription pending until the address confirms it.
        try (SnsClient sns = client(SnsClient.builder())) {
            String topic = sns.createTopic(request -> request.name("confirmed-at-once")).topicArn();
            sns.subscribe(request -> request.topicArn(topic).protocol("email").endpoint("soc@example.com"));

            List<Subscription> subscriptions = sns.listSubscriptionsByTopic(request -> request.topicArn(topic))
                    .subscriptions();

            assertThat(subscriptions).singleElement().satisfies(subscription ->
                    assertThat(subscription.subscriptionArn()).startsWith("arn:aws:sns:"));
        }
    }

    @Test
    void pendingSubscriptionsFixtureAffectsOnlyItsTopic() {
        try (SnsClient sns = client(SnsClient.builder())) {
            String pending = sns.createTopic(request -> request.name("pending-alerts")).topicArn();
            String other = sns.createTopic(request -> request.name("other-alerts")).topicArn();
            for (String topic : List.of(pending, other)) {
                sns.subscribe(request -> request.topicArn(topic).protocol("email").endpoint("soc@example.com"));
            }
            FaultRule rule = proxy.addRule(MotoGaps.snsSubscriptionsPendingConfirmation(ACCOUNT, pending));

            List<Subscription> pendingSubscriptions = sns.listSubscriptionsByTopic(request -> request.topicArn(pending))
                    .subscriptions();
            List<Subscription> otherSubscriptions = sns.listSubscriptionsByTopic(request -> request.topicArn(other))
                    .subscriptions();

            assertThat(pendingSubscriptions).singleElement().satisfies(subscription -> {
                assertThat(subscription.subscriptionArn()).isEqualTo("PendingConfirmation");
                assertThat(subscription.topicArn()).isEqualTo(pending);
            });
            assertThat(otherSubscriptions).singleElement().satisfies(subscription ->
                    assertThat(subscription.subscriptionArn()).startsWith("arn:aws:sns:"));
            assertThat(rule.hits()).isEqualTo(1);
        }
    }

    @Test
    void securityHubStandardsFixture() {
        proxy.addRule(MotoGaps.securityHubStandards(ACCOUNT, "eu-west-1", FSBP));

        try (SecurityHubClient securityHub = client(SecurityHubClient.builder())) {
            List<StandardsSubscription> standards = securityHub.getEnabledStandards(request -> { })
                    .standardsSubscriptions();

            assertThat(standards).singleElement().satisfies(standard -> {
                assertThat(standard.standardsArn()).isEqualTo(FSBP);
                assertThat(standard.standardsStatusAsString()).isEqualTo("READY");
                assertThat(standard.standardsSubscriptionArn()).isEqualTo("arn:aws:securityhub:eu-west-1:" + ACCOUNT
                        + ":subscription/aws-foundational-security-best-practices/v/1.0.0");
            });
        }
    }

    @Test
    void macieNotEnabledFixture() {
        proxy.addRule(MotoGaps.macieNotEnabled(ACCOUNT, "eu-west-1"));

        try (Macie2Client macie = client(Macie2Client.builder())) {
            AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                    () -> macie.getMacieSession(request -> { }));

            assertThat(error.statusCode()).isEqualTo(403);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Macie is not enabled.");
        }
    }

    @Test
    void motoMacieSessionIsUnreadable() {
        // The gap the fixture fills: moto's timestamps have no time zone, and the SDK rejects them.
        try (Macie2Client macie = client(Macie2Client.builder())) {
            SdkClientException error = catchThrowableOfType(SdkClientException.class,
                    () -> macie.getMacieSession(request -> { }));

            assertThat(error).hasMessageContaining("Unable to unmarshall response");
        }
    }

    @Test
    void macieSessionFixture() {
        proxy.addRule(MotoGaps.macieSession(ACCOUNT, "eu-west-1", "PAUSED"));

        try (Macie2Client macie = client(Macie2Client.builder())) {
            GetMacieSessionResponse session = macie.getMacieSession(request -> { });

            assertThat(session.status()).isEqualTo(MacieStatus.PAUSED);
            assertThat(session.createdAt()).isNotNull();
        }
    }

    @Test
    void macieSessionFixtureForEveryAccount() {
        proxy.addRule(MotoGaps.macieSession(null, null, "ENABLED"));

        try (Macie2Client macie = AwsTestClients.client(Macie2Client.builder(), proxy.endpoint(), "555500000002",
                Region.US_EAST_1)) {
            assertThat(macie.getMacieSession(request -> { }).status()).isEqualTo(MacieStatus.ENABLED);
        }
    }

    @Test
    void macieAutomatedDiscoveryFixture() {
        proxy.addRule(MotoGaps.macieAutomatedDiscovery(ACCOUNT, "eu-west-1", "DISABLED"));

        try (Macie2Client macie = client(Macie2Client.builder())) {
            assertThat(macie.getAutomatedDiscoveryConfiguration(request -> { }).status())
                    .isEqualTo(AutomatedDiscoveryStatus.DISABLED);
        }
    }

    @Test
    void macieAdministratorFixture() {
        proxy.addRule(MotoGaps.macieAdministrator(ACCOUNT, "eu-west-1", "555500000009"));

        try (Macie2Client macie = client(Macie2Client.builder())) {
            Invitation administrator = macie.getAdministratorAccount(request -> { }).administrator();

            assertThat(administrator.accountId()).isEqualTo("555500000009");
            assertThat(administrator.relationshipStatus()).isEqualTo(RelationshipStatus.ENABLED);
        }
    }

    @Test
    void restJsonOperationsAreNamed() {
        try (Macie2Client macie = client(Macie2Client.builder());
                SecurityHubClient securityHub = client(SecurityHubClient.builder())) {
            proxy.addRule(MotoGaps.macieSession(ACCOUNT, null, "ENABLED"));
            proxy.clearRequests();
            macie.getMacieSession(request -> { });
            macie.getAdministratorAccount(request -> { });
            catchThrowableOfType(AwsServiceException.class, () -> securityHub.describeHub(request -> { }));

            assertThat(proxy.requests()).extracting(exchange -> exchange.service() + ":" + exchange.operation())
                    .contains("macie2:GetMacieSession", "macie2:GetAdministratorAccount", "securityhub:DescribeHub");
        }
    }
}
