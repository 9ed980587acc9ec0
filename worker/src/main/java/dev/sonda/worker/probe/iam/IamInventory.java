package dev.sonda.worker.probe.iam;

import dev.sonda.worker.probe.Collected;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data the IAM probe read from one account. A component is {@code null} when no enabled control
 * needs it, so that the probe made no call for it.
 *
 * @param accountSummary the SummaryMap of GetAccountSummary
 * @param credentialReport the parsed credential report
 * @param passwordPolicy the account password policy, empty when the account has none (NoSuchEntity)
 * @param authorization users, groups, roles and customer managed policies
 * @param attachedAwsManagedPolicies the AWS managed policies attached to at least one identity,
 *     with their default documents
 * @param virtualMfaDevices the virtual MFA devices assigned to a user or the root user
 * @param serverCertificates the server certificates stored in IAM
 * @param identityProviders the SAML and OpenID Connect providers
 * @param analyzersByRegion the Access Analyzer analyzers of each region the task lists
 */
public record IamInventory(
        Collected<Map<String, Integer>> accountSummary,
        Collected<CredentialReport> credentialReport,
        Collected<Optional<PasswordPolicy>> passwordPolicy,
        Collected<AuthorizationDetails> authorization,
        Collected<List<AuthorizationDetails.ManagedPolicy>> attachedAwsManagedPolicies,
        Collected<List<VirtualMfaDevice>> virtualMfaDevices,
        Collected<List<ServerCertificate>> serverCertificates,
        Collected<IdentityProviders> identityProviders,
        Map<String, Collected<List<Analyzer>>> analyzersByRegion) {

    public IamInventory {
        analyzersByRegion = analyzersByRegion == null ? null : Map.copyOf(analyzersByRegion);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The account password policy. Integer settings are {@code null} when unset.
     *
     * @param maxPasswordAge days before a password expires, or {@code null} when passwords never expire
     */
    public record PasswordPolicy(boolean requireUppercase, boolean requireLowercase, boolean requireSymbols,
            boolean requireNumbers, Integer minimumLength, Integer reusePrevention, Integer maxPasswordAge) {
    }

    /**
     * A virtual MFA device.
     *
     * @param userArn the ARN of the user it is assigned to; {@code arn:aws:iam::<account>:root}
     *     for the root user
     */
    public record VirtualMfaDevice(String serialNumber, String userArn) {

        public boolean assignedToRoot() {
            return (userArn != null && userArn.endsWith(":root"))
                    || (serialNumber != null && serialNumber.endsWith("/root-account-mfa-device"));
        }
    }

    public record ServerCertificate(String name, String arn, Instant expiration) {
    }

    /** The identity providers an account federates with, by ARN. */
    public record IdentityProviders(List<String> samlProviderArns, List<String> openIdConnectProviderArns) {

        public IdentityProviders {
            samlProviderArns = List.copyOf(samlProviderArns);
            openIdConnectProviderArns = List.copyOf(openIdConnectProviderArns);
        }
    }

    /** An IAM Access Analyzer analyzer, with its tags. */
    public record Analyzer(String name, String arn, String type, String status, Map<String, String> tags) {

        public Analyzer {
            tags = Map.copyOf(tags);
        }
    }

    /** Collects the components one by one; unset components stay {@code null}. */
    public static final class Builder {

        private Collected<Map<String, Integer>> accountSummary;
        private Collected<CredentialReport> credentialReport;
        private Collected<Optional<PasswordPolicy>> passwordPolicy;
        private Collected<AuthorizationDetails> authorization;
        private Collected<List<AuthorizationDetails.ManagedPolicy>> attachedAwsManagedPolicies;
        private Collected<List<VirtualMfaDevice>> virtualMfaDevices;
        private Collected<List<ServerCertificate>> serverCertificates;
        private Collected<IdentityProviders> identityProviders;
        private Map<String, Collected<List<Analyzer>>> analyzersByRegion;

        private Builder() {
        }

        public Builder accountSummary(Collected<Map<String, Integer>> value) {
            this.accountSummary = value;
            return this;
        }

        public Builder credentialReport(Collected<CredentialReport> value) {
            this.credentialReport = value;
            return this;
        }

        public Builder passwordPolicy(Collected<Optional<PasswordPolicy>> value) {
            this.passwordPolicy = value;
            return this;
        }

        public Builder authorization(Collected<AuthorizationDetails> value) {
            this.authorization = value;
            return this;
        }

        public Builder attachedAwsManagedPolicies(Collected<List<AuthorizationDetails.ManagedPolicy>> value) {
            this.attachedAwsManagedPolicies = value;
            return this;
        }

        public Builder virtualMfaDevices(Collected<List<VirtualMfaDevice>> value) {
            this.virtualMfaDevices = value;
            return this;
        }

        public Builder serverCertificates(Collected<List<ServerCertificate>> value) {
            this.serverCertificates = value;
            return this;
        }

        public Builder identityProviders(Collected<IdentityProviders> value) {
            this.identityProviders = value;
            return this;
        }

        public Builder analyzersByRegion(Map<String, Collected<List<Analyzer>>> value) {
            this.analyzersByRegion = value;
            return this;
        }

        public IamInventory build() {
            return new IamInventory(accountSummary, credentialReport, passwordPolicy, authorization,
                    attachedAwsManagedPolicies, virtualMfaDevices, serverCertificates, identityProviders,
                    analyzersByRegion);
        }
    }
}
