package dev.sonda.worker.probe.iam;

import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.ProbeContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * Reads what the enabled IAM controls need, each source at most once per account: one paginated
 * GetAccountAuthorizationDetails sweep, one credential report, and single list calls. The only
 * per-item calls are GetPolicyVersion for AWS managed policies that are attached, which
 * IAM.NoAttachedAdminPolicy alone needs.
 */
final class IamCollector {

    static final String SERVICE = "iam";
    /** The NoSuchEntity code of GetAccountPasswordPolicy when the account has no password policy. */
    static final String NO_SUCH_ENTITY = "NoSuchEntity";

    private final ProbeContext context;
    private final AwsCalls calls;
    private final Supplier<IamClient> iam;
    private final CredentialReportFetcher.Polling polling;
    private final CredentialReportFetcher.Sleeper sleeper;

    IamCollector(ProbeContext context, CredentialReportFetcher.Polling polling,
            CredentialReportFetcher.Sleeper sleeper) {
        this.context = context;
        this.calls = context.calls();
        this.iam = () -> context.client(IamClient.class, AwsService.IAM);
        this.polling = polling;
        this.sleeper = sleeper;
    }

    IamInventory collect() {
        Set<String> enabled = context.enabledControls();
        IamInventory.Builder inventory = IamInventory.builder();

        if (any(enabled, IamChecks.SUMMARY_CONTROLS)) {
            inventory.accountSummary(calls.call(SERVICE, "GetAccountSummary", null,
                    () -> Map.copyOf(iam.get().getAccountSummary(request -> { }).summaryMapAsStrings())));
        }
        if (any(enabled, IamChecks.REPORT_CONTROLS)) {
            inventory.credentialReport(new CredentialReportFetcher(iam, calls, sleeper, polling).fetch());
        }
        if (any(enabled, IamChecks.PASSWORD_POLICY_CONTROLS)) {
            inventory.passwordPolicy(passwordPolicy());
        }

        if (any(enabled, IamChecks.AUTHORIZATION_CONTROLS)) {
            inventory.authorization(authorizationDetails(enabled));
        }
        if (enabled.contains(IamChecks.NO_ATTACHED_ADMIN_POLICY)) {
            inventory.attachedAwsManagedPolicies(attachedAwsManagedPolicies());
        }

        if (enabled.contains(IamChecks.IAM_6)) {
            inventory.virtualMfaDevices(calls.call(SERVICE, "ListVirtualMFADevices", null, () -> {
                List<IamInventory.VirtualMfaDevice> devices = new ArrayList<>();
                iam.get().listVirtualMFADevicesPaginator(request -> request.assignmentStatus("Assigned"))
                        .virtualMFADevices()
                        .forEach(device -> devices.add(new IamInventory.VirtualMfaDevice(device.serialNumber(),
                                device.user() == null ? null : device.user().arn())));
                return devices;
            }));
        }
        if (enabled.contains(IamChecks.IAM_26)) {
            inventory.serverCertificates(calls.call(SERVICE, "ListServerCertificates", null, () -> {
                List<IamInventory.ServerCertificate> certificates = new ArrayList<>();
                iam.get().listServerCertificatesPaginator(request -> { }).serverCertificateMetadataList()
                        .forEach(metadata -> certificates.add(new IamInventory.ServerCertificate(
                                metadata.serverCertificateName(), metadata.arn(), metadata.expiration())));
                return certificates;
            }));
        }

        if (enabled.contains(IamChecks.CENTRAL_IDENTITY)) {
            inventory.identityProviders(identityProviders());
        }
        if (enabled.contains(IamChecks.IAM_23)) {
            inventory.analyzersByRegion(analyzers());
        }
        return inventory.build();
    }

    private Collected<Optional<IamInventory.PasswordPolicy>> passwordPolicy() {
        Collected<Optional<IamInventory.PasswordPolicy>> policy = calls.call(SERVICE, "GetAccountPasswordPolicy",
                null, () -> {
                    var found = iam.get().getAccountPasswordPolicy(request -> { }).passwordPolicy();
                    return Optional.of(new IamInventory.PasswordPolicy(
                            Boolean.TRUE.equals(found.requireUppercaseCharacters()),
                            Boolean.TRUE.equals(found.requireLowercaseCharacters()),
                            Boolean.TRUE.equals(found.requireSymbols()),
                            Boolean.TRUE.equals(found.requireNumbers()),
                            found.minimumPasswordLength(),
                            found.passwordReusePrevention(),
                            Boolean.FALSE.equals(found.expirePasswords()) ? null : found.maxPasswordAge()));
                });
        // An account without a password policy is data, not a failure: the policy controls fail on it.
        return policy.failedWith(NO_SUCH_ENTITY) ? Collected.ok(Optional.empty()) : policy;
    }

    /** Sweeps GetAccountAuthorizationDetails for only the entity types the enabled controls read. */
    private Collected<AuthorizationDetails> authorizationDetails(Set<String> enabled) {
        Set<EntityType> filter = new LinkedHashSet<>();
        if (any(enabled, Set.of(IamChecks.IAM_2, IamChecks.IAM_25))) {
            filter.add(EntityType.USER);
        }
        if (any(enabled, Set.of(IamChecks.IAM_24))) {
            filter.add(EntityType.ROLE);
        }
        if (any(enabled, Set.of(IamChecks.IAM_18, IamChecks.IAM_27, IamChecks.KMS_2,
                IamChecks.NO_ATTACHED_ADMIN_POLICY))) {
            filter.addAll(List.of(EntityType.USER, EntityType.GROUP, EntityType.ROLE));
        }
        if (any(enabled, Set.of(IamChecks.IAM_1, IamChecks.IAM_21, IamChecks.KMS_1,
                IamChecks.NO_ATTACHED_ADMIN_POLICY))) {
            // Users and roles name the policies they use as permissions boundary.
            filter.addAll(List.of(EntityType.LOCAL_MANAGED_POLICY, EntityType.USER, EntityType.ROLE));
        }
        return calls.call(SERVICE, "GetAccountAuthorizationDetails", null, () -> {
            List<AuthorizationDetails.User> users = new ArrayList<>();
            List<AuthorizationDetails.Group> groups = new ArrayList<>();
            List<AuthorizationDetails.Role> roles = new ArrayList<>();
            List<AuthorizationDetails.ManagedPolicy> policies = new ArrayList<>();
            iam.get().getAccountAuthorizationDetailsPaginator(request -> request.filter(filter)).forEach(page -> {
                page.userDetailList().forEach(user -> users.add(user(user)));
                page.groupDetailList().forEach(group -> groups.add(group(group)));
                page.roleDetailList().forEach(role -> roles.add(role(role)));
                page.policies().forEach(policy -> policies.add(policy(policy)));
            });
            return new AuthorizationDetails(users, groups, roles, policies);
        });
    }

    /**
     * Lists the AWS managed policies attached to an identity and reads each default version. The
     * sweep leaves AWS managed policies out, because asking for them returns every AWS managed
     * policy, over a thousand.
     */
    private Collected<List<AuthorizationDetails.ManagedPolicy>> attachedAwsManagedPolicies() {
        Collected<List<software.amazon.awssdk.services.iam.model.Policy>> listed = calls.call(SERVICE, "ListPolicies",
                null, () -> {
                    List<software.amazon.awssdk.services.iam.model.Policy> all = new ArrayList<>();
                    iam.get().listPoliciesPaginator(request -> request.scope(PolicyScopeType.AWS).onlyAttached(true))
                            .policies().forEach(all::add);
                    return all;
                });
        if (!listed.isOk()) {
            return Collected.failed(listed.error());
        }
        List<AuthorizationDetails.ManagedPolicy> policies = new ArrayList<>();
        for (var policy : listed.value()) {
            Collected<String> document = calls.call(SERVICE, "GetPolicyVersion", policy.policyName(),
                    () -> iam.get().getPolicyVersion(request -> request.policyArn(policy.arn())
                            .versionId(policy.defaultVersionId())).policyVersion().document());
            if (!document.isOk()) {
                return Collected.failed(document.error());
            }
            policies.add(new AuthorizationDetails.ManagedPolicy(policyName(policy.policyName(), policy.arn()),
                    policy.arn(), policy.defaultVersionId(), orZero(policy.attachmentCount()),
                    orZero(policy.permissionsBoundaryUsageCount()), document.value()));
        }
        return Collected.ok(policies);
    }

    private Collected<IamInventory.IdentityProviders> identityProviders() {
        Collected<List<String>> saml = calls.call(SERVICE, "ListSAMLProviders", null, () -> iam.get()
                .listSAMLProviders(request -> { }).samlProviderList().stream().map(provider -> provider.arn())
                .toList());
        if (!saml.isOk()) {
            return Collected.failed(saml.error());
        }
        Collected<List<String>> oidc = calls.call(SERVICE, "ListOpenIDConnectProviders", null, () -> iam.get()
                .listOpenIDConnectProviders(request -> { }).openIDConnectProviderList().stream()
                .map(provider -> provider.arn()).toList());
        if (!oidc.isOk()) {
            return Collected.failed(oidc.error());
        }
        return Collected.ok(new IamInventory.IdentityProviders(saml.value(), oidc.value()));
    }

    /** Calls ListAnalyzers in each region of the task; Access Analyzer is regional. */
    private Map<String, Collected<List<IamInventory.Analyzer>>> analyzers() {
        Map<String, Collected<List<IamInventory.Analyzer>>> byRegion = new LinkedHashMap<>();
        for (String region : context.accountRegions()) {
            byRegion.put(region, calls.call("access-analyzer", "ListAnalyzers", region, () -> {
                List<IamInventory.Analyzer> analyzers = new ArrayList<>();
                context.client(AccessAnalyzerClient.class, AwsService.ACCESS_ANALYZER, region)
                        .listAnalyzersPaginator(request -> { }).analyzers()
                        .forEach(analyzer -> analyzers.add(new IamInventory.Analyzer(analyzer.name(), analyzer.arn(),
                                analyzer.typeAsString(), analyzer.statusAsString(), analyzer.tags())));
                return analyzers;
            }));
        }
        return byRegion;
    }

    private static AuthorizationDetails.User user(UserDetail user) {
        return new AuthorizationDetails.User(user.userName(), user.arn(), user.path(),
                inline(user.userPolicyList()), attached(user.attachedManagedPolicies()), user.groupList(),
                tags(user.tags()), boundary(user.permissionsBoundary()));
    }

    private static AuthorizationDetails.Group group(GroupDetail group) {
        return new AuthorizationDetails.Group(group.groupName(), group.arn(), inline(group.groupPolicyList()),
                attached(group.attachedManagedPolicies()));
    }

    private static AuthorizationDetails.Role role(RoleDetail role) {
        return new AuthorizationDetails.Role(role.roleName(), role.arn(), role.path(), inline(role.rolePolicyList()),
                attached(role.attachedManagedPolicies()), tags(role.tags()), boundary(role.permissionsBoundary()));
    }

    private static AuthorizationDetails.ManagedPolicy policy(ManagedPolicyDetail policy) {
        String document = policy.policyVersionList().stream()
                .filter(version -> Boolean.TRUE.equals(version.isDefaultVersion())
                        || version.versionId().equals(policy.defaultVersionId()))
                .map(PolicyVersion::document)
                .findFirst()
                .orElse(null);
        return new AuthorizationDetails.ManagedPolicy(policyName(policy.policyName(), policy.arn()), policy.arn(),
                policy.defaultVersionId(), orZero(policy.attachmentCount()),
                orZero(policy.permissionsBoundaryUsageCount()), document);
    }

    /**
     * Returns the policy name, or the last segment of the ARN's path when the name is missing, as
     * in moto 5.2.1's GetAccountAuthorizationDetails: {@code arn:aws:iam::123456789012:policy/team/Ops}
     * gives {@code Ops}.
     */
    static String policyName(String name, String arn) {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (arn == null) {
            return null;
        }
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static List<AuthorizationDetails.InlinePolicy> inline(List<PolicyDetail> policies) {
        return policies.stream()
                .map(policy -> new AuthorizationDetails.InlinePolicy(policy.policyName(), policy.policyDocument()))
                .toList();
    }

    private static List<AuthorizationDetails.AttachedPolicy> attached(List<AttachedPolicy> policies) {
        return policies.stream()
                .map(policy -> new AuthorizationDetails.AttachedPolicy(policyName(policy.policyName(),
                        policy.policyArn()), policy.policyArn()))
                .toList();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value() == null ? "" : tag.value()));
        return map;
    }

    private static String boundary(AttachedPermissionsBoundary boundary) {
        return boundary == null ? null : boundary.permissionsBoundaryArn();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static boolean any(Set<String> enabled, Set<String> controls) {
        return controls.stream().anyMatch(enabled::contains);
    }
}
