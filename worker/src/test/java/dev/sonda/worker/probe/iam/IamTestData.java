package dev.sonda.worker.probe.iam;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Inventory pieces the IAM check tests share. */
final class IamTestData {

    static final String ACCOUNT = "123456789012";
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Instant GENERATED = Instant.parse("2026-12-01T10:00:00Z");

    private IamTestData() {
    }

    static FindingFactory findings() {
        return new FindingFactory(Catalog.load().probe("iam").orElseThrow(), ACCOUNT, "global");
    }

    static <T> Collected<T> denied(String operation) {
        return Collected.failed(new AwsError(operation, AwsErrorKind.ACCESS_DENIED, "AccessDenied", 403, null));
    }

    static Map<String, Integer> summary(Integer password, int keys, int certificates, int mfa) {
        Map<String, Integer> map = new HashMap<>();
        if (password != null) {
            map.put("AccountPasswordPresent", password);
        }
        map.put("AccountAccessKeysPresent", keys);
        map.put("AccountSigningCertificatesPresent", certificates);
        map.put("AccountMFAEnabled", mfa);
        return map;
    }

    static Collected<CredentialReport> report(ReportCsv csv) {
        return Collected.ok(CredentialReportParser.parse(csv.csv(), GENERATED));
    }

    /** Returns a timestamp {@code days} days before {@link #NOW}, as the credential report writes it. */
    static String daysAgo(int days) {
        return NOW.minus(java.time.Duration.ofDays(days)).toString().replace("Z", "+00:00");
    }

    static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    }

    static AuthorizationDetails.User user(String name, List<AuthorizationDetails.AttachedPolicy> attached,
            List<AuthorizationDetails.InlinePolicy> inline, Map<String, String> tags) {
        return new AuthorizationDetails.User(name, "arn:aws:iam::" + ACCOUNT + ":user/" + name, "/", inline, attached,
                List.of(), tags, null);
    }

    static AuthorizationDetails.Role role(String name, String path, List<AuthorizationDetails.AttachedPolicy> attached,
            Map<String, String> tags, String boundary) {
        return new AuthorizationDetails.Role(name, "arn:aws:iam::" + ACCOUNT + ":role" + path + name, path, List.of(),
                attached, tags, boundary);
    }

    static AuthorizationDetails.AttachedPolicy awsManaged(String name) {
        return new AuthorizationDetails.AttachedPolicy(name, "arn:aws:iam::aws:policy/" + name);
    }

    static AuthorizationDetails.ManagedPolicy customerPolicy(String name, int attachments, int boundaryUses,
            String document) {
        return new AuthorizationDetails.ManagedPolicy(name, "arn:aws:iam::" + ACCOUNT + ":policy/" + name, "v1",
                attachments, boundaryUses, document);
    }

    static AuthorizationDetails details(List<AuthorizationDetails.User> users, List<AuthorizationDetails.Role> roles,
            List<AuthorizationDetails.ManagedPolicy> policies) {
        return new AuthorizationDetails(users, List.of(), roles, policies);
    }
}
