package dev.sonda.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.ContactInformation;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/** The IAM and Account Management fixtures of {@link MotoGaps}, through the proxy in front of a real moto. */
class IamMotoGapsTest extends ProxiedMotoTestBase {

    private static IamClient iam(String account) {
        return AwsTestClients.client(IamClient.builder(), proxy.endpoint(), account, Region.US_EAST_1);
    }

    private static String report(IamClient iam) {
        iam.generateCredentialReport();
        iam.generateCredentialReport();
        return iam.getCredentialReport().content().asString(StandardCharsets.UTF_8);
    }

    @Test
    void credentialReportGetsRootRowAndDates() {
        String account = "500000000001";
        try (IamClient iam = iam(account)) {
            iam.createUser(request -> request.userName("alice"));
            iam.createAccessKey(request -> request.userName("alice"));
            proxy.addRule(MotoGaps.credentialReport(account, Map.of(
                    MotoGaps.ROOT_USER, Map.of("mfa_active", "true", "password_last_used", "2026-11-01T00:00:00+00:00"),
                    "alice", Map.of("access_key_1_last_rotated", "2026-01-01T00:00:00+00:00"))));

            List<String> lines = report(iam).lines().toList();

            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).startsWith("<root_account>,arn:aws:iam::" + account + ":root,")
                    .contains(",not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,true,false,");
            assertThat(lines.get(2)).startsWith("alice,").contains(",true,2026-01-01T00:00:00+00:00,");
        }
    }

    @Test
    void motoReportLacksRootRow() {
        // The gap the fixture fills. If moto starts to write a root row, the fixture may be unnecessary.
        try (IamClient iam = iam("500000000002")) {
            assertThat(report(iam)).doesNotContain("<root_account>");
        }
    }

    @Test
    void rootVirtualMfaDeviceListed() {
        String account = "500000000003";
        proxy.addRule(MotoGaps.rootVirtualMfaDevice(account));
        try (IamClient iam = iam(account)) {
            var devices = iam.listVirtualMFADevices(request -> request.assignmentStatus("Assigned")).virtualMFADevices();

            assertThat(devices).singleElement().satisfies(device -> {
                assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::" + account + ":mfa/root-account-mfa-device");
                assertThat(device.user().arn()).isEqualTo("arn:aws:iam::" + account + ":root");
            });
        }
    }

    @Test
    void awsManagedPoliciesAttached() {
        String account = "500000000004";
        try (IamClient iam = iam(account)) {
            iam.createRole(request -> request.roleName("support").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
            iam.createUser(request -> request.userName("admin"));
            proxy.addRules(MotoGaps.awsManagedPolicies(account,
                    MotoGaps.AwsManagedAttachment.supportAccess("Role", "support"),
                    MotoGaps.AwsManagedAttachment.administratorAccess("User", "admin")));

            GetAccountAuthorizationDetailsResponse details = iam.getAccountAuthorizationDetails(request -> request
                    .filter(EntityType.USER, EntityType.ROLE));
            var policies = iam.listPolicies(request -> request.scope(PolicyScopeType.AWS).onlyAttached(true)).policies();
            String document = iam.getPolicyVersion(request -> request.policyArn(
                    "arn:aws:iam::aws:policy/AdministratorAccess").versionId("v1")).policyVersion().document();

            assertThat(details.roleDetailList().get(0).attachedManagedPolicies()).singleElement()
                    .satisfies(policy -> assertThat(policy.policyArn()).isEqualTo("arn:aws:iam::aws:policy/AWSSupportAccess"));
            assertThat(details.userDetailList().get(0).attachedManagedPolicies()).extracting("policyName")
                    .containsExactly("AdministratorAccess");
            assertThat(policies).extracting("policyName").containsExactly("AWSSupportAccess", "AdministratorAccess");
            assertThat(document).startsWith("%7B%22Version%22");
        }
    }

    @Test
    void serverCertificateExpirationSet() {
        String account = "500000000005";
        Instant expiration = Instant.parse("2030-01-01T00:00:00Z");
        try (IamClient iam = iam(account)) {
            iam.uploadServerCertificate(request -> request.serverCertificateName("web")
                    .certificateBody("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
                    .privateKey("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"));
            Instant motoExpiration = iam.listServerCertificates().serverCertificateMetadataList().get(0).expiration();
            proxy.addRule(MotoGaps.serverCertificateExpiration(account, "web", expiration));

            assertThat(motoExpiration).isBefore(Instant.parse("2013-01-01T00:00:00Z"));
            assertThat(iam.listServerCertificates().serverCertificateMetadataList().get(0).expiration())
                    .isEqualTo(expiration);
        }
    }

    @Test
    void contactInformationFixtures() {
        proxy.addRule(MotoGaps.contactInformation("500000000006", Map.of("fullName", "Ops \"Team\"",
                "phoneNumber", "+1-555-0100", "countryCode", "US")));
        proxy.addRule(MotoGaps.noContactInformation("500000000007"));
        try (AccountClient withContact = AwsTestClients.client(AccountClient.builder(), proxy.endpoint(),
                "500000000006", Region.US_EAST_1);
                AccountClient withoutContact = AwsTestClients.client(AccountClient.builder(), proxy.endpoint(),
                        "500000000007", Region.US_EAST_1)) {
            ContactInformation contact = withContact.getContactInformation(request -> { }).contactInformation();
            AwsServiceException missing = catchThrowableOfType(AwsServiceException.class,
                    () -> withoutContact.getContactInformation(request -> { }));

            assertThat(contact.fullName()).isEqualTo("Ops \"Team\"");
            assertThat(contact.countryCode()).isEqualTo("US");
            assertThat(contact.addressLine1()).isNull();
            assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }
}
