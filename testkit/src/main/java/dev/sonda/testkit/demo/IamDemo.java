package dev.sonda.testkit.demo;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.MotoGaps.AwsManagedAttachment;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM part of the demo estate: users, groups, roles, policies, password policies, server
 * certificates and identity providers. Its fixtures supply what moto cannot hold: root rows of
 * the credential report, credential dates, AWS managed policy attachments, certificate expiry
 * and primary contacts. Each IAM control passes in one demo account and fails in another.
 *
 * <table>
 *   <caption>Contents</caption>
 *   <tr><th>Account</th><th>IAM</th></tr>
 *   <tr><td>111111111111 acme-prod</td>
 *       <td>CIS password policy. User alice: console password used yesterday, virtual MFA, one
 *           access key rotated 30 days ago and used yesterday, tag owner, in group operators.
 *           Group operators: customer policy ReadReports attached, inline policy that decrypts
 *           with one key. Role support: AWSSupportAccess (fixture), tag owner, permissions
 *           boundary DeveloperBoundary, a customer policy allowing "*" on "*" used only as a
 *           boundary. Server certificate www (valid until next year, fixture). A SAML provider.
 *           Root row without keys (fixture). Full primary contact (fixture).</td></tr>
 *   <tr><td>222222222222 acme-dev</td>
 *       <td>No password policy. User dev-sam: console password unused, no MFA, no tags, two
 *           active keys (key 1 rotated 120 days ago and never used), customer policy DevFullS3
 *           (s3:*), an inline policy decrypting with every KMS key, and AdministratorAccess and
 *           AWSCloudShellFullAccess attached (fixture). Unattached customer policy LegacyAdmin
 *           ("*:*" on "*"). Role ci-deployer without tags. Server certificate legacy (moto's
 *           2012 expiry). Root row with an access key (fixture). No primary contact
 *           (fixture).</td></tr>
 *   <tr><td>333333333333 globex-prod</td>
 *       <td>Password policy with every character class and 8 characters, no reuse prevention
 *           or expiry. User reporting-bot: no password, no MFA, key 1 rotated 200 days ago and
 *           used 60 days ago, tag owner, in group readers. Group readers: ReadOnlyAccess
 *           (fixture). Role analytics with tag owner. Root row without keys (fixture). Primary
 *           contact with three fields (fixture).</td></tr>
 * </table>
 */
public final class IamDemo implements DemoPart {

    private static final Logger LOG = LoggerFactory.getLogger(IamDemo.class);
    private static final String ACME_PROD = DemoEstate.ACME_PROD.id();
    private static final String ACME_DEV = DemoEstate.ACME_DEV.id();
    private static final String GLOBEX = DemoEstate.GLOBEX_PROD.id();
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::%s:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Override
    public void create(URI motoEndpoint) {
        try (IamClient iam = iam(motoEndpoint, ACME_PROD)) {
            createAcmeProd(iam);
        }
        try (IamClient iam = iam(motoEndpoint, ACME_DEV)) {
            createAcmeDev(iam);
        }
        try (IamClient iam = iam(motoEndpoint, GLOBEX)) {
            createGlobex(iam);
        }
        LOG.info("Demo IAM estate created in accounts {}, {} and {}", ACME_PROD, ACME_DEV, GLOBEX);
    }

    @Override
    public List<FaultRule> fixtures() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<FaultRule> fixtures = new ArrayList<>();

        fixtures.add(MotoGaps.credentialReport(ACME_PROD, rows(
                MotoGaps.ROOT_USER, Map.of("mfa_active", "true", "password_last_used", daysAgo(now, 200)),
                "alice", Map.of("password_last_used", daysAgo(now, 1), "access_key_1_last_rotated", daysAgo(now, 30),
                        "access_key_1_last_used_date", daysAgo(now, 1)))));
        fixtures.addAll(MotoGaps.awsManagedPolicies(ACME_PROD,
                AwsManagedAttachment.supportAccess("Role", "support")));
        fixtures.add(MotoGaps.serverCertificateExpiration(ACME_PROD, "www", now.plus(Duration.ofDays(365))));
        fixtures.add(MotoGaps.contactInformation(ACME_PROD, Map.of("fullName", "Acme Cloud Operations",
                "companyName", "Acme", "addressLine1", "1 Example Street", "city", "Springfield",
                "postalCode", "00000", "countryCode", "US", "phoneNumber", "+1-555-0100")));

        fixtures.add(MotoGaps.credentialReport(ACME_DEV, rows(
                MotoGaps.ROOT_USER, Map.of("password_last_used", daysAgo(now, 3), "access_key_1_active", "true",
                        "access_key_1_last_rotated", daysAgo(now, 700), "access_key_1_last_used_date", daysAgo(now, 3)),
                "dev-sam", Map.of("password_last_used", "no_information", "access_key_1_last_rotated",
                        daysAgo(now, 120), "access_key_1_last_used_date", "N/A", "access_key_2_last_used_date",
                        daysAgo(now, 2)))));
        fixtures.addAll(MotoGaps.awsManagedPolicies(ACME_DEV,
                AwsManagedAttachment.administratorAccess("User", "dev-sam"),
                AwsManagedAttachment.cloudShellFullAccess("User", "dev-sam")));
        fixtures.add(MotoGaps.noContactInformation(ACME_DEV));

        fixtures.add(MotoGaps.credentialReport(GLOBEX, rows(
                MotoGaps.ROOT_USER, Map.of(),
                "reporting-bot", Map.of("access_key_1_last_rotated", daysAgo(now, 200),
                        "access_key_1_last_used_date", daysAgo(now, 60)))));
        fixtures.addAll(MotoGaps.awsManagedPolicies(GLOBEX, new AwsManagedAttachment("Group", "readers",
                "ReadOnlyAccess", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"s3:Get*\",\"s3:List*\",\"ec2:Describe*\"],\"Resource\":\"*\"}]}")));
        fixtures.add(MotoGaps.contactInformation(GLOBEX, Map.of("fullName", "Globex Infrastructure",
                "countryCode", "DE", "phoneNumber", "+49-30-0000000")));
        return fixtures;
    }

    private static void createAcmeProd(IamClient iam) {
        String account = ACME_PROD;
        iam.updateAccountPasswordPolicy(request -> request.minimumPasswordLength(14).requireUppercaseCharacters(true)
                .requireLowercaseCharacters(true).requireSymbols(true).requireNumbers(true)
                .passwordReusePrevention(24).maxPasswordAge(90));
        String boundary = createPolicy(iam, account, "DeveloperBoundary", allow("*", "*"));
        String readReports = createPolicy(iam, account, "ReadReports",
                allow("s3:GetObject", "arn:aws:s3:::acme-reports/*"));
        ignoreExisting(() -> iam.createGroup(request -> request.groupName("operators")));
        iam.attachGroupPolicy(request -> request.groupName("operators").policyArn(readReports));
        iam.putGroupPolicy(request -> request.groupName("operators").policyName("decrypt-app-key").policyDocument(
                allow("kms:Decrypt", "arn:aws:kms:eu-west-1:" + account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab")));
        createUser(iam, "alice", Map.of("owner", "platform"));
        iam.addUserToGroup(request -> request.groupName("operators").userName("alice"));
        createLoginProfile(iam, "alice");
        enableVirtualMfa(iam, account, "alice");
        ensureAccessKeys(iam, "alice", 1);
        ignoreExisting(() -> iam.createRole(request -> request.roleName("support")
                .assumeRolePolicyDocument(TRUST.formatted(account)).permissionsBoundary(boundary)
                .tags(tags(Map.of("owner", "security")))));
        uploadCertificate(iam, "www");
        if (iam.listSAMLProviders().samlProviderList().isEmpty()) {
            iam.createSAMLProvider(request -> request.name("acme-okta")
                    .samlMetadataDocument("<EntityDescriptor>" + "x".repeat(1000) + "</EntityDescriptor>"));
        }
    }

    private static void createAcmeDev(IamClient iam) {
        String account = ACME_DEV;
        // No password policy: IAM.7 and IAM.10 to IAM.17 fail here.
        String fullS3 = createPolicy(iam, account, "DevFullS3", allow("s3:*", "*"));
        createPolicy(iam, account, "LegacyAdmin", allow("*:*", "*"));
        createUser(iam, "dev-sam", Map.of());
        createLoginProfile(iam, "dev-sam");
        ensureAccessKeys(iam, "dev-sam", 2);
        iam.attachUserPolicy(request -> request.userName("dev-sam").policyArn(fullS3));
        iam.putUserPolicy(request -> request.userName("dev-sam").policyName("decrypt-all")
                .policyDocument(allow("kms:Decrypt", "*")));
        ignoreExisting(() -> iam.createRole(request -> request.roleName("ci-deployer")
                .assumeRolePolicyDocument(TRUST.formatted(account))));
        uploadCertificate(iam, "legacy");
    }

    private static void createGlobex(IamClient iam) {
        String account = GLOBEX;
        iam.updateAccountPasswordPolicy(request -> request.minimumPasswordLength(8).requireUppercaseCharacters(true)
                .requireLowercaseCharacters(true).requireSymbols(true).requireNumbers(true));
        ignoreExisting(() -> iam.createGroup(request -> request.groupName("readers")));
        createUser(iam, "reporting-bot", Map.of("owner", "finance"));
        iam.addUserToGroup(request -> request.groupName("readers").userName("reporting-bot"));
        ensureAccessKeys(iam, "reporting-bot", 1);
        ignoreExisting(() -> iam.createRole(request -> request.roleName("analytics")
                .assumeRolePolicyDocument(TRUST.formatted(account)).tags(tags(Map.of("owner", "data")))));
    }

    private static IamClient iam(URI endpoint, String account) {
        return AwsTestClients.client(IamClient.builder(), endpoint, account, Region.US_EAST_1);
    }

    /** Creates a customer managed policy, or finds the existing one, and returns its ARN. */
    private static String createPolicy(IamClient iam, String account, String name, String document) {
        ignoreExisting(() -> iam.createPolicy(request -> request.policyName(name).policyDocument(document)));
        return "arn:aws:iam::" + account + ":policy/" + name;
    }

    private static void createUser(IamClient iam, String name, Map<String, String> tags) {
        ignoreExisting(() -> iam.createUser(request -> request.userName(name).tags(tags(tags))));
    }

    private static void createLoginProfile(IamClient iam, String user) {
        ignoreExisting(() -> iam.createLoginProfile(request -> request.userName(user)
                .password("Demo-Passw0rd-" + user).passwordResetRequired(false)));
    }

    private static void enableVirtualMfa(IamClient iam, String account, String user) {
        if (!iam.listMFADevices(request -> request.userName(user)).mfaDevices().isEmpty()) {
            return;
        }
        ignoreExisting(() -> iam.createVirtualMFADevice(request -> request.virtualMFADeviceName(user)));
        iam.enableMFADevice(request -> request.userName(user).serialNumber("arn:aws:iam::" + account + ":mfa/" + user)
                .authenticationCode1("123456").authenticationCode2("654321"));
    }

    /** Creates access keys until the user has {@code count}; the secret keys are discarded. */
    private static void ensureAccessKeys(IamClient iam, String user, int count) {
        int existing = iam.listAccessKeys(request -> request.userName(user)).accessKeyMetadata().size();
        for (int i = existing; i < count; i++) {
            iam.createAccessKey(request -> request.userName(user));
        }
    }

    /** Uploads a certificate unless one of that name exists; moto 5.2.1 would store a duplicate. */
    private static void uploadCertificate(IamClient iam, String name) {
        boolean exists = iam.listServerCertificates().serverCertificateMetadataList().stream()
                .anyMatch(certificate -> certificate.serverCertificateName().equals(name));
        if (exists) {
            return;
        }
        ignoreExisting(() -> iam.uploadServerCertificate(request -> request.serverCertificateName(name)
                .certificateBody("-----BEGIN CERTIFICATE-----\nMIIBdemo\n-----END CERTIFICATE-----")
                .privateKey("-----BEGIN PRIVATE KEY-----\nMIIBdemo\n-----END PRIVATE KEY-----")));
    }

    private static void ignoreExisting(Runnable create) {
        try {
            create.run();
        } catch (EntityAlreadyExistsException e) {
            LOG.debug("Demo IAM resource already exists; keeping it: {}", e.awsErrorDetails().errorMessage());
        }
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }

    private static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private static Map<String, Map<String, String>> rows(Object... userAndColumns) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (int i = 0; i < userAndColumns.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, String> columns = (Map<String, String>) userAndColumns[i + 1];
            rows.put((String) userAndColumns[i], columns);
        }
        return rows;
    }

    /** Returns a credential report timestamp {@code days} days before {@code now}. */
    private static String daysAgo(Instant now, int days) {
        return now.minus(Duration.ofDays(days)).toString().replace("Z", "+00:00");
    }
}
