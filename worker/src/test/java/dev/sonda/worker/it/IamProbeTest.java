package dev.sonda.worker.it;

import static dev.sonda.worker.it.TestTasks.globalTask;
import static dev.sonda.worker.it.WorkerTestSupport.assertFinding;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.finding;
import static dev.sonda.worker.it.WorkerTestSupport.findings;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.MotoGaps.AwsManagedAttachment;
import dev.sonda.testkit.SharedMoto;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The iam probe against moto. States moto cannot hold (the root user, credential dates, AWS
 * managed policies, certificate expiry, Access Analyzer) come from MotoGaps fixtures in the proxy.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class IamProbeTest extends ProxiedTestBase {

    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    /** Adds empty ListAnalyzers responses, because moto has no Access Analyzer and the SDK would retry its HTTP 500s. */
    private void noAnalyzers(String accountId) {
        REGIONS.forEach(region -> addRules(MotoGaps.accessAnalyzers(accountId, region)));
    }

    private static ProbeResult scan(String accountId, DisabledControl... disabled) {
        ProbeResult result = run(globalTask(accountId, "iam", REGIONS, disabled));
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.region()).isEqualTo("global");
        return result;
    }

    private static FindingStatus status(ProbeResult result, String controlId, String resourceId) {
        return finding(result, controlId, resourceId).status();
    }

    private static IamClient iam(String accountId) {
        return AwsTestClients.client(IamClient.builder(), SharedMoto.proxy().endpoint(), accountId, Region.US_EAST_1);
    }

    private static String daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString().replace("Z", "+00:00");
    }

    private static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    @Test
    void configuredAccountPassesAndFails() {
        String account = "100000000020";
        String arn = "arn:aws:iam::" + account + ":";
        try (IamClient iam = iam(account)) {
            iam.updateAccountPasswordPolicy(request -> request.minimumPasswordLength(14).requireSymbols(true)
                    .requireNumbers(true).requireUppercaseCharacters(true).requireLowercaseCharacters(true)
                    .passwordReusePrevention(24).maxPasswordAge(90));
            iam.createPolicy(request -> request.policyName("Admin").policyDocument(allow("*", "*")));
            iam.createPolicy(request -> request.policyName("S3Full").policyDocument(allow("s3:*", "*")));
            iam.createPolicy(request -> request.policyName("Boundary").policyDocument(allow("*", "*")));
            iam.createUser(request -> request.userName("alice").tags(Tag.builder().key("owner").value("ops").build()));
            iam.createLoginProfile(request -> request.userName("alice").password("Passw0rd!Passw0rd"));
            iam.createVirtualMFADevice(request -> request.virtualMFADeviceName("alice"));
            iam.enableMFADevice(request -> request.userName("alice").serialNumber(arn + "mfa/alice")
                    .authenticationCode1("123456").authenticationCode2("654321"));
            iam.createUser(request -> request.userName("bob"));
            iam.createLoginProfile(request -> request.userName("bob").password("Passw0rd!Passw0rd"));
            iam.createAccessKey(request -> request.userName("bob"));
            iam.createAccessKey(request -> request.userName("bob"));
            iam.attachUserPolicy(request -> request.userName("bob").policyArn(arn + "policy/S3Full"));
            iam.putUserPolicy(request -> request.userName("bob").policyName("decrypt-all")
                    .policyDocument(allow("kms:Decrypt*", "*")));
            iam.createGroup(request -> request.groupName("shell"));
            iam.createRole(request -> request.roleName("support").assumeRolePolicyDocument(TRUST)
                    .tags(Tag.builder().key("owner").value("security").build()));
            iam.createRole(request -> request.roleName("untagged").assumeRolePolicyDocument(TRUST)
                    .permissionsBoundary(arn + "policy/Boundary"));
            iam.uploadServerCertificate(request -> request.serverCertificateName("expired")
                    .certificateBody("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
                    .privateKey("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"));
            iam.createSAMLProvider(request -> request.name("okta").samlMetadataDocument("x".repeat(1000)));
        }
        FaultRule root = MotoGaps.rootMfaEnabled(account);
        FaultRule report = MotoGaps.credentialReport(account, Map.of(
                MotoGaps.ROOT_USER, Map.of("mfa_active", "true", "password_last_used", daysAgo(40)),
                "alice", Map.of("password_last_used", daysAgo(2)),
                "bob", Map.of("password_last_used", daysAgo(100), "access_key_1_last_rotated", daysAgo(120))));
        List<FaultRule> managed = MotoGaps.awsManagedPolicies(account,
                AwsManagedAttachment.supportAccess("Role", "support"),
                AwsManagedAttachment.administratorAccess("User", "bob"),
                AwsManagedAttachment.cloudShellFullAccess("Group", "shell"));
        FaultRule analyzersWest = MotoGaps.accessAnalyzers(account, "eu-west-1",
                new MotoGaps.AccessAnalyzer("tagged", "ACCOUNT", "ACTIVE", Map.of("owner", "security")));
        FaultRule analyzersEast = MotoGaps.accessAnalyzers(account, "us-east-1",
                new MotoGaps.AccessAnalyzer("untagged", "ACCOUNT", "ACTIVE", Map.of()));
        addRules(root, report, analyzersWest, analyzersEast);
        addRules(managed);
        proxy.clearRequests();

        ProbeResult result = scan(account);

        assertOnlyCatalogActions(proxy, account, "iam");
        assertThat(List.of(root, report, analyzersWest, analyzersEast)).allSatisfy(rule ->
                assertThat(rule.hits()).as(rule.description()).isEqualTo(1));
        assertThat(managed).allSatisfy(rule -> assertThat(rule.hits()).as(rule.description()).isEqualTo(1));
        Set<String> catalog = Catalog.load().probe("iam").orElseThrow().controls().stream()
                .map(definition -> definition.id()).collect(Collectors.toSet());
        assertThat(result.findings()).extracting(Finding::controlId).containsAll(catalog);
        assertThat(result.findings()).noneMatch(found -> found.status() == FindingStatus.ERROR);

        String alice = arn + "user/alice";
        String bob = arn + "user/bob";
        String accountResource = "AWS::::Account:" + account;
        assertFinding(only(result, "IAM.9"), "IAM.9", "PASS", accountResource,
                "The root user of account " + account + " has MFA enabled.");
        assertThat(only(result, "IAM.4").status()).isEqualTo(FindingStatus.PASS);
        assertThat(only(result, "IAM.6").status()).isEqualTo(FindingStatus.PASS);
        assertThat(only(result, "IAM.RootUserUnused").status()).isEqualTo(FindingStatus.MANUAL);
        for (String password : List.of("IAM.7", "IAM.10", "IAM.11", "IAM.12", "IAM.13", "IAM.14", "IAM.15", "IAM.16",
                "IAM.17")) {
            assertThat(only(result, password).status()).as(password).isEqualTo(FindingStatus.PASS);
        }
        assertThat(status(result, "IAM.1", arn + "policy/Admin")).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.1", arn + "policy/S3Full")).isEqualTo(FindingStatus.PASS);
        assertThat(status(result, "IAM.1", arn + "policy/Boundary")).isEqualTo(FindingStatus.NOT_APPLICABLE);
        // moto leaves PolicyName out of GetAccountAuthorizationDetails, so the name comes from the ARN.
        assertThat(finding(result, "IAM.1", arn + "policy/Boundary").message())
                .isEqualTo("Policy Boundary is used only as a permissions boundary.");
        assertThat(status(result, "IAM.21", arn + "policy/S3Full")).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "KMS.1", arn + "policy/Admin")).isEqualTo(FindingStatus.FAIL);
        assertFinding(finding(result, "KMS.2", bob), "KMS.2", "FAIL", bob, "IAM user bob has inline policies that"
                + " allow kms:Decrypt or kms:ReEncryptFrom on all keys: decrypt-all #1.");
        assertThat(status(result, "IAM.2", alice)).isEqualTo(FindingStatus.PASS);
        assertThat(status(result, "IAM.2", bob)).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.3", alice)).isEqualTo(FindingStatus.PASS);
        assertFinding(finding(result, "IAM.3", bob), "IAM.3", "FAIL", bob,
                "IAM user bob has access key 1 active and last rotated more than 90 days ago.");
        assertThat(status(result, "IAM.5", alice)).isEqualTo(FindingStatus.PASS);
        assertThat(status(result, "IAM.5", bob)).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.8", alice)).isEqualTo(FindingStatus.PASS);
        assertThat(status(result, "IAM.8", bob)).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.22", bob)).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.19", alice)).isEqualTo(FindingStatus.PASS);
        assertThat(status(result, "IAM.19", bob)).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.OneActiveAccessKey", bob)).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.25", alice)).isEqualTo(FindingStatus.PASS);
        assertThat(status(result, "IAM.25", bob)).isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.24", arn + "role/support")).isEqualTo(FindingStatus.PASS);
        assertThat(status(result, "IAM.24", arn + "role/untagged")).isEqualTo(FindingStatus.FAIL);
        assertThat(only(result, "IAM.18").status()).isEqualTo(FindingStatus.PASS);
        assertFinding(only(result, "IAM.27"), "IAM.27", "FAIL", arn + "group/shell",
                "IAM group shell has AWSCloudShellFullAccess attached.");
        assertThat(status(result, "IAM.NoAttachedAdminPolicy", "arn:aws:iam::aws:policy/AdministratorAccess"))
                .isEqualTo(FindingStatus.FAIL);
        assertThat(status(result, "IAM.NoAttachedAdminPolicy", arn + "policy/S3Full")).isEqualTo(FindingStatus.PASS);
        assertThat(only(result, "IAM.26").status()).isEqualTo(FindingStatus.FAIL);
        assertThat(findings(result, "IAM.23")).extracting(Finding::status)
                .containsExactly(FindingStatus.PASS, FindingStatus.FAIL);
        Finding central = only(result, "IAM.CentralIdentity");
        assertThat(central.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(central.evidence()).containsEntry("samlProviders", 1).containsEntry("iamUsersWithConsolePassword", 2);
        assertThat(only(result, "IAM.NoKeysAtUserSetup").evidence()).containsEntry("users", List.of("bob"));
    }

    @Test
    void emptyAccountFailsPolicyControls() {
        String account = "100000000021";
        FaultRule root = MotoGaps.rootMfaDisabled(account);
        addRules(root, MotoGaps.accessAnalyzers(account, "eu-west-1"), MotoGaps.accessAnalyzers(account, "us-east-1"));

        ProbeResult result = scan(account);

        String accountResource = "AWS::::Account:" + account;
        assertFinding(only(result, "IAM.9"), "IAM.9", "FAIL", accountResource,
                "The root user of account " + account + " has no MFA device.");
        assertThat(only(result, "IAM.6").status()).isEqualTo(FindingStatus.FAIL);
        assertFinding(only(result, "IAM.15"), "IAM.15", "FAIL", accountResource,
                "Account " + account + " has no IAM password policy.");
        assertThat(only(result, "IAM.15").evidence()).containsEntry("errorCode", "NoSuchEntity");
        assertFinding(only(result, "IAM.3"), "IAM.3", "NOT_APPLICABLE", accountResource,
                "Account " + account + " has no IAM users.");
        assertThat(only(result, "IAM.1").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(only(result, "IAM.26").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(only(result, "IAM.23").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(only(result, "IAM.NoAttachedAdminPolicy").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(only(result, "IAM.18").status()).isEqualTo(FindingStatus.FAIL);
        assertThat(only(result, "IAM.27").status()).isEqualTo(FindingStatus.PASS);
        assertThat(only(result, "IAM.RootUserUnused").evidence()).containsEntry("credentialReportRootRow", "absent");
        assertThat(root.hits()).isEqualTo(1);
    }

    @Test
    void rootWithoutCredentialsIsNotApplicable() {
        String account = "100000000022";
        addRules(MotoGaps.rootWithoutCredentials(account));
        noAnalyzers(account);

        ProbeResult result = scan(account);

        assertFinding(only(result, "IAM.9"), "IAM.9", "NOT_APPLICABLE", "AWS::::Account:" + account,
                "The root user of account " + account + " has no password, access key or signing certificate, "
                        + "so MFA does not apply.");
        assertThat(only(result, "IAM.6").status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(only(result, "IAM.4").status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void rootVirtualMfaAndKeysFail() {
        String account = "100000000023";
        FaultRule device = MotoGaps.rootVirtualMfaDevice(account);
        FaultRule report = MotoGaps.credentialReport(account, Map.of(MotoGaps.ROOT_USER, Map.of(
                "mfa_active", "true", "access_key_1_active", "true", "access_key_1_last_rotated", daysAgo(400))));
        addRules(MotoGaps.rootMfaEnabled(account), device, report);
        noAnalyzers(account);

        ProbeResult result = scan(account);

        assertFinding(only(result, "IAM.6"), "IAM.6", "FAIL", "AWS::::Account:" + account,
                "The root user of account " + account + " uses the virtual MFA device arn:aws:iam::" + account
                        + ":mfa/root-account-mfa-device, not a hardware MFA device.");
        assertFinding(only(result, "IAM.4"), "IAM.4", "FAIL", "AWS::::Account:" + account,
                "The root user of account " + account + " has an access key.");
        assertThat(only(result, "IAM.4").evidence()).containsEntry("rootAccessKey1Active", true);
        assertThat(device.hits()).isEqualTo(1);
        assertThat(report.hits()).isEqualTo(1);
    }

    @Test
    void deniedCallsAreErrors() {
        String account = "100000000024";
        addRules(FaultRule.service("iam").account(account).accessDenied(),
                FaultRule.service("access-analyzer").account(account).accessDenied());

        ProbeResult result = scan(account);

        assertThat(result.findings()).allSatisfy(found -> {
            assertThat(found.status()).as(found.controlId()).isEqualTo(FindingStatus.ERROR);
            assertThat(found.evidence()).containsKey("operation").containsEntry("errorCode",
                    found.controlId().equals("IAM.23") ? "AccessDeniedException" : "AccessDenied");
        });
        assertThat(only(result, "IAM.9").evidence()).containsEntry("operation", "GetAccountSummary");
        assertThat(only(result, "IAM.2").evidence()).containsEntry("operation", "GetAccountAuthorizationDetails");
        assertThat(only(result, "IAM.19").evidence()).containsEntry("operation", "GenerateCredentialReport");
        assertThat(only(result, "IAM.7").message()).isEqualTo("Account " + account + " could not be checked for a"
                + " password policy: GetAccountPasswordPolicy failed with AccessDenied.");
        assertThat(findings(result, "IAM.23")).hasSize(REGIONS.size());
    }

    @Test
    void reportInProgressIsPolled() {
        String account = "100000000025";
        try (IamClient iam = iam(account)) {
            iam.createUser(request -> request.userName("carol"));
        }
        FaultRule inProgress = FaultRule.service("iam").operation("GetCredentialReport").account(account).maxHits(1)
                .respond(404, "text/xml", queryError("ReportInProgress", "Report generation in progress."));
        FaultRule expired = FaultRule.service("iam").operation("GetCredentialReport").account(account).maxHits(1)
                .respond(410, "text/xml", queryError("ReportExpired", "The report has expired."));
        addRules(inProgress, expired);
        noAnalyzers(account);

        ProbeResult result = scan(account);

        assertThat(inProgress.hits()).isEqualTo(1);
        assertThat(expired.hits()).isEqualTo(1);
        assertThat(finding(result, "IAM.19", "arn:aws:iam::" + account + ":user/carol").status())
                .isEqualTo(FindingStatus.FAIL);
        assertThat(result.executionLog()).anySatisfy(entry -> assertThat(entry.toString()).contains("ReportInProgress"));
    }

    @Test
    void disabledControlsAreNotApplicable() {
        String account = "100000000026";
        Set<String> others = Catalog.load().probe("iam").orElseThrow().controls().stream()
                .map(definition -> definition.id()).filter(id -> !id.equals("IAM.15")).collect(Collectors.toSet());
        DisabledControl[] disabled = others.stream().map(id -> new DisabledControl(id, "Out of scope for this test."))
                .toArray(DisabledControl[]::new);
        proxy.clearRequests();

        ProbeResult result = scan(account, disabled);

        assertThat(result.findings()).filteredOn(found -> !found.controlId().equals("IAM.15"))
                .allSatisfy(found -> assertThat(found.status()).isEqualTo(FindingStatus.NOT_APPLICABLE));
        assertThat(only(result, "IAM.15").status()).isEqualTo(FindingStatus.FAIL);
        assertThat(proxy.requests()).filteredOn(exchange -> account.equals(exchange.account()))
                .extracting(exchange -> exchange.service() + ":" + exchange.operation())
                .containsOnly("iam:GetAccountPasswordPolicy", "sts:GetCallerIdentity");
    }

    private static String queryError(String code, String message) {
        return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>sonda-test</RequestId></ErrorResponse>";
    }
}
