package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamChecks.IAM_4;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_6;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_9;
import static dev.sonda.worker.probe.iam.IamChecks.ROOT_USER_UNUSED;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** IAM.4, IAM.6, IAM.9 and IAM.RootUserUnused: the root user's access keys, MFA and use. */
final class RootChecks {

    private RootChecks() {
    }

    static List<Finding> evaluate(IamInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        if (enabled.contains(IAM_4)) {
            result.add(rootAccessKeys(inventory, findings));
        }
        if (enabled.contains(IAM_6)) {
            result.add(rootHardwareMfa(inventory, findings));
        }
        if (enabled.contains(IAM_9)) {
            result.add(rootMfa(inventory, findings));
        }
        if (enabled.contains(ROOT_USER_UNUSED)) {
            result.add(rootUse(inventory, findings));
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
        Collected<Map<String, Integer>> summary = inventory.accountSummary();
        if (!summary.isOk()) {
            return findings.error(IAM_9, findings.accountResource(), "The root user of account " + account
                    + " could not be checked for MFA: GetAccountSummary failed with " + summary.error().errorCode()
                    + ".", summary.error());
        }
        RootCredentials root = RootCredentials.of(summary.value());
        if (!root.any()) {
            return findings.finding(IAM_9, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "The root user of account " + account + " has no password, access key or signing certificate,"
                            + " so MFA does not apply.", root.evidence());
        }
        if (root.mfa()) {
            return findings.finding(IAM_9, FindingStatus.PASS, findings.accountResource(), "The root user of account "
                    + account + " has MFA enabled.", root.evidence());
        }
        return findings.finding(IAM_9, FindingStatus.FAIL, findings.accountResource(), "The root user of account "
                + account + " has no MFA device.", root.evidence());
    }

    /**
     * Decides IAM.6 like IAM.9, and fails as well when a virtual MFA device is assigned to the
     * root user, because a virtual device is not a hardware device.
     */
    static Finding rootHardwareMfa(IamInventory inventory, FindingFactory findings) {
        String account = findings.accountId();
        Collected<Map<String, Integer>> summary = inventory.accountSummary();
        if (!summary.isOk()) {
            return findings.error(IAM_6, findings.accountResource(), "The root user of account " + account
                    + " could not be checked for a hardware MFA device: GetAccountSummary failed with "
                    + summary.error().errorCode() + ".", summary.error());
        }

        RootCredentials root = RootCredentials.of(summary.value());
        Map<String, Object> evidence = root.evidence();
        if (!root.any()) {
            return findings.finding(IAM_6, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "The root user of account " + account + " has no password, access key or signing certificate,"
                            + " so MFA does not apply.", evidence);
        }

        if (!root.mfa()) {
            return findings.finding(IAM_6, FindingStatus.FAIL, findings.accountResource(), "The root user of account "
                    + account + " has no MFA device, so it has no hardware MFA device.", evidence);
        }

        Collected<List<IamInventory.VirtualMfaDevice>> devices = inventory.virtualMfaDevices();
        if (!devices.isOk()) {
            return findings.error(IAM_6, findings.accountResource(), "The root user of account " + account
                    + " could not be checked for a hardware MFA device: ListVirtualMFADevices failed with "
                    + devices.error().errorCode() + ".", devices.error());
        }

        Optional<IamInventory.VirtualMfaDevice> virtual = devices.value().stream()
                .filter(IamInventory.VirtualMfaDevice::assignedToRoot).findFirst();
        if (virtual.isPresent()) {
            evidence.put("virtualMfaDevice", virtual.get().serialNumber());
            return findings.finding(IAM_6, FindingStatus.FAIL, findings.accountResource(), "The root user of account "
                    + account + " uses the virtual MFA device " + virtual.get().serialNumber()
                    + ", not a hardware MFA device.", evidence);
        }

        evidence.put("virtualMfaDevice", "none");
        return findings.finding(IAM_6, FindingStatus.PASS, findings.accountResource(), "The root user of account "
                + account + " has MFA enabled and no virtual MFA device, so it uses a hardware MFA device.",
                evidence);
    }

    /**
     * Decides IAM.4 from GetAccountSummary (AccountAccessKeysPresent counts inactive keys too) and
     * from the credential report's root row; either source showing a root key fails the control.
     * It passes on one source when the other is unavailable, and errs when neither is available.
     */
    static Finding rootAccessKeys(IamInventory inventory, FindingFactory findings) {
        String account = findings.accountId();
        Collected<Map<String, Integer>> summary = inventory.accountSummary();
        Collected<CredentialReport> report = inventory.credentialReport();
        Optional<CredentialReport.Row> rootRow = report.isOk() ? report.value().root() : Optional.empty();
        if (!summary.isOk() && rootRow.isEmpty()) {
            return findings.error(IAM_4, findings.accountResource(), "The root user of account " + account
                    + " could not be checked for access keys: GetAccountSummary failed with "
                    + summary.error().errorCode() + ".", summary.error());
        }

        Map<String, Object> evidence = new LinkedHashMap<>();
        boolean keyFound = false;
        if (summary.isOk()) {
            int present = summary.value().getOrDefault("AccountAccessKeysPresent", 0);
            evidence.put("AccountAccessKeysPresent", present);
            keyFound = present > 0;
        } else {
            evidence.put("AccountAccessKeysPresent", "unavailable: " + summary.error().errorCode());
        }

        if (report.isOk()) {
            evidence.put("credentialReportGeneratedTime", report.value().generatedTime().toString());
        }

        if (rootRow.isPresent()) {
            for (CredentialReport.AccessKey key : rootRow.get().accessKeys()) {
                evidence.put("rootAccessKey" + key.number() + "Active", key.active());
                keyFound |= key.exists();
            }
        } else {
            evidence.put("credentialReportRootRow", report.isOk() ? "absent" : "unavailable: "
                    + report.error().errorCode());
        }

        if (keyFound) {
            return findings.finding(IAM_4, FindingStatus.FAIL, findings.accountResource(), "The root user of account "
                    + account + " has an access key.", evidence);
        }

        return findings.finding(IAM_4, FindingStatus.PASS, findings.accountResource(), "The root user of account "
                + account + " has no access key.", evidence);
    }

    /**
     * Reports IAM.RootUserUnused as MANUAL with the root user's last use of its password and keys,
     * because only a person can tell everyday use from the tasks that need root.
     */
    static Finding rootUse(IamInventory inventory, FindingFactory findings) {
        String account = findings.accountId();
        Collected<CredentialReport> report = inventory.credentialReport();
        if (!report.isOk()) {
            return IamChecks.error(findings, ROOT_USER_UNUSED, "root user activity", report.error());
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("credentialReportGeneratedTime", report.value().generatedTime().toString());
        Optional<CredentialReport.Row> root = report.value().root();
        if (root.isEmpty()) {
            evidence.put("credentialReportRootRow", "absent");
            return findings.finding(ROOT_USER_UNUSED, FindingStatus.MANUAL, findings.accountResource(),
                    "The credential report of account " + account + " has no root user row; review root activity"
                            + " in CloudTrail.", evidence);
        }
        CredentialReport.Row row = root.get();
        evidence.put("passwordLastUsed", row.passwordLastUsed().text());
        for (CredentialReport.AccessKey key : row.accessKeys()) {
            evidence.put("accessKey" + key.number() + "LastUsed", key.lastUsed().text());
        }
        return findings.finding(ROOT_USER_UNUSED, FindingStatus.MANUAL, findings.accountResource(),
                "The root user of account " + account + " " + passwordUse(row.passwordLastUsed())
                        + "; review whether root is used for everyday tasks.", evidence);
    }

    /** Returns the root user's last password use as a verb phrase, with the report's special values in words. */
    private static String passwordUse(ReportValue lastUsed) {
        return switch (lastUsed.kind()) {
            case TIME -> "last used its password at " + lastUsed.time();
            case NONE -> "has never used its password";
            case NO_INFORMATION -> "has not used its password since IAM began recording password use in October 2014";
            case NOT_SUPPORTED -> "has no password use in the credential report";
        };
    }

    /** The root user's credentials as GetAccountSummary counts them. */
    private record RootCredentials(Integer password, int accessKeys, int certificates, int mfaEnabled) {

        static RootCredentials of(Map<String, Integer> summary) {
            return new RootCredentials(summary.get("AccountPasswordPresent"),
                    summary.getOrDefault("AccountAccessKeysPresent", 0),
                    summary.getOrDefault("AccountSigningCertificatesPresent", 0),
                    summary.getOrDefault("AccountMFAEnabled", 0));
        }

        /** Returns whether root has any credential, counting a missing password count as a password. */
        boolean any() {
            return password == null || password != 0 || accessKeys != 0 || certificates != 0;
        }

        boolean mfa() {
            return mfaEnabled == 1;
        }

        Map<String, Object> evidence() {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("AccountMFAEnabled", mfaEnabled);
            evidence.put("AccountPasswordPresent", password == null ? "absent" : password);
            evidence.put("AccountAccessKeysPresent", accessKeys);
            evidence.put("AccountSigningCertificatesPresent", certificates);
            return evidence;
        }
    }
}
