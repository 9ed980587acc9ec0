package dev.sonda.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sonda.testkit.proxy.FaultRule;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class MotoGapsTest extends ProxiedMotoTestBase {

    private static Map<String, Integer> accountSummary(String account) {
        try (IamClient iam = AwsTestClients.client(IamClient.builder(), proxy.endpoint(), account, Region.US_EAST_1)) {
            return iam.getAccountSummary().summaryMapAsStrings();
        }
    }

    @Test
    void motoLacksRootState() {
        // The gap the fixtures fill. If moto starts to report these, the fixtures may be unnecessary.
        Map<String, Integer> summary = accountSummary("444444444444");

        assertThat(summary).containsEntry("AccountMFAEnabled", 0);
        assertThat(summary).doesNotContainKey("AccountPasswordPresent");
    }

    @Test
    void rootMfaEnabledFixture() {
        FaultRule rule = proxy.addRule(MotoGaps.rootMfaEnabled("111111111111"));

        Map<String, Integer> summary = accountSummary("111111111111");

        assertThat(summary).containsEntry("AccountMFAEnabled", 1);
        assertThat(summary).containsEntry("AccountPasswordPresent", 1);
        assertThat(summary).containsEntry("AccountAccessKeysPresent", 0);
        assertThat(summary).containsKey("UsersQuota");
        assertThat(rule.hits()).isEqualTo(1);
    }

    @Test
    void rootMfaDisabledFixture() {
        proxy.addRule(MotoGaps.rootMfaDisabled("222222222222"));

        Map<String, Integer> summary = accountSummary("222222222222");

        assertThat(summary).containsEntry("AccountMFAEnabled", 0);
        assertThat(summary).containsEntry("AccountPasswordPresent", 1);
    }

    @Test
    void rootWithoutCredentialsFixture() {
        proxy.addRule(MotoGaps.rootWithoutCredentials("333333333333"));

        Map<String, Integer> summary = accountSummary("333333333333");

        assertThat(summary).containsEntry("AccountPasswordPresent", 0);
        assertThat(summary).containsEntry("AccountAccessKeysPresent", 0);
        assertThat(summary).containsEntry("AccountSigningCertificatesPresent", 0);
        assertThat(summary).containsEntry("AccountMFAEnabled", 0);
    }

    @Test
    void fixtureKeepsOtherAccounts() {
        proxy.addRule(MotoGaps.rootMfaEnabled("111111111111"));

        Map<String, Integer> other = accountSummary("222222222222");

        assertThat(other).containsEntry("AccountMFAEnabled", 0);
        assertThat(other).doesNotContainKey("AccountPasswordPresent");
    }

    @Test
    void fixtureKeepsMotoCounts() {
        String account = "555555555555";
        try (IamClient iam = AwsTestClients.client(IamClient.builder(), proxy.endpoint(), account, Region.US_EAST_1)) {
            iam.createUser(r -> r.userName("alice"));
            iam.createUser(r -> r.userName("bob"));
        }
        proxy.addRule(MotoGaps.rootMfaEnabled(account));

        Map<String, Integer> summary = accountSummary(account);

        assertThat(summary).containsEntry("Users", 2);
        assertThat(summary).containsEntry("AccountMFAEnabled", 1);
    }

    @Test
    void scpDeniesOneRegion() {
        String account = "333333333333";
        FaultRule rule = proxy.addRule(MotoGaps.scpDenies(account, "sqs", "GetQueueAttributes", "us-east-1"));
        try (SqsClient east = AwsTestClients.client(SqsClient.builder(), proxy.endpoint(), account, Region.US_EAST_1);
                SqsClient west = AwsTestClients.client(SqsClient.builder(), proxy.endpoint(), account, Region.EU_WEST_1)) {
            String eastUrl = east.createQueue(r -> r.queueName("denied")).queueUrl();
            String westUrl = west.createQueue(r -> r.queueName("allowed")).queueUrl();

            AwsServiceException denied = catchThrowableOfType(AwsServiceException.class,
                    () -> east.getQueueAttributes(r -> r.queueUrl(eastUrl)));

            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(west.getQueueAttributes(r -> r.queueUrl(westUrl).attributeNames(QueueAttributeName.ALL))
                    .attributes()).isNotEmpty();
        }
        assertThat(rule.hits()).isEqualTo(1);
        assertThat(rule.description()).contains("SCP");
    }

    @Test
    void summaryRewriteRejectsOtherXml() {
        assertThatThrownBy(() -> MotoGaps.withSummaryMapEntries("<ListUsersResponse/>", Map.of("A", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SummaryMap");
    }
}
