package dev.sonda.worker.probe.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountChecksTest {

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("account").orElseThrow(),
            "123456789012", "global");

    @Test
    void securityContactPasses() {
        Finding finding = AccountChecks.securityContact(Collected.ok(true), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo("AWS::::Account:123456789012");
        assertThat(finding.region()).isEqualTo("global");
        assertThat(finding.message()).isEqualTo("Account 123456789012 has a security alternate contact.");
    }

    @Test
    void missingSecurityContactFails() {
        Collected<Boolean> missing = Collected.failed(new AwsError("GetAlternateContact", AwsErrorKind.NOT_FOUND,
                "ResourceNotFoundException", 404, null));

        Finding finding = AccountChecks.securityContact(missing, findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Account 123456789012 has no security alternate contact.");
    }

    @Test
    void deniedSecurityContactIsError() {
        Collected<Boolean> denied = Collected.failed(new AwsError("GetAlternateContact", AwsErrorKind.ACCESS_DENIED,
                "AccessDeniedException", 403, null));

        Finding finding = AccountChecks.securityContact(denied, findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("errorCode", "AccessDeniedException")
                .containsEntry("operation", "GetAlternateContact");
    }

    @Test
    void organizationMemberPasses() {
        Finding finding = AccountChecks.organization(
                Collected.ok(new AccountInventory.OrganizationInfo("o-abc", "999999999999")), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("Account 123456789012 is a member of organization o-abc.");
    }

    @Test
    void noOrganizationFails() {
        Finding finding = AccountChecks.organization(Collected.failed(new AwsError("DescribeOrganization",
                AwsErrorKind.NOT_FOUND, "AWSOrganizationsNotInUseException", 400, null)), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void throttledOrganizationIsError() {
        Finding finding = AccountChecks.organization(Collected.failed(new AwsError("DescribeOrganization",
                AwsErrorKind.THROTTLED, "TooManyRequestsException", 400, null)), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
    }

    @Test
    void contactDetailsAreManualWithFieldNames() {
        Finding finding = AccountChecks.contactDetails(Collected.ok(List.of("fullName", "countryCode", "phoneNumber")),
                findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.message()).isEqualTo("Account 123456789012 has primary contact information with 3 fields"
                + " set and 3 required fields missing; confirm that it is current and reaches a team.");
        assertThat(finding.evidence()).containsEntry("fieldsSet", List.of("fullName", "countryCode", "phoneNumber"))
                .containsEntry("requiredFieldsMissing", List.of("addressLine1", "city", "postalCode"));
    }

    @Test
    void missingContactInformationIsManual() {
        Finding finding = AccountChecks.contactDetails(Collected.failed(new AwsError("GetContactInformation",
                AwsErrorKind.NOT_FOUND, "ResourceNotFoundException", 404, null)), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.evidence()).containsEntry("fieldsSet", List.of());
    }

    @Test
    void deniedContactInformationIsError() {
        Finding finding = AccountChecks.contactDetails(Collected.failed(new AwsError("GetContactInformation",
                AwsErrorKind.ACCESS_DENIED, "AccessDeniedException", 403, null)), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("errorCode", "AccessDeniedException");
    }

    @Test
    void contactFieldsKeepNamesOnly() {
        List<String> fields = AccountProbe.contactFields(software.amazon.awssdk.services.account.model
                .ContactInformation.builder().fullName("Jane Doe").phoneNumber("+1-555-0100").city(" ").build());

        assertThat(fields).containsExactly("fullName", "phoneNumber");
    }
}
