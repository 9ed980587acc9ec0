package dev.sonda.worker.probe.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamChecksTest {

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("iam").orElseThrow(),
            "123456789012", "global");

    private Finding evaluate(Map<String, Integer> summary) {
        return IamChecks.rootMfa(new IamInventory(Collected.ok(summary)), findings);
    }

    private static Map<String, Integer> summary(Integer password, int keys, int certificates, int mfa) {
        Map<String, Integer> map = new HashMap<>();
        if (password != null) {
            map.put("AccountPasswordPresent", password);
        }
        map.put("AccountAccessKeysPresent", keys);
        map.put("AccountSigningCertificatesPresent", certificates);
        map.put("AccountMFAEnabled", mfa);
        return map;
    }

    @Test
    void mfaEnabledPasses() {
        Finding finding = evaluate(summary(1, 0, 0, 1));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 has MFA enabled.");
    }

    @Test
    void mfaDisabledFails() {
        Finding finding = evaluate(summary(1, 0, 0, 0));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("The root user of account 123456789012 has no MFA device.");
    }

    @Test
    void rootWithoutCredentialsIsNotApplicable() {
        Finding finding = evaluate(summary(0, 0, 0, 0));

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.evidence()).containsEntry("AccountPasswordPresent", 0);
    }

    @Test
    void missingPasswordCountCountsAsPresent() {
        Finding finding = evaluate(summary(null, 0, 0, 0));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("AccountPasswordPresent", "absent");
    }

    @Test
    void rootAccessKeyWithoutPasswordStillNeedsMfa() {
        assertThat(evaluate(summary(0, 1, 0, 0)).status()).isEqualTo(FindingStatus.FAIL);
        assertThat(evaluate(summary(0, 0, 1, 1)).status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void deniedSummaryIsError() {
        Finding finding = IamChecks.rootMfa(new IamInventory(Collected.failed(new AwsError("GetAccountSummary",
                AwsErrorKind.ACCESS_DENIED, "AccessDenied", 403, null))), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "GetAccountSummary");
    }
}
