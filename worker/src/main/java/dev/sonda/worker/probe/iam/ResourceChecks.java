package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamChecks.CENTRAL_IDENTITY;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_23;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_24;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_25;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_26;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.iam.IamInventory.Analyzer;
import dev.sonda.worker.probe.iam.IamInventory.IdentityProviders;
import dev.sonda.worker.probe.iam.IamInventory.ServerCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tags of analyzers, roles and users (IAM.23 to IAM.25), expired server certificates (IAM.26) and
 * the evidence of central identity management (IAM.CentralIdentity).
 */
final class ResourceChecks {

    private ResourceChecks() {
    }

    static List<Finding> evaluate(IamInventory inventory, Set<String> enabled, FindingFactory findings, Instant now) {
        List<Finding> result = new ArrayList<>();
        if (enabled.contains(IAM_23)) {
            result.addAll(analyzerTags(inventory.analyzersByRegion(), findings));
        }
        if (enabled.contains(IAM_24)) {
            result.addAll(roleTags(inventory.authorization(), findings));
        }
        if (enabled.contains(IAM_25)) {
            result.addAll(userTags(inventory.authorization(), findings));
        }
        if (enabled.contains(IAM_26)) {
            result.addAll(serverCertificates(inventory.serverCertificates(), findings, now));
        }
        if (enabled.contains(CENTRAL_IDENTITY)) {
            result.add(centralIdentity(inventory.identityProviders(), inventory.credentialReport(), findings));
        }
        return result;
    }

    /**
     * IAM.23 over the regions the task lists. A region whose ListAnalyzers failed gets its own
     * ERROR finding, so that the other regions still count.
     */
    static List<Finding> analyzerTags(Map<String, Collected<List<Analyzer>>> byRegion, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        for (Map.Entry<String, Collected<List<Analyzer>>> region : new TreeMap<>(byRegion).entrySet()) {
            Collected<List<Analyzer>> analyzers = region.getValue();
            if (!analyzers.isOk()) {
                result.add(findings.error(IAM_23, findings.accountResource(), "Access Analyzer analyzers of account "
                        + findings.accountId() + " in " + region.getKey() + " could not be checked for tags: "
                        + "ListAnalyzers failed with " + analyzers.error().errorCode() + ".", analyzers.error()));
                continue;
            }
            for (Analyzer analyzer : analyzers.value()) {
                result.add(tagged(IAM_23, analyzer.arn(), "AWS::AccessAnalyzer::Analyzer",
                        "Access Analyzer analyzer " + analyzer.name() + " in " + region.getKey(), analyzer.tags(),
                        findings));
            }
        }
        if (result.isEmpty()) {
            result.add(findings.finding(IAM_23, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " has no Access Analyzer analyzer in "
                            + String.join(", ", new TreeMap<>(byRegion).keySet()) + ".", Map.of()));
        }
        return result;
    }

    /** IAM.24; service-linked roles are not applicable because AWS manages them. */
    static List<Finding> roleTags(Collected<AuthorizationDetails> details, FindingFactory findings) {
        if (!details.isOk()) {
            return List.of(IamChecks.error(findings, IAM_24, "role tags", details.error()));
        }
        List<Finding> result = new ArrayList<>();
        for (AuthorizationDetails.Role role : details.value().roles()) {
            if (role.serviceLinked()) {
                result.add(findings.finding(IAM_24, FindingStatus.NOT_APPLICABLE, role.arn(), "IAM role "
                        + role.name() + " is a service-linked role, which AWS manages.", Map.of("path", role.path())));
            } else {
                result.add(tagged(IAM_24, role.arn(), "AWS::IAM::Role", "IAM role " + role.name(), role.tags(),
                        findings));
            }
        }
        if (result.isEmpty()) {
            result.add(findings.finding(IAM_24, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " has no IAM roles.", Map.of()));
        }
        return result;
    }

    static List<Finding> userTags(Collected<AuthorizationDetails> details, FindingFactory findings) {
        if (!details.isOk()) {
            return List.of(IamChecks.error(findings, IAM_25, "user tags", details.error()));
        }
        List<Finding> result = new ArrayList<>();
        for (AuthorizationDetails.User user : details.value().users()) {
            result.add(tagged(IAM_25, user.arn(), "AWS::IAM::User", "IAM user " + user.name(), user.tags(), findings));
        }
        if (result.isEmpty()) {
            result.add(findings.finding(IAM_25, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " has no IAM users.", Map.of()));
        }
        return result;
    }

    /** IAM.26: fails for each certificate that expired before {@code now}. */
    static List<Finding> serverCertificates(Collected<List<ServerCertificate>> certificates, FindingFactory findings,
            Instant now) {
        if (!certificates.isOk()) {
            return List.of(IamChecks.error(findings, IAM_26, "expired server certificates", certificates.error()));
        }
        if (certificates.value().isEmpty()) {
            return List.of(findings.finding(IAM_26, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " stores no server certificate in IAM.",
                    Map.of()));
        }
        List<Finding> result = new ArrayList<>();
        for (ServerCertificate certificate : certificates.value()) {
            Map<String, Object> evidence = Map.of("expiration", certificate.expiration().toString());
            if (certificate.expiration().isBefore(now)) {
                result.add(findings.finding(IAM_26, FindingStatus.FAIL, certificate.arn(), "Server certificate "
                        + certificate.name() + " expired at " + certificate.expiration() + ".", evidence));
            } else {
                result.add(findings.finding(IAM_26, FindingStatus.PASS, certificate.arn(), "Server certificate "
                        + certificate.name() + " is valid until " + certificate.expiration() + ".", evidence));
            }
        }
        return result;
    }

    /**
     * IAM.CentralIdentity as MANUAL: identity providers show federation, and IAM users with
     * console passwords show identities managed outside it. The user count is left out when the
     * credential report is unavailable.
     */
    static Finding centralIdentity(Collected<IdentityProviders> providers, Collected<CredentialReport> report,
            FindingFactory findings) {
        if (!providers.isOk()) {
            return IamChecks.error(findings, CENTRAL_IDENTITY, "identity providers", providers.error());
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        int saml = providers.value().samlProviderArns().size();
        int oidc = providers.value().openIdConnectProviderArns().size();
        evidence.put("samlProviders", saml);
        evidence.put("openIdConnectProviders", oidc);
        String users;
        if (report.isOk()) {
            long consoleUsers = report.value().users().stream().filter(CredentialReport.Row::hasPassword).count();
            long withoutMfa = report.value().users().stream().filter(row -> row.hasPassword() && !row.mfaActive())
                    .count();
            evidence.put("iamUsersWithConsolePassword", consoleUsers);
            evidence.put("consoleUsersWithoutMfa", withoutMfa);
            evidence.put("credentialReportGeneratedTime", report.value().generatedTime().toString());
            users = consoleUsers + " IAM users with a console password";
        } else {
            evidence.put("iamUsersWithConsolePassword", "unavailable: " + report.error().errorCode());
            users = "an unknown number of IAM users with a console password";
        }
        return findings.finding(CENTRAL_IDENTITY, FindingStatus.MANUAL, findings.accountResource(), "Account "
                + findings.accountId() + " has " + saml + " SAML and " + oidc + " OpenID Connect providers and "
                + users + "; review whether identities are managed centrally.", evidence);
    }

    private static Finding tagged(String control, String resource, String resourceType, String subject,
            Map<String, String> tags, FindingFactory findings) {
        List<String> keys = IamChecks.customerTagKeys(tags);
        Map<String, Object> evidence = Map.of("tagKeys", keys);
        if (keys.isEmpty()) {
            return findings.finding(control, FindingStatus.FAIL, resource, resourceType, subject + " has no tags.",
                    evidence);
        }
        return findings.finding(control, FindingStatus.PASS, resource, resourceType, subject + " has tags.", evidence);
    }
}
