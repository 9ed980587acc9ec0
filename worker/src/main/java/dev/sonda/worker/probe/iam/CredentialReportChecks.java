package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamChecks.IAM_19;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_22;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_3;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_5;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_8;
import static dev.sonda.worker.probe.iam.IamChecks.NO_KEYS_AT_USER_SETUP;
import static dev.sonda.worker.probe.iam.IamChecks.ONE_ACTIVE_ACCESS_KEY;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.iam.CredentialReport.AccessKey;
import dev.sonda.worker.probe.iam.CredentialReport.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The per-user controls that read the credential report: key rotation (IAM.3), console MFA
 * (IAM.5), unused credentials (IAM.8 at 90 days, IAM.22 at 45), MFA for everyone (IAM.19), one
 * active key (IAM.OneActiveAccessKey) and keys created at user setup (IAM.NoKeysAtUserSetup).
 * The root user's row is left out: the root controls read it.
 */
final class CredentialReportChecks {

    static final Duration KEY_ROTATION_AGE = Duration.ofDays(90);
    static final Duration UNUSED_90_DAYS = Duration.ofDays(90);
    static final Duration UNUSED_45_DAYS = Duration.ofDays(45);
    /** Users named in the evidence of IAM.NoKeysAtUserSetup; the count covers the rest. */
    static final int MAX_NAMED_USERS = 20;

    private CredentialReportChecks() {
    }

    static List<Finding> evaluate(IamInventory inventory, Set<String> enabled, FindingFactory findings,
            Instant now) {
        List<Finding> result = new ArrayList<>();
        perUser(result, IAM_3, "access key rotation", inventory, enabled, findings,
                (row, report) -> keyRotation(row, report, findings, now));
        perUser(result, IAM_5, "console users without MFA", inventory, enabled, findings,
                (row, report) -> consoleMfa(row, report, findings));
        perUser(result, IAM_8, "unused credentials", inventory, enabled, findings,
                (row, report) -> unusedCredentials(IAM_8, UNUSED_90_DAYS, row, report, findings, now));
        perUser(result, IAM_19, "users without MFA", inventory, enabled, findings,
                (row, report) -> userMfa(row, report, findings));
        perUser(result, IAM_22, "unused credentials", inventory, enabled, findings,
                (row, report) -> unusedCredentials(IAM_22, UNUSED_45_DAYS, row, report, findings, now));
        perUser(result, ONE_ACTIVE_ACCESS_KEY, "users with two active access keys", inventory, enabled, findings,
                (row, report) -> oneActiveKey(row, report, findings));
        if (enabled.contains(NO_KEYS_AT_USER_SETUP)) {
            result.add(keysAtSetup(inventory.credentialReport(), findings));
        }
        return result;
    }

    /**
     * Adds one finding per IAM user for an enabled control. When the report is unavailable it adds
     * one account-level ERROR instead, and when the account has no IAM user one NOT_APPLICABLE.
     */
    private static void perUser(List<Finding> result, String control, String what, IamInventory inventory,
            Set<String> enabled, FindingFactory findings, BiFunction<Row, CredentialReport, Finding> check) {
        if (!enabled.contains(control)) {
            return;
        }
        Collected<CredentialReport> report = inventory.credentialReport();
        if (!report.isOk()) {
            result.add(IamChecks.error(findings, control, what, report.error()));
            return;
        }
        List<Row> users = report.value().users();
        if (users.isEmpty()) {
            result.add(findings.finding(control, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " has no IAM users.",
                    Map.of("credentialReportGeneratedTime", report.value().generatedTime().toString())));
            return;
        }
        users.forEach(row -> result.add(check.apply(row, report.value())));
    }

    /** IAM.3: fails when an active key was last rotated more than 90 days before {@code now}. */
    static Finding keyRotation(Row row, CredentialReport report, FindingFactory findings, Instant now) {
        Map<String, Object> evidence = evidence(report);
        List<String> old = new ArrayList<>();
        for (AccessKey key : row.activeKeys()) {
            evidence.put("accessKey" + key.number() + "LastRotated", key.lastRotated().text());
            if (key.lastRotated().isTime() && olderThan(key.lastRotated().time(), KEY_ROTATION_AGE, now)) {
                old.add("access key " + key.number());
            }
        }
        if (!old.isEmpty()) {
            return finding(IAM_3, FindingStatus.FAIL, row, findings, "IAM user " + row.user() + " has "
                    + String.join(" and ", old) + " active and last rotated more than 90 days ago.", evidence);
        }
        String message = row.activeKeys().isEmpty()
                ? "IAM user " + row.user() + " has no active access key."
                : "IAM user " + row.user() + " has rotated its active access keys within 90 days.";
        return finding(IAM_3, FindingStatus.PASS, row, findings, message, evidence);
    }

    /** IAM.5: not applicable without a console password; otherwise MFA must be active. */
    static Finding consoleMfa(Row row, CredentialReport report, FindingFactory findings) {
        Map<String, Object> evidence = evidence(report);
        evidence.put("passwordEnabled", row.passwordEnabled().name().toLowerCase());
        evidence.put("mfaActive", row.mfaActive());
        if (!row.hasPassword()) {
            return finding(IAM_5, FindingStatus.NOT_APPLICABLE, row, findings, "IAM user " + row.user()
                    + " has no console password.", evidence);
        }
        if (row.mfaActive()) {
            return finding(IAM_5, FindingStatus.PASS, row, findings, "IAM user " + row.user()
                    + " has a console password and MFA.", evidence);
        }
        return finding(IAM_5, FindingStatus.FAIL, row, findings, "IAM user " + row.user()
                + " has a console password and no MFA.", evidence);
    }

    /** IAM.19: every user needs MFA, with or without a console password. */
    static Finding userMfa(Row row, CredentialReport report, FindingFactory findings) {
        Map<String, Object> evidence = evidence(report);
        evidence.put("mfaActive", row.mfaActive());
        if (row.mfaActive()) {
            return finding(IAM_19, FindingStatus.PASS, row, findings, "IAM user " + row.user() + " has MFA.", evidence);
        }
        return finding(IAM_19, FindingStatus.FAIL, row, findings, "IAM user " + row.user() + " has no MFA.", evidence);
    }

    /**
     * IAM.8 and IAM.22. A password counts as unused when its last use is older than the
     * threshold, when it was never used (N/A) and the user is older than the threshold, or when
     * its last use predates tracking (no_information). An active key counts as unused when its
     * last use is older than the threshold, or when it was never used and its last rotation is
     * older than the threshold.
     */
    static Finding unusedCredentials(String control, Duration threshold, Row row, CredentialReport report,
            FindingFactory findings, Instant now) {
        Map<String, Object> evidence = evidence(report);
        long days = threshold.toDays();
        List<String> unused = new ArrayList<>();
        if (row.hasPassword()) {
            evidence.put("passwordLastUsed", row.passwordLastUsed().text());
            if (passwordUnused(row, threshold, now)) {
                unused.add("password");
            }
        }
        for (AccessKey key : row.activeKeys()) {
            evidence.put("accessKey" + key.number() + "LastUsed", key.lastUsed().text());
            if (keyUnused(key, threshold, now)) {
                unused.add("access key " + key.number());
            }
        }
        if (!row.hasPassword() && row.activeKeys().isEmpty()) {
            return finding(control, FindingStatus.PASS, row, findings, "IAM user " + row.user()
                    + " has no console password or active access key.", evidence);
        }
        if (!unused.isEmpty()) {
            evidence.put("unusedCredentials", List.copyOf(unused));
            return finding(control, FindingStatus.FAIL, row, findings, "IAM user " + row.user() + " has "
                    + String.join(" and ", unused) + " enabled and unused for more than " + days + " days.", evidence);
        }
        return finding(control, FindingStatus.PASS, row, findings, "IAM user " + row.user()
                + " has used every enabled credential within " + days + " days.", evidence);
    }

    private static boolean passwordUnused(Row row, Duration threshold, Instant now) {
        ReportValue lastUsed = row.passwordLastUsed();
        return switch (lastUsed.kind()) {
            case TIME -> olderThan(lastUsed.time(), threshold, now);
            case NO_INFORMATION -> true;
            case NONE, NOT_SUPPORTED -> row.userCreationTime().isTime()
                    && olderThan(row.userCreationTime().time(), threshold, now);
        };
    }

    private static boolean keyUnused(AccessKey key, Duration threshold, Instant now) {
        if (key.lastUsed().isTime()) {
            return olderThan(key.lastUsed().time(), threshold, now);
        }
        return key.lastRotated().isTime() && olderThan(key.lastRotated().time(), threshold, now);
    }

    /** IAM.OneActiveAccessKey: fails when both access keys are active. */
    static Finding oneActiveKey(Row row, CredentialReport report, FindingFactory findings) {
        Map<String, Object> evidence = evidence(report);
        int active = row.activeKeys().size();
        evidence.put("activeAccessKeys", active);
        if (active > 1) {
            return finding(ONE_ACTIVE_ACCESS_KEY, FindingStatus.FAIL, row, findings, "IAM user " + row.user()
                    + " has " + active + " active access keys.", evidence);
        }
        return finding(ONE_ACTIVE_ACCESS_KEY, FindingStatus.PASS, row, findings, "IAM user " + row.user()
                + " has " + (active == 0 ? "no" : "one") + " active access key.", evidence);
    }

    /**
     * IAM.NoKeysAtUserSetup as MANUAL: console users with an active access key that was never
     * used, which is how a key created along with the user tends to show.
     */
    static Finding keysAtSetup(Collected<CredentialReport> report, FindingFactory findings) {
        if (!report.isOk()) {
            return IamChecks.error(findings, NO_KEYS_AT_USER_SETUP, "access keys created at user setup",
                    report.error());
        }
        List<String> users = report.value().users().stream()
                .filter(row -> row.hasPassword()
                        && row.activeKeys().stream().anyMatch(key -> !key.lastUsed().isTime()))
                .map(Row::user)
                .toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("credentialReportGeneratedTime", report.value().generatedTime().toString());
        evidence.put("consoleUsersWithUnusedActiveKeys", users.size());
        evidence.put("users", IamChecks.sample(users, MAX_NAMED_USERS));
        String message = users.isEmpty()
                ? "No console user of account " + findings.accountId()
                        + " has an active access key that was never used; confirm that keys are not created at"
                        + " user setup."
                : users.size() + " console users of account " + findings.accountId()
                        + " have an active access key that was never used; review whether these keys were"
                        + " created at user setup.";
        return findings.finding(NO_KEYS_AT_USER_SETUP, FindingStatus.MANUAL, findings.accountResource(), message,
                evidence);
    }

    private static boolean olderThan(Instant time, Duration age, Instant now) {
        return time.isBefore(now.minus(age));
    }

    private static Map<String, Object> evidence(CredentialReport report) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("credentialReportGeneratedTime", report.generatedTime().toString());
        return evidence;
    }

    private static Finding finding(String control, FindingStatus status, Row row, FindingFactory findings,
            String message, Map<String, Object> evidence) {
        return findings.finding(control, status, row.arn(), "AWS::IAM::User", message, evidence);
    }
}
