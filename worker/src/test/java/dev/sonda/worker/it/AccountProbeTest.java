package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertFinding;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/** Account.1 and Account.2 against moto, with the proxy for access denied. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class AccountProbeTest extends ProxiedTestBase {

    private ProbeResult scan(String accountId) {
        return run(TestTasks.task(accountId, "global", "account"));
    }

    @Test
    void contactAndOrganizationPass() {
        String accountId = "100000000006";
        try (AccountClient account = AwsTestClients.client(AccountClient.builder(), proxy.endpoint(), accountId,
                Region.US_EAST_1);
                OrganizationsClient organizations = AwsTestClients.client(OrganizationsClient.builder(),
                        proxy.endpoint(), accountId, Region.US_EAST_1)) {
            account.putAlternateContact(request -> request.alternateContactType(AlternateContactType.SECURITY)
                    .name("Security team").emailAddress("security@example.com").phoneNumber("+10000000000")
                    .title("SOC"));
            organizations.createOrganization(request -> request.featureSet(OrganizationFeatureSet.ALL));
        }
        FaultRule contact = addRule(MotoGaps.contactInformation(accountId, Map.of("fullName", "Ops Team",
                "addressLine1", "1 Example Street", "city", "Springfield", "postalCode", "00000", "countryCode", "US",
                "phoneNumber", "+1-555-0100")));
        proxy.clearRequests();

        ProbeResult result = scan(accountId);

        assertOnlyCatalogActions(proxy, accountId, "account");
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.region()).isEqualTo("global");
        assertFinding(only(result, "Account.1"), "Account.1", "PASS", "AWS::::Account:" + accountId,
                "Account " + accountId + " has a security alternate contact.");
        assertThat(only(result, "Account.2").status()).isEqualTo(FindingStatus.PASS);
        assertThat(only(result, "Account.2").message()).startsWith("Account " + accountId + " is a member of organization o-");
        Finding contactDetails = only(result, "Account.ContactDetails");
        assertFinding(contactDetails, "Account.ContactDetails", "MANUAL", "AWS::::Account:" + accountId,
                "Account " + accountId + " has primary contact information with 6 fields set; confirm that it is"
                        + " current and reaches a team.");
        assertThat(contactDetails.evidence()).containsEntry("requiredFieldsMissing", List.of());
        assertThat(contact.hits()).isEqualTo(1);
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.region()).isEqualTo("global");
            assertThat(finding.message()).doesNotContain("security@example.com").doesNotContain("555-0100");
            assertThat(finding.evidence().toString()).doesNotContain("security@example.com")
                    .doesNotContain("555-0100").doesNotContain("Springfield");
        });
    }

    @Test
    void missingContactAndOrganizationFail() {
        String accountId = "100000000007";
        addRule(MotoGaps.noContactInformation(accountId));

        ProbeResult result = scan(accountId);

        assertFinding(only(result, "Account.1"), "Account.1", "FAIL", "AWS::::Account:" + accountId,
                "Account " + accountId + " has no security alternate contact.");
        assertFinding(only(result, "Account.2"), "Account.2", "FAIL", "AWS::::Account:" + accountId,
                "Account " + accountId + " is not a member of an AWS Organizations organization.");
        assertFinding(only(result, "Account.ContactDetails"), "Account.ContactDetails", "MANUAL",
                "AWS::::Account:" + accountId, "Account " + accountId
                        + " has no primary contact information; register a current contact.");
        assertThat(only(result, "Account.ContactDetails").evidence()).containsEntry("requiredFieldsMissing",
                List.of("fullName", "addressLine1", "city", "postalCode", "countryCode", "phoneNumber"));
    }

    @Test
    void deniedCallsAreErrors() {
        String accountId = "100000000008";
        addRule(FaultRule.service("account").account(accountId).accessDenied());
        addRule(FaultRule.service("organizations").account(accountId).accessDenied());

        ProbeResult result = scan(accountId);

        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(only(result, "Account.1").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(only(result, "Account.1").evidence()).containsEntry("operation", "GetAlternateContact")
                .containsEntry("errorCode", "AccessDeniedException");
        assertThat(only(result, "Account.2").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(only(result, "Account.2").evidence()).containsEntry("operation", "DescribeOrganization");
        assertThat(only(result, "Account.ContactDetails").status()).isEqualTo(FindingStatus.ERROR);
        assertThat(only(result, "Account.ContactDetails").evidence())
                .containsEntry("operation", "GetContactInformation").containsEntry("errorCode", "AccessDeniedException");
    }
}
