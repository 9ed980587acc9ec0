package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamTestData.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.iam.IamInventory.PasswordPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyChecksTest {

    private static final PasswordPolicy CIS = new PasswordPolicy(true, true, true, true, 14, 24, 90);
    private static final PasswordPolicy WEAK = new PasswordPolicy(false, true, false, true, 6, null, null);

    private static Finding check(String control, PasswordPolicy policy) {
        return PasswordPolicyChecks.check(control, Collected.ok(Optional.ofNullable(policy)), findings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IAM.7", "IAM.10", "IAM.11", "IAM.12", "IAM.13", "IAM.14", "IAM.15", "IAM.16", "IAM.17"})
    void strongPolicyPassesEveryControl(String control) {
        assertThat(check(control, CIS).status()).isEqualTo(FindingStatus.PASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IAM.7", "IAM.10", "IAM.11", "IAM.12", "IAM.13", "IAM.14", "IAM.15", "IAM.16", "IAM.17"})
    void absentPolicyFailsEveryControl(String control) {
        Finding finding = check(control, null);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Account 123456789012 has no IAM password policy.");
        assertThat(finding.evidence()).containsEntry("passwordPolicy", "absent").containsEntry("errorCode", "NoSuchEntity");
    }

    @Test
    void weakPolicyResults() {
        assertThat(List.of("IAM.7", "IAM.10", "IAM.11", "IAM.12", "IAM.13", "IAM.14", "IAM.15", "IAM.16", "IAM.17")
                .stream().map(control -> check(control, WEAK).status()).toList())
                .containsExactly(FindingStatus.FAIL, FindingStatus.FAIL, FindingStatus.FAIL, FindingStatus.PASS,
                        FindingStatus.FAIL, FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.FAIL,
                        FindingStatus.FAIL);
    }

    @Test
    void failMessageListsShortfalls() {
        Finding finding = check("IAM.7", WEAK);

        assertThat(finding.message()).isEqualTo("The password policy of account 123456789012 does not require an"
                + " uppercase letter and does not require a symbol and requires 6 characters, fewer than 8.");
        assertThat(finding.evidence()).containsEntry("MinimumPasswordLength", 6)
                .containsEntry("PasswordReusePrevention", "unset").containsEntry("MaxPasswordAge", "unset");
    }

    @Test
    void singleRuleMessages() {
        assertThat(check("IAM.15", CIS).message())
                .isEqualTo("The password policy of account 123456789012 requires 14 or more characters.");
        assertThat(check("IAM.16", WEAK).message())
                .isEqualTo("The password policy of account 123456789012 does not prevent password reuse.");
        assertThat(check("IAM.17", WEAK).message())
                .isEqualTo("The password policy of account 123456789012 never expires passwords.");
    }

    @Test
    void reuseBelowTwentyFourFails() {
        PasswordPolicy policy = new PasswordPolicy(true, true, true, true, 14, 12, 90);

        assertThat(check("IAM.16", policy).message()).isEqualTo("The password policy of account 123456789012 "
                + "prevents reuse of the last 12 passwords, fewer than 24.");
        assertThat(check("IAM.10", policy).status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void maxAgeAboveNinetyFails() {
        PasswordPolicy policy = new PasswordPolicy(true, true, true, true, 14, 24, 180);

        assertThat(check("IAM.17", policy).status()).isEqualTo(FindingStatus.FAIL);
        assertThat(check("IAM.17", policy).message()).endsWith("expires passwords after 180 days, more than 90.");
    }
}
