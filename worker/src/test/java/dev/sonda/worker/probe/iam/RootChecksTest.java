package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamTestData.denied;
import static dev.sonda.worker.probe.iam.IamTestData.findings;
import static dev.sonda.worker.probe.iam.IamTestData.report;
import static dev.sonda.worker.probe.iam.IamTestData.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootChecksTest {

    private final FindingFactory findings = findings();

    private Finding rootMfa(Map<String, Integer> summary) {
        return RootChecks.rootMfa(IamInventory.builder().accountSummary(Collected.ok(summary)).build(), findings);
    }

    private Finding hardwareMfa(Map<String, Integer> summary, IamInventory.VirtualMfaDevice... devices) {
        return RootChecks.rootHardwareMfa(IamInventory.builder().accountSummary(Collected.ok(summary))
                .virtualMfaDevices(Collected.ok(List.of(devices))).build(), findings);
    }

    private Finding rootKeys(Collected<Map<String, Integer>> summary, Collected<CredentialReport> report) {
        return RootChecks.rootAccessKeys(IamInventory.builder().accountSummary(summary).credentialReport(report)
                .build(), findings);
    }

    @Test
    void mfaEnabledPasses() {
        Finding finding = rootMfa(summary(1, 0, 0, 1));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 has MFA enabled.");
    }

    @Test
    void mfaDisabledFails() {
        Finding finding = rootMfa(summary(1, 0, 0, 0));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 has no MFA device.");
    }

    @Test
    void rootWithoutCredentialsIsNotApplicable() {
        Finding finding = rootMfa(summary(0, 0, 0, 0));

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.evidence()).containsEntry("AccountPasswordPresent", 0);
    }

    @Test
    void missingPasswordCountCountsAsPresent() {
        Finding finding = rootMfa(summary(null, 0, 0, 0));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("AccountPasswordPresent", "absent");
    }

    @Test
    void rootAccessKeyWithoutPasswordStillNeedsMfa() {
        assertThat(rootMfa(summary(0, 1, 0, 0)).status()).isEqualTo(FindingStatus.FAIL);
        assertThat(rootMfa(summary(0, 0, 1, 1)).status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void deniedSummaryIsError() {
        Finding finding = RootChecks.rootMfa(IamInventory.builder().accountSummary(denied("GetAccountSummary"))
                .build(), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "GetAccountSummary");
    }

    @Test
    void hardwareMfaPassesWithoutVirtualDevice() {
        Finding finding = hardwareMfa(summary(1, 0, 0, 1),
                new IamInventory.VirtualMfaDevice("arn:aws:iam::123456789012:mfa/alice",
                        "arn:aws:iam::123456789012:user/alice"));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("virtualMfaDevice", "none");
    }

    @Test
    void virtualRootDeviceFailsHardwareMfa() {
        Finding finding = hardwareMfa(summary(1, 0, 0, 1),
                new IamInventory.VirtualMfaDevice("arn:aws:iam::123456789012:mfa/root-account-mfa-device",
                        "arn:aws:iam::123456789012:root"));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 uses the virtual MFA device "
                + "arn:aws:iam::123456789012:mfa/root-account-mfa-device, not a hardware MFA device.");
    }

    @Test
    void noMfaFailsHardwareMfa() {
        assertThat(hardwareMfa(summary(1, 0, 0, 0)).status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void hardwareMfaNotApplicableWithoutRootCredentials() {
        assertThat(hardwareMfa(summary(0, 0, 0, 0)).status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void deniedVirtualDevicesIsError() {
        Finding finding = RootChecks.rootHardwareMfa(IamInventory.builder()
                .accountSummary(Collected.ok(summary(1, 0, 0, 1)))
                .virtualMfaDevices(denied("ListVirtualMFADevices")).build(), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "ListVirtualMFADevices");
    }

    @Test
    void rootKeysFromSummaryFail() {
        Finding finding = rootKeys(Collected.ok(summary(1, 1, 0, 1)), report(new ReportCsv()));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 has an access key.");
        assertThat(finding.evidence()).containsEntry("credentialReportRootRow", "absent");
    }

    @Test
    void inactiveRootKeyInReportFails() {
        ReportCsv csv = new ReportCsv().root("2019-01-01T00:00:00+00:00", "access_key_2_active", "false",
                "access_key_2_last_rotated", "2020-01-01T00:00:00+00:00");

        Finding finding = rootKeys(Collected.ok(summary(1, 0, 0, 1)), report(csv));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("rootAccessKey2Active", false)
                .containsEntry("AccountAccessKeysPresent", 0);
    }

    @Test
    void noRootKeyPasses() {
        ReportCsv csv = new ReportCsv().root("2019-01-01T00:00:00+00:00");

        Finding finding = rootKeys(Collected.ok(summary(1, 0, 0, 1)), report(csv));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("credentialReportGeneratedTime", "2026-12-01T10:00:00Z");
    }

    @Test
    void rootKeysDecidedFromReportWhenSummaryDenied() {
        ReportCsv csv = new ReportCsv().root("2019-01-01T00:00:00+00:00", "access_key_1_active", "true",
                "access_key_1_last_rotated", "2020-01-01T00:00:00+00:00");

        Finding finding = rootKeys(denied("GetAccountSummary"), report(csv));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("AccountAccessKeysPresent", "unavailable: AccessDenied");
    }

    @Test
    void rootKeysErrorWithoutAnySource() {
        Finding finding = rootKeys(denied("GetAccountSummary"), report(new ReportCsv()));

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
    }

    @Test
    void rootUseIsManualWithLastUse() {
        ReportCsv csv = new ReportCsv().root("2019-01-01T00:00:00+00:00", "password_last_used",
                "2026-11-20T08:30:00+00:00");

        Finding finding = RootChecks.rootUse(IamInventory.builder().credentialReport(report(csv)).build(), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 last used its password at "
                + "2026-11-20T08:30:00Z; review whether root is used for everyday tasks.");
        assertThat(finding.evidence()).containsEntry("passwordLastUsed", "2026-11-20T08:30:00Z")
                .containsEntry("accessKey1LastUsed", "N/A")
                .containsEntry("credentialReportGeneratedTime", "2026-12-01T10:00:00Z");
    }

    /** N/A in password_last_used means the password was never used. */
    @Test
    void rootUseNeverUsedSaysSo() {
        ReportCsv csv = new ReportCsv().root("2019-01-01T00:00:00+00:00", "password_last_used", "N/A");

        Finding finding = RootChecks.rootUse(IamInventory.builder().credentialReport(report(csv)).build(), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 has never used its password; "
                + "review whether root is used for everyday tasks.");
        assertThat(finding.evidence()).containsEntry("passwordLastUsed", "N/A");
    }

    @Test
    void rootUseWithoutTrackedUseSaysSo() {
        ReportCsv csv = new ReportCsv().root("2010-01-01T00:00:00+00:00", "password_last_used", "no_information");

        Finding finding = RootChecks.rootUse(IamInventory.builder().credentialReport(report(csv)).build(), findings);

        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 has not used its password since "
                + "IAM began recording password use in October 2014; review whether root is used for everyday tasks.");
    }

    @Test
    void rootUseWithoutRootRowIsManual() {
        Finding finding = RootChecks.rootUse(IamInventory.builder().credentialReport(report(new ReportCsv())).build(),
                findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.evidence()).containsEntry("credentialReportRootRow", "absent");
    }
}
