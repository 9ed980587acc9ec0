package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamChecks.IAM_1;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_18;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_2;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_21;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_27;
import static dev.sonda.worker.probe.iam.IamChecks.KMS_1;
import static dev.sonda.worker.probe.iam.IamChecks.KMS_2;
import static dev.sonda.worker.probe.iam.IamChecks.NO_ATTACHED_ADMIN_POLICY;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.iam.AuthorizationDetails.Identity;
import dev.sonda.worker.probe.iam.AuthorizationDetails.ManagedPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The controls that read policies and their attachments: IAM.1, IAM.21 and KMS.1 over customer
 * managed policies, KMS.2 over inline policies, IAM.NoAttachedAdminPolicy over attached managed
 * policies, IAM.2 over users, and IAM.18 and IAM.27 over attachments of two AWS managed policies.
 */
final class PolicyChecks {

    /** The end of the ARN of AWSSupportAccess in every partition ({@code arn:<partition>:iam::aws:policy/...}). */
    static final String SUPPORT_ACCESS = ":iam::aws:policy/AWSSupportAccess";
    static final String CLOUDSHELL_FULL_ACCESS = ":iam::aws:policy/AWSCloudShellFullAccess";

    private PolicyChecks() {
    }

    static List<Finding> evaluate(IamInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        Collected<AuthorizationDetails> details = inventory.authorization();
        if (enabled.contains(IAM_1)) {
            result.addAll(customerPolicies(IAM_1, "full administrative privileges", details, findings,
                    PolicyAnalyzer::fullAdminStatements, "allows \"*\" on \"*\" in statements ",
                    "does not allow \"*\" on \"*\""));
        }
        if (enabled.contains(IAM_2)) {
            result.addAll(userPolicies(details, findings));
        }
        if (enabled.contains(IAM_18)) {
            result.add(supportRole(details, findings));
        }
        if (enabled.contains(IAM_21)) {
            result.addAll(customerPolicies(IAM_21, "full access to a service", details, findings,
                    PolicyAnalyzer::serviceWildcards, "allows full access to a service: ",
                    "allows no \"service:*\" action"));
        }
        if (enabled.contains(IAM_27)) {
            result.addAll(cloudShellFullAccess(details, findings));
        }
        if (enabled.contains(KMS_1)) {
            result.addAll(customerPolicies(KMS_1, "decryption on all KMS keys", details, findings,
                    PolicyAnalyzer::kmsDecryptOnAllKeys, "allows kms:Decrypt or kms:ReEncryptFrom on all keys in"
                            + " statements ", "does not allow kms:Decrypt or kms:ReEncryptFrom on all keys"));
        }
        if (enabled.contains(KMS_2)) {
            result.addAll(inlineKmsDecrypt(details, findings));
        }
        if (enabled.contains(NO_ATTACHED_ADMIN_POLICY)) {
            result.addAll(attachedAdminPolicies(details, inventory.attachedAwsManagedPolicies(), findings));
        }
        return result;
    }

    /**
     * Evaluates a test over every customer managed policy's default version. Policies that are
     * attached to nothing and used as permissions boundaries are not applicable, as in the AWS
     * Config rules with excludePermissionBoundaryPolicy.
     *
     * @param test returns what the policy grants that fails the control; empty passes
     * @param failPrefix the failing message after "Policy NAME ", followed by the test's output
     */
    private static List<Finding> customerPolicies(String control, String what, Collected<AuthorizationDetails> details,
            FindingFactory findings, Function<PolicyDocument, List<String>> test, String failPrefix,
            String passText) {
        if (!details.isOk()) {
            return List.of(IamChecks.error(findings, control, "customer managed policies that allow " + what,
                    details.error()));
        }
        List<ManagedPolicy> policies = details.value().policies();
        if (policies.isEmpty()) {
            return List.of(findings.finding(control, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " has no customer managed policies.",
                    Map.of()));
        }
        Set<String> boundaries = details.value().boundaryPolicyArns();
        Set<String> attached = attachedArns(details.value());
        List<Finding> result = new ArrayList<>();
        for (ManagedPolicy policy : policies) {
            boolean boundary = policy.boundaryUsageCount() > 0 || boundaries.contains(policy.arn());
            boolean isAttached = policy.attachmentCount() > 0 || attached.contains(policy.arn());
            if (boundary && !isAttached) {
                result.add(findings.finding(control, FindingStatus.NOT_APPLICABLE, policy.arn(), "Policy "
                        + policy.name() + " is used only as a permissions boundary.", policyEvidence(policy)));
                continue;
            }
            result.add(analyze(control, policy, test, failPrefix, passText, findings));
        }
        return result;
    }

    private static Finding analyze(String control, ManagedPolicy policy, Function<PolicyDocument, List<String>> test,
            String failPrefix, String passText, FindingFactory findings) {
        Map<String, Object> evidence = policyEvidence(policy);
        PolicyDocument document = PolicyDocument.parse(policy.defaultDocument());
        if (!document.valid()) {
            return invalidDocument(control, policy.arn(), "AWS::IAM::Policy", "policy " + policy.name(),
                    document, evidence, findings);
        }
        List<String> found = test.apply(document);
        if (!found.isEmpty()) {
            evidence.put("statements", found);
            return findings.finding(control, FindingStatus.FAIL, policy.arn(), "AWS::IAM::Policy", "Policy "
                    + policy.name() + " " + failPrefix + String.join(", ", found) + ".", evidence);
        }
        return findings.finding(control, FindingStatus.PASS, policy.arn(), "AWS::IAM::Policy", "Policy "
                + policy.name() + " " + passText + ".", evidence);
    }

    /** IAM.2: fails for each user with a directly attached managed policy or an inline policy. */
    private static List<Finding> userPolicies(Collected<AuthorizationDetails> details, FindingFactory findings) {
        if (!details.isOk()) {
            return List.of(IamChecks.error(findings, IAM_2, "policies attached to users", details.error()));
        }
        List<AuthorizationDetails.User> users = details.value().users();
        if (users.isEmpty()) {
            return List.of(findings.finding(IAM_2, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "Account " + findings.accountId() + " has no IAM users.", Map.of()));
        }
        List<Finding> result = new ArrayList<>();
        for (AuthorizationDetails.User user : users) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            List<String> attached = user.attachedPolicies().stream().map(AuthorizationDetails.AttachedPolicy::arn)
                    .toList();
            List<String> inline = user.inlinePolicies().stream().map(AuthorizationDetails.InlinePolicy::name).toList();
            evidence.put("attachedPolicies", attached);
            evidence.put("inlinePolicies", inline);
            evidence.put("groups", user.groupNames());
            if (attached.isEmpty() && inline.isEmpty()) {
                result.add(findings.finding(IAM_2, FindingStatus.PASS, user.arn(), "IAM user " + user.name()
                        + " has no policies attached directly.", evidence));
            } else {
                result.add(findings.finding(IAM_2, FindingStatus.FAIL, user.arn(), "IAM user " + user.name() + " has "
                        + attached.size() + " managed and " + inline.size() + " inline policies attached directly.",
                        evidence));
            }
        }
        return result;
    }

    /**
     * IAM.18: passes when AWSSupportAccess is attached to a role, because CIS recommends a role that
     * support staff assume. A user or group with the policy is listed in the evidence but does not pass.
     */
    private static Finding supportRole(Collected<AuthorizationDetails> details, FindingFactory findings) {
        String account = findings.accountId();
        if (!details.isOk()) {
            return IamChecks.error(findings, IAM_18, "a support role", details.error());
        }
        List<String> roles = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Identity identity : details.value().identities()) {
            if (identity.hasAttached(SUPPORT_ACCESS)) {
                (identity instanceof AuthorizationDetails.Role ? roles : others).add(identity.arn());
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rolesWithAWSSupportAccess", IamChecks.sample(roles, 20));
        evidence.put("usersAndGroupsWithAWSSupportAccess", IamChecks.sample(others, 20));
        if (!roles.isEmpty()) {
            return findings.finding(IAM_18, FindingStatus.PASS, findings.accountResource(), "Account " + account
                    + " has " + roles.size() + " role(s) with AWSSupportAccess attached.", evidence);
        }
        String message = others.isEmpty()
                ? "Account " + account + " has no role with AWSSupportAccess attached."
                : "Account " + account + " has AWSSupportAccess attached only to users or groups, not to a role.";
        return findings.finding(IAM_18, FindingStatus.FAIL, findings.accountResource(), message, evidence);
    }

    /** IAM.27: fails for each identity with AWSCloudShellFullAccess; passes once when none has it. */
    private static List<Finding> cloudShellFullAccess(Collected<AuthorizationDetails> details,
            FindingFactory findings) {
        if (!details.isOk()) {
            return List.of(IamChecks.error(findings, IAM_27, "AWSCloudShellFullAccess attachments", details.error()));
        }
        List<Finding> result = new ArrayList<>();
        for (Identity identity : details.value().identities()) {
            if (identity.hasAttached(CLOUDSHELL_FULL_ACCESS)) {
                result.add(findings.finding(IAM_27, FindingStatus.FAIL, identity.arn(), identity.resourceType(),
                        "IAM " + identity.kind() + " " + identity.name() + " has AWSCloudShellFullAccess attached.",
                        Map.of("policyArn", "arn:aws:iam::aws:policy/AWSCloudShellFullAccess")));
            }
        }
        if (result.isEmpty()) {
            result.add(findings.finding(IAM_27, FindingStatus.PASS, findings.accountResource(), "No IAM identity of"
                    + " account " + findings.accountId() + " has AWSCloudShellFullAccess attached.", Map.of()));
        }
        return result;
    }

    /** KMS.2: one finding per user, group or role with inline policies. */
    private static List<Finding> inlineKmsDecrypt(Collected<AuthorizationDetails> details, FindingFactory findings) {
        if (!details.isOk()) {
            return List.of(IamChecks.error(findings, KMS_2, "inline policies that allow decryption on all KMS keys",
                    details.error()));
        }
        List<Finding> result = new ArrayList<>();
        for (Identity identity : details.value().identities()) {
            if (identity.inlinePolicies().isEmpty()) {
                continue;
            }
            List<String> failing = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            for (AuthorizationDetails.InlinePolicy policy : identity.inlinePolicies()) {
                PolicyDocument document = PolicyDocument.parse(policy.document());
                if (!document.valid()) {
                    invalid.add(policy.name() + ": " + document.invalidReason());
                    continue;
                }
                PolicyAnalyzer.kmsDecryptOnAllKeys(document)
                        .forEach(statement -> failing.add(policy.name() + " " + statement));
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("inlinePolicies", identity.inlinePolicies().stream()
                    .map(AuthorizationDetails.InlinePolicy::name).toList());
            String subject = "IAM " + identity.kind() + " " + identity.name();
            if (!failing.isEmpty()) {
                evidence.put("statements", failing);
                result.add(findings.finding(KMS_2, FindingStatus.FAIL, identity.arn(), identity.resourceType(),
                        subject + " has inline policies that allow kms:Decrypt or kms:ReEncryptFrom on all keys: "
                                + String.join(", ", failing) + ".", evidence));
            } else if (!invalid.isEmpty()) {
                evidence.put("operation", "GetAccountAuthorizationDetails");
                evidence.put("errorCode", "InvalidPolicyDocument");
                evidence.put("invalidPolicies", invalid);
                result.add(findings.finding(KMS_2, FindingStatus.ERROR, identity.arn(), identity.resourceType(),
                        subject + " has inline policies that could not be read: " + String.join(", ", invalid) + ".",
                        evidence));
            } else {
                result.add(findings.finding(KMS_2, FindingStatus.PASS, identity.arn(), identity.resourceType(),
                        subject + " has no inline policy that allows kms:Decrypt or kms:ReEncryptFrom on all keys.",
                        evidence));
            }
        }
        if (result.isEmpty()) {
            result.add(findings.finding(KMS_2, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "No IAM user, group or role of account " + findings.accountId()
                            + " has an inline policy.", Map.of()));
        }
        return result;
    }

    /**
     * IAM.NoAttachedAdminPolicy: every managed policy attached to an identity, AWS managed ones
     * included, fails when it allows "*" on "*".
     */
    private static List<Finding> attachedAdminPolicies(Collected<AuthorizationDetails> details,
            Collected<List<ManagedPolicy>> awsManaged, FindingFactory findings) {
        String control = NO_ATTACHED_ADMIN_POLICY;
        if (!details.isOk()) {
            return List.of(IamChecks.error(findings, control, "attached policies with full administrative privileges",
                    details.error()));
        }
        List<Finding> result = new ArrayList<>();
        Set<String> attached = attachedArns(details.value());
        for (ManagedPolicy policy : details.value().policies()) {
            if (policy.attachmentCount() > 0 || attached.contains(policy.arn())) {
                result.add(analyze(control, policy, PolicyAnalyzer::fullAdminStatements,
                        "is attached and allows \"*\" on \"*\" in statements ", "is attached and does not allow \"*\""
                                + " on \"*\"", findings));
            }
        }
        if (!awsManaged.isOk()) {
            result.add(IamChecks.error(findings, control, "attached AWS managed policies with full administrative"
                    + " privileges", awsManaged.error()));
            return result;
        }
        for (ManagedPolicy policy : awsManaged.value()) {
            result.add(analyze(control, policy, PolicyAnalyzer::fullAdminStatements,
                    "is attached and allows \"*\" on \"*\" in statements ", "is attached and does not allow \"*\""
                            + " on \"*\"", findings));
        }
        if (result.isEmpty()) {
            result.add(findings.finding(control, FindingStatus.NOT_APPLICABLE, findings.accountResource(),
                    "AWS::::Account", "No managed policy is attached to an IAM identity of account "
                            + findings.accountId() + ".", Map.of()));
        }
        return result;
    }

    private static Set<String> attachedArns(AuthorizationDetails details) {
        Set<String> arns = new LinkedHashSet<>();
        details.identities().forEach(identity -> identity.attachedPolicies()
                .forEach(policy -> arns.add(policy.arn())));
        return arns;
    }

    private static Map<String, Object> policyEvidence(ManagedPolicy policy) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("defaultVersionId", policy.defaultVersionId());
        evidence.put("attachmentCount", policy.attachmentCount());
        evidence.put("permissionsBoundaryUsageCount", policy.boundaryUsageCount());
        return evidence;
    }

    private static Finding invalidDocument(String control, String resource, String resourceType, String subject,
            PolicyDocument document, Map<String, Object> evidence, FindingFactory findings) {
        evidence.put("operation", "GetAccountAuthorizationDetails");
        evidence.put("errorCode", "InvalidPolicyDocument");
        evidence.put("reason", document.invalidReason());
        return findings.finding(control, FindingStatus.ERROR, resource, resourceType, "The default version of "
                + subject + " could not be read: " + document.invalidReason() + ".", evidence);
    }
}
