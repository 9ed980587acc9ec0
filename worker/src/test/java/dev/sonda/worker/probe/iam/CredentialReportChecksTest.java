package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamTestData.NOW;
import static dev.sonda.worker.probe.iam.IamTestData.daysAgo;
import static dev.sonda.worker.probe.iam.IamTestData.findings;
import static dev.sonda.worker.probe.iam.IamTestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.FindingFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialReportChecksTest {

    private final FindingFactory findings = findings();

    private List<Finding> evaluate(String control, ReportCsv csv) {
        return CredentialReportChecks.evaluate(IamInventory.builder().credentialReport(report(csv)).build(),
                Set.of(control), findings, NOW);
    }

    private Finding only(String control, ReportCsv csv) {
        List<Finding> result = evaluate(control, csv);
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    @Test
    void keyOlderThanNinetyDaysFails() {
        Finding finding = only("IAM.3", new ReportCsv().user("alice", daysAgo(400), "access_key_1_active", "true",
                "access_key_1_last_rotated", daysAgo(91)));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.resourceId()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(finding.message()).isEqualTo("IAM user alice has access key 1 active and last rotated more than 90"
                + " days ago.");
    }

    @Test
    void inactiveOldKeyIsIgnored() {
        Finding finding = only("IAM.3", new ReportCsv().user("bob", daysAgo(400), "access_key_1_active", "false",
                "access_key_1_last_rotated", daysAgo(300), "access_key_2_active", "true",
                "access_key_2_last_rotated", daysAgo(89)));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("accessKey2LastRotated", daysAgo(89).replace("+00:00", "Z"));
    }

    @Test
    void userWithoutKeysPassesRotation() {
        Finding finding = only("IAM.3", new ReportCsv().user("carol", daysAgo(400)));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("IAM user carol has no active access key.");
    }

    @Test
    void rootRowIsNotAUser() {
        List<Finding> result = evaluate("IAM.3", new ReportCsv().root(daysAgo(3000), "access_key_1_active", "true",
                "access_key_1_last_rotated", daysAgo(1000)));

        assertThat(result).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(finding.message()).isEqualTo("Account 123456789012 has no IAM users.");
        });
    }

    @Test
    void consoleUserWithoutMfaFails() {
        Finding finding = only("IAM.5", new ReportCsv().user("dave", daysAgo(10), "password_enabled", "true"));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("IAM user dave has a console password and no MFA.");
    }

    @Test
    void noPasswordNotApplicableForIam5() {
        Finding finding = only("IAM.5", new ReportCsv().user("svc", daysAgo(10), "access_key_1_active", "true"));

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void everyUserNeedsMfaForIam19() {
        List<Finding> result = evaluate("IAM.19", new ReportCsv()
                .user("svc", daysAgo(10))
                .user("erin", daysAgo(10), "password_enabled", "true", "mfa_active", "true"));

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.FAIL, FindingStatus.PASS);
    }

    @Test
    void passwordUnusedForNinetyDaysFails() {
        ReportCsv csv = new ReportCsv().user("frank", daysAgo(400), "password_enabled", "true",
                "password_last_used", daysAgo(100));

        Finding iam8 = only("IAM.8", csv);
        Finding iam22 = only("IAM.22", csv);

        assertThat(iam8.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(iam8.message()).isEqualTo("IAM user frank has password enabled and unused for more than 90 days.");
        assertThat(iam8.evidence()).containsEntry("unusedCredentials", List.of("password"));
        assertThat(iam22.status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void fiftyDaysFailsOnlyFortyFiveDayControl() {
        ReportCsv csv = new ReportCsv().user("grace", daysAgo(400), "access_key_1_active", "true",
                "access_key_1_last_rotated", daysAgo(200), "access_key_1_last_used_date", daysAgo(50));

        assertThat(only("IAM.8", csv).status()).isEqualTo(FindingStatus.PASS);
        assertThat(only("IAM.22", csv).status()).isEqualTo(FindingStatus.FAIL);
        assertThat(only("IAM.22", csv).message()).isEqualTo("IAM user grace has access key 1 enabled and unused for"
                + " more than 45 days.");
    }

    @Test
    void neverUsedKeyCountsFromRotation() {
        ReportCsv old = new ReportCsv().user("heidi", daysAgo(400), "access_key_2_active", "true",
                "access_key_2_last_rotated", daysAgo(60), "access_key_2_last_used_date", "N/A");
        ReportCsv fresh = new ReportCsv().user("ivan", daysAgo(400), "access_key_1_active", "true",
                "access_key_1_last_rotated", daysAgo(5));

        assertThat(only("IAM.22", old).status()).isEqualTo(FindingStatus.FAIL);
        assertThat(only("IAM.8", old).status()).isEqualTo(FindingStatus.PASS);
        assertThat(only("IAM.22", fresh).status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void neverUsedPasswordCountsFromUserCreation() {
        ReportCsv old = new ReportCsv().user("judy", daysAgo(100), "password_enabled", "true");
        ReportCsv fresh = new ReportCsv().user("ken", daysAgo(3), "password_enabled", "true");

        assertThat(only("IAM.8", old).status()).isEqualTo(FindingStatus.FAIL);
        assertThat(only("IAM.8", fresh).status()).isEqualTo(FindingStatus.PASS);
        assertThat(only("IAM.8", fresh).message()).isEqualTo("IAM user ken has used every enabled credential within"
                + " 90 days.");
    }

    @Test
    void noInformationPasswordIsUnused() {
        ReportCsv csv = new ReportCsv().user("legacy", daysAgo(5000), "password_enabled", "true",
                "password_last_used", "no_information");

        Finding finding = only("IAM.22", csv);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("passwordLastUsed", "no_information");
    }

    @Test
    void userWithoutCredentialsPassesUnusedCheck() {
        Finding finding = only("IAM.8", new ReportCsv().user("idle", daysAgo(500)));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("IAM user idle has no console password or active access key.");
    }

    @Test
    void twoActiveKeysFail() {
        Finding finding = only("IAM.OneActiveAccessKey", new ReportCsv().user("mallory", daysAgo(10),
                "access_key_1_active", "true", "access_key_1_last_rotated", daysAgo(10),
                "access_key_2_active", "true", "access_key_2_last_rotated", daysAgo(2)));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("IAM user mallory has 2 active access keys.");
    }

    @Test
    void oneActiveKeyPasses() {
        Finding finding = only("IAM.OneActiveAccessKey", new ReportCsv().user("nina", daysAgo(10),
                "access_key_1_active", "true", "access_key_2_active", "false",
                "access_key_2_last_rotated", daysAgo(3)));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("IAM user nina has one active access key.");
    }

    @Test
    void keysAtSetupIsManualWithUsers() {
        Finding finding = only("IAM.NoKeysAtUserSetup", new ReportCsv()
                .user("olga", daysAgo(10), "password_enabled", "true", "access_key_1_active", "true",
                        "access_key_1_last_rotated", daysAgo(10))
                .user("pat", daysAgo(10), "password_enabled", "true", "access_key_1_active", "true",
                        "access_key_1_last_rotated", daysAgo(10), "access_key_1_last_used_date", daysAgo(1))
                .user("svc", daysAgo(10), "access_key_1_active", "true", "access_key_1_last_rotated", daysAgo(10)));

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.evidence()).containsEntry("consoleUsersWithUnusedActiveKeys", 1)
                .containsEntry("users", List.of("olga"));
        assertThat(finding.message()).isEqualTo("1 console users of account 123456789012 have an active access key"
                + " that was never used; review whether these keys were created at user setup.");
    }

    @Test
    void reportEvidenceCarriesGeneratedTime() {
        Finding finding = only("IAM.19", new ReportCsv().user("quinn", daysAgo(1)));

        assertThat(finding.evidence()).containsEntry("credentialReportGeneratedTime", "2026-12-01T10:00:00Z");
    }
}
