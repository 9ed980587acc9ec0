package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertFinding;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.finding;
import static dev.sonda.worker.it.WorkerTestSupport.findings;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * KMS.3, KMS.4 and KMS.5 against moto. moto lists no AWS managed key, so one customer key is
 * presented as AWS managed by the MotoGaps.awsManagedKeys fixture.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class KmsProbeTest extends ProxiedTestBase {

    private static final String PUBLIC_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Owner","Effect":"Allow",
            "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"},
            {"Sid":"Everyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}""";

    private KmsClient kms(String account) {
        return AwsTestClients.client(KmsClient.builder(), proxy.endpoint(), account, Region.EU_WEST_1);
    }

    private static ProbeResult scan(String account, DisabledControl... disabled) {
        return run(TestTasks.task(account, "eu-west-1", "kms", disabled));
    }

    @Test
    void keysOfEveryKind() {
        String account = "310000000011";
        KeyMetadata rotated;
        KeyMetadata unrotated;
        KeyMetadata pending;
        KeyMetadata signing;
        KeyMetadata awsManaged;
        try (KmsClient kms = kms(account)) {
            rotated = kms.createKey(request -> request.keyUsage(KeyUsageType.ENCRYPT_DECRYPT)
                    .keySpec(KeySpec.SYMMETRIC_DEFAULT).description("rotated")).keyMetadata();
            kms.enableKeyRotation(request -> request.keyId(rotated.keyId()));
            kms.createAlias(request -> request.aliasName("alias/orders").targetKeyId(rotated.keyId()));
            // No KeyUsage: moto then reports none, and the probe must still treat the key as ENCRYPT_DECRYPT.
            unrotated = kms.createKey(request -> request.description("unrotated")
                    .policy(PUBLIC_POLICY.formatted(account))).keyMetadata();
            pending = kms.createKey(request -> request.description("pending")).keyMetadata();
            kms.scheduleKeyDeletion(request -> request.keyId(pending.keyId()).pendingWindowInDays(7));
            signing = kms.createKey(request -> request.keyUsage(KeyUsageType.SIGN_VERIFY)
                    .keySpec(KeySpec.RSA_2048)).keyMetadata();
            awsManaged = kms.createKey(request -> request.description("Default key for S3")).keyMetadata();
        }
        addRule(MotoGaps.awsManagedKeys(account, "eu-west-1", "Default key for S3"));
        proxy.clearRequests();

        ProbeResult result = scan(account);

        assertOnlyCatalogActions(proxy, account, "kms");
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertFinding(finding(result, "KMS.3", rotated.arn()), "KMS.3", "PASS", rotated.arn(),
                "KMS key " + rotated.keyId() + " (alias/orders) is not scheduled for deletion.");
        assertFinding(finding(result, "KMS.4", rotated.arn()), "KMS.4", "PASS", rotated.arn(),
                // moto 5.2.1 reports no RotationPeriodInDays, so the message names no period.
                "KMS key " + rotated.keyId() + " (alias/orders) rotates its key material automatically.");
        assertFinding(finding(result, "KMS.5", rotated.arn()), "KMS.5", "PASS", rotated.arn(),
                "KMS key " + rotated.keyId() + " (alias/orders) has a key policy that does not allow public access.");

        assertFinding(finding(result, "KMS.4", unrotated.arn()), "KMS.4", "FAIL", unrotated.arn(),
                "KMS key " + unrotated.keyId() + " does not rotate its key material automatically.");
        assertFinding(finding(result, "KMS.5", unrotated.arn()), "KMS.5", "FAIL", unrotated.arn(),
                "KMS key " + unrotated.keyId() + " allows public access in key policy statement Everyone.");

        Finding deletion = finding(result, "KMS.3", pending.arn());
        assertThat(deletion.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(deletion.message()).startsWith("KMS key " + pending.keyId() + " is scheduled for deletion on ");
        assertThat(deletion.evidence()).containsKey("deletionDate").containsEntry("keyState", "PendingDeletion");
        assertThat(finding(result, "KMS.4", pending.arn()).status()).isEqualTo(FindingStatus.NOT_APPLICABLE);

        assertFinding(finding(result, "KMS.4", signing.arn()), "KMS.4", "NOT_APPLICABLE", signing.arn(),
                "KMS key " + signing.keyId() + " has key spec RSA_2048, so automatic rotation does not apply.");

        assertFinding(finding(result, "KMS.4", awsManaged.arn()), "KMS.4", "NOT_APPLICABLE", awsManaged.arn(),
                "KMS key " + awsManaged.keyId() + " is AWS managed, and AWS rotates it every year, so automatic "
                        + "rotation does not apply.");
        assertThat(result.findings()).filteredOn(f -> f.resourceId().equals(awsManaged.arn()))
                .extracting(Finding::controlId).containsExactly("KMS.4");
        assertThat(proxy.requests()).filteredOn(exchange -> account.equals(exchange.account())
                && "GetKeyPolicy".equals(exchange.operation())
                && exchange.request().body().contains(awsManaged.keyId())).isEmpty();
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.region()).isEqualTo("eu-west-1");
            assertThat(f.resourceType()).isEqualTo("AWS::KMS::Key");
        });
    }

    @Test
    void regionWithoutKeysIsNotApplicable() {
        String account = "310000000012";

        ProbeResult result = scan(account);

        assertThat(result.findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(f.resourceId()).isEqualTo("arn:aws:kms:eu-west-1:" + account + ":key/*");
        });
    }

    @Test
    void deniedListKeysIsErrorForEveryControl() {
        String account = "310000000013";
        addRule(MotoGaps.scpDenies(account, "kms", "ListKeys", "eu-west-1"));

        ProbeResult result = scan(account);

        assertThat(result.findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(f.evidence()).containsEntry("operation", "ListKeys").containsEntry("errorCode",
                    "AccessDeniedException");
        });
    }

    @Test
    void deniedKeyPolicyIsErrorNotFail() {
        String account = "310000000014";
        KeyMetadata key;
        try (KmsClient kms = kms(account)) {
            key = kms.createKey(request -> request.description("guarded")).keyMetadata();
        }
        addRule(MotoGaps.scpDenies(account, "kms", "GetKeyPolicy", "eu-west-1"));

        ProbeResult result = scan(account);

        Finding finding = finding(result, "KMS.5", key.arn());
        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("KMS key " + key.keyId() + " could not be checked for public access: "
                + "GetKeyPolicy failed with AccessDeniedException.");
        assertThat(finding(result, "KMS.3", key.arn()).status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void disabledControlsAreNotApplicableWithoutCalls() {
        String account = "310000000015";
        proxy.clearRequests();

        ProbeResult result = scan(account, new DisabledControl("KMS.3", "No customer keys by policy."),
                new DisabledControl("KMS.4", "No customer keys by policy."),
                new DisabledControl("KMS.5", "No customer keys by policy."));

        assertThat(findings(result, "KMS.4")).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(f.evidence()).containsEntry("disabledBy", "inventory");
        });
        assertThat(result.findings()).hasSize(3);
        assertThat(proxy.requestCount("kms", null, account)).isZero();
    }
}
