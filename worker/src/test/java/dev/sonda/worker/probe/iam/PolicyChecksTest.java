package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamTestData.awsManaged;
import static dev.sonda.worker.probe.iam.IamTestData.customerPolicy;
import static dev.sonda.worker.probe.iam.IamTestData.denied;
import static dev.sonda.worker.probe.iam.IamTestData.details;
import static dev.sonda.worker.probe.iam.IamTestData.findings;
import static dev.sonda.worker.probe.iam.IamTestData.policy;
import static dev.sonda.worker.probe.iam.IamTestData.role;
import static dev.sonda.worker.probe.iam.IamTestData.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyChecksTest {

    private static final String ADMIN = policy("[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]");
    private static final String S3_FULL = policy("[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]");
    private static final String READ_ONLY = policy("[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:List*\"],"
            + "\"Resource\":\"*\"}]");
    private static final String DECRYPT_ALL = policy("[{\"Sid\":\"Decrypt\",\"Effect\":\"Allow\","
            + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]");

    private static List<Finding> evaluate(String control, AuthorizationDetails details) {
        return evaluate(control, details, List.of());
    }

    private static List<Finding> evaluate(String control, AuthorizationDetails details,
            List<AuthorizationDetails.ManagedPolicy> awsManaged) {
        IamInventory inventory = IamInventory.builder().authorization(Collected.ok(details))
                .attachedAwsManagedPolicies(Collected.ok(awsManaged)).build();
        return PolicyChecks.evaluate(inventory, Set.of(control), findings());
    }

    private static String encoded(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void adminCustomerPolicyFailsIam1() {
        List<Finding> result = evaluate("IAM.1", details(List.of(), List.of(),
                List.of(customerPolicy("Admin", 0, 0, encoded(ADMIN)), customerPolicy("Reader", 1, 0, encoded(READ_ONLY)))));

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.FAIL, FindingStatus.PASS);
        assertThat(result.get(0).resourceId()).isEqualTo("arn:aws:iam::123456789012:policy/Admin");
        assertThat(result.get(0).message()).isEqualTo("Policy Admin allows \"*\" on \"*\" in statements #1.");
        assertThat(result.get(0).evidence()).containsEntry("statements", List.of("#1"));
    }

    @Test
    void boundaryOnlyPolicyIsNotApplicable() {
        AuthorizationDetails.ManagedPolicy boundary = customerPolicy("Boundary", 0, 0, ADMIN);
        AuthorizationDetails details = details(List.of(), List.of(role("app", "/", List.of(), Map.of(),
                boundary.arn())), List.of(boundary));

        for (String control : List.of("IAM.1", "IAM.21", "KMS.1")) {
            Finding finding = evaluate(control, details).get(0);

            assertThat(finding.status()).as(control).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(finding.message()).isEqualTo("Policy Boundary is used only as a permissions boundary.");
        }
    }

    @Test
    void boundaryThatIsAlsoAttachedIsEvaluated() {
        Finding finding = evaluate("IAM.1", details(List.of(), List.of(),
                List.of(customerPolicy("Both", 2, 1, ADMIN)))).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void noCustomerPoliciesIsNotApplicable() {
        Finding finding = evaluate("IAM.21", details(List.of(), List.of(), List.of())).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.resourceType()).isEqualTo("AWS::::Account");
    }

    @Test
    void serviceWildcardFailsIam21() {
        List<Finding> result = evaluate("IAM.21", details(List.of(), List.of(),
                List.of(customerPolicy("S3Full", 1, 0, S3_FULL), customerPolicy("Reader", 1, 0, READ_ONLY))));

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.FAIL, FindingStatus.PASS);
        assertThat(result.get(0).message()).isEqualTo("Policy S3Full allows full access to a service: #1: Action s3:*.");
    }

    @Test
    void invalidDocumentIsError() {
        Finding finding = evaluate("IAM.1", details(List.of(), List.of(),
                List.of(customerPolicy("Broken", 1, 0, "%7Bbroken")))).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("errorCode", "InvalidPolicyDocument");
    }

    @Test
    void decryptOnAllKeysFailsKms1() {
        Finding finding = evaluate("KMS.1", details(List.of(), List.of(),
                List.of(customerPolicy("Decrypt", 0, 0, DECRYPT_ALL)))).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Policy Decrypt allows kms:Decrypt or kms:ReEncryptFrom on all keys in"
                + " statements Decrypt.");
    }

    @Test
    void inlineDecryptFailsKms2PerIdentity() {
        AuthorizationDetails.User alice = user("alice", List.of(),
                List.of(new AuthorizationDetails.InlinePolicy("decrypt", encoded(DECRYPT_ALL))), Map.of());
        AuthorizationDetails.User bob = user("bob", List.of(),
                List.of(new AuthorizationDetails.InlinePolicy("read", encoded(READ_ONLY))), Map.of());
        AuthorizationDetails.User carol = user("carol", List.of(), List.of(), Map.of());

        List<Finding> result = evaluate("KMS.2", details(List.of(alice, bob, carol), List.of(), List.of()));

        assertThat(result).extracting(Finding::resourceId).containsExactly(alice.arn(), bob.arn());
        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.FAIL, FindingStatus.PASS);
        assertThat(result.get(0).resourceType()).isEqualTo("AWS::IAM::User");
        assertThat(result.get(0).message()).isEqualTo("IAM user alice has inline policies that allow kms:Decrypt or"
                + " kms:ReEncryptFrom on all keys: decrypt Decrypt.");
    }

    @Test
    void noInlinePoliciesIsNotApplicableForKms2() {
        Finding finding = evaluate("KMS.2", details(List.of(user("carol", List.of(), List.of(), Map.of())), List.of(),
                List.of())).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void directUserPoliciesFailIam2() {
        AuthorizationDetails.User attached = user("alice", List.of(awsManaged("ReadOnlyAccess")), List.of(), Map.of());
        AuthorizationDetails.User clean = user("bob", List.of(), List.of(), Map.of());

        List<Finding> result = evaluate("IAM.2", details(List.of(attached, clean), List.of(), List.of()));

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.FAIL, FindingStatus.PASS);
        assertThat(result.get(0).message()).isEqualTo("IAM user alice has 1 managed and 0 inline policies attached"
                + " directly.");
    }

    @Test
    void supportRolePassesIam18() {
        Finding finding = evaluate("IAM.18", details(List.of(), List.of(role("support", "/",
                List.of(awsManaged("AWSSupportAccess")), Map.of(), null)), List.of())).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.evidence()).containsEntry("rolesWithAWSSupportAccess",
                List.of("arn:aws:iam::123456789012:role/support"));
    }

    @Test
    void supportPolicyOnUserOnlyFailsIam18() {
        Finding finding = evaluate("IAM.18", details(List.of(user("helpdesk", List.of(awsManaged("AWSSupportAccess")),
                List.of(), Map.of())), List.of(), List.of())).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Account 123456789012 has AWSSupportAccess attached only to users or"
                + " groups, not to a role.");
    }

    @Test
    void cloudShellFullAccessFailsPerIdentity() {
        List<Finding> result = evaluate("IAM.27", details(List.of(user("dev", List.of(awsManaged(
                "AWSCloudShellFullAccess")), List.of(), Map.of())), List.of(role("ops", "/", List.of(awsManaged(
                "AWSCloudShellFullAccess")), Map.of(), null)), List.of()));

        assertThat(result).extracting(Finding::status).containsOnly(FindingStatus.FAIL);
        assertThat(result).extracting(Finding::resourceType).containsExactly("AWS::IAM::User", "AWS::IAM::Role");
        assertThat(result.get(1).message()).isEqualTo("IAM role ops has AWSCloudShellFullAccess attached.");
    }

    @Test
    void noCloudShellFullAccessPasses() {
        Finding finding = evaluate("IAM.27", details(List.of(), List.of(), List.of())).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void attachedAwsManagedAdminFailsCisVariant() {
        AuthorizationDetails.ManagedPolicy administrator = new AuthorizationDetails.ManagedPolicy(
                "AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", "v1", 1, 0, encoded(ADMIN));
        AuthorizationDetails details = details(List.of(), List.of(),
                List.of(customerPolicy("UnattachedAdmin", 0, 0, ADMIN), customerPolicy("Reader", 1, 0, READ_ONLY)));

        List<Finding> result = evaluate("IAM.NoAttachedAdminPolicy", details, List.of(administrator));

        assertThat(result).extracting(Finding::resourceId).containsExactly(
                "arn:aws:iam::123456789012:policy/Reader", "arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.PASS, FindingStatus.FAIL);
    }

    @Test
    void noAttachedPolicyNotApplicable() {
        Finding finding = evaluate("IAM.NoAttachedAdminPolicy", details(List.of(), List.of(), List.of())).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
    }

    @Test
    void deniedAwsManagedListIsError() {
        IamInventory inventory = IamInventory.builder()
                .authorization(Collected.ok(details(List.of(), List.of(), List.of())))
                .attachedAwsManagedPolicies(denied("ListPolicies")).build();

        Finding finding = PolicyChecks.evaluate(inventory, Set.of("IAM.NoAttachedAdminPolicy"), findings()).get(0);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "ListPolicies");
    }
}
