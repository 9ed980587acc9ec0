package dev.sonda.worker.probe.iam;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.FindingFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure check IAM.9 (root user MFA) over an {@link IamInventory}. */
public final class IamChecks {

    public static final String IAM_9 = "IAM.9";

    private IamChecks() {
    }

    public static List<Finding> evaluate(IamInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        if (enabled.contains(IAM_9)) {
            result.add(rootMfa(inventory, findings));
        }
        return result;
    }

    /**
     * Decides IAM.9. It is not applicable when the root user has no password, access key or signing
     * certificate, as under centralized root access. A missing AccountPasswordPresent counts as a
     * password, so that an incomplete summary never hides a root user that needs MFA. Otherwise
     * the control passes only when AccountMFAEnabled is 1.
     */
    static Finding rootMfa(IamInventory inventory, FindingFactory findings) {
        String account = findings.accountId();
        if (!inventory.accountSummary().isOk()) {
            AwsError error = inventory.accountSummary().error();
            return findings.error(IAM_9, findings.accountResource(), "The root user of account " + account
                    + " could not be checked for MFA: GetAccountSummary failed with " + error.errorCode() + ".",
                    error);
        }
        Map<String, Integer> summary = inventory.accountSummary().value();
        Integer password = summary.get("AccountPasswordPresent");
        int accessKeys = summary.getOrDefault("AccountAccessKeysPresent", 0);
        int certificates = summary.getOrDefault("AccountSigningCertificatesPresent", 0);
        int mfa = summary.getOrDefault("AccountMFAEnabled", 0);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("AccountMFAEnabled", mfa);
        evidence.put("AccountPasswordPresent", password == null ? "absent" : password);
        evidence.put("AccountAccessKeysPresent", accessKeys);
        evidence.put("AccountSigningCertificatesPresent", certificates);
        boolean hasPassword = password == null || password != 0;
        if (!hasPassword && accessKeys == 0 && certificates == 0) {
            return findings.finding(IAM_9, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "The root user of account " + account + " has no password, access key or signing certificate,"
                            + " so MFA does not apply.", evidence);
        }
        if (mfa == 1) {
            return findings.finding(IAM_9, FindingStatus.PASS, findings.accountResource(), "The root user of account "
                    + account + " has MFA enabled.", evidence);
        }
        return findings.finding(IAM_9, FindingStatus.FAIL, findings.accountResource(), "The root user of account "
                + account + " has no MFA device.", evidence);
    }
}
