package dev.sonda.worker.probe.kms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KmsChecksTest {

    private static final String ARN = "arn:aws:kms:eu-west-1:123456789012:key/k1";
    private static final Set<String> ALL = Set.of("KMS.3", "KMS.4", "KMS.5");
    private static final String OWNER_POLICY = "{\"Statement\":[{\"Sid\":\"Owner\",\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    private static final String PUBLIC_POLICY = "{\"Statement\":[{\"Sid\":\"Everyone\",\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("kms").orElseThrow(),
            "123456789012", "eu-west-1");

    private static KeyDetails customer(String state) {
        return new KeyDetails("CUSTOMER", state, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", null, null);
    }

    private static KeyRecord key(KeyDetails details, Boolean rotation, String policy) {
        return new KeyRecord("k1", ARN, List.of("alias/orders"), Collected.ok(details),
                rotation == null ? null : Collected.ok(new KeyRecord.Rotation(rotation, rotation ? 365 : null)),
                policy == null ? null : Collected.ok(policy));
    }

    private static AwsError error(String operation, AwsErrorKind kind, String code) {
        return new AwsError(operation, kind, code, 400, null);
    }

    @Test
    void enabledKeyNotPendingDeletionPasses() {
        Finding finding = KmsChecks.pendingDeletion(key(customer("Enabled"), null, null), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo(ARN);
        assertThat(finding.message()).isEqualTo("KMS key k1 (alias/orders) is not scheduled for deletion.");
    }

    @Test
    void keyPendingDeletionFailsWithDate() {
        KeyDetails details = new KeyDetails("CUSTOMER", "PendingDeletion", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT",
                "AWS_KMS", Instant.parse("2026-12-11T22:00:00Z"), 7);

        Finding finding = KmsChecks.pendingDeletion(key(details, null, null), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("KMS key k1 (alias/orders) is scheduled for deletion on "
                + "2026-12-11T22:00:00Z.");
        assertThat(finding.evidence()).containsEntry("deletionDate", "2026-12-11T22:00:00Z")
                .containsEntry("pendingDeletionWindowInDays", 7).containsEntry("keyState", "PendingDeletion");
    }

    @Test
    void replicaPendingDeletionFails() {
        Finding finding = KmsChecks.pendingDeletion(key(customer("PendingReplicaDeletion"), null, null), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void awsManagedKeySkippedForDeletionAndPolicy() {
        KeyDetails details = new KeyDetails("AWS", "Enabled", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", null,
                null);

        assertThat(KmsChecks.pendingDeletion(key(details, null, null), findings)).isNull();
        assertThat(KmsChecks.publicAccess(key(details, null, null), findings)).isNull();
    }

    @Test
    void rotationEnabledPasses() {
        Finding finding = KmsChecks.rotation(key(customer("Enabled"), true, null), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("KMS key k1 (alias/orders) rotates its key material automatically "
                + "every 365 days.");
        assertThat(finding.evidence()).containsEntry("keyRotationEnabled", true)
                .containsEntry("rotationPeriodInDays", 365);
    }

    @Test
    void rotationDisabledFails() {
        Finding finding = KmsChecks.rotation(key(customer("Enabled"), false, null), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("KMS key k1 (alias/orders) does not rotate its key material "
                + "automatically.");
    }

    @Test
    void missingKeyUsageMeansEncryptDecrypt() {
        KeyDetails details = new KeyDetails("CUSTOMER", "Enabled", "SYMMETRIC_DEFAULT", null, "AWS_KMS", null, null);

        assertThat(details.effectiveKeyUsage()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(KmsChecks.rotationNotApplicableReason(details)).isNull();
        assertThat(KmsChecks.rotation(key(details, false, null), findings).status()).isEqualTo(FindingStatus.FAIL);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            AWS      | Enabled         | SYMMETRIC_DEFAULT | ENCRYPT_DECRYPT     | AWS_KMS            | is AWS managed, and AWS rotates it every year
            CUSTOMER | Disabled        | SYMMETRIC_DEFAULT | ENCRYPT_DECRYPT     | AWS_KMS            | is in state Disabled
            CUSTOMER | PendingDeletion | SYMMETRIC_DEFAULT | ENCRYPT_DECRYPT     | AWS_KMS            | is in state PendingDeletion
            CUSTOMER | PendingImport   | SYMMETRIC_DEFAULT | ENCRYPT_DECRYPT     | EXTERNAL           | is in state PendingImport
            CUSTOMER | Enabled         | RSA_2048          | SIGN_VERIFY         | AWS_KMS            | has key spec RSA_2048
            CUSTOMER | Enabled         | HMAC_256          | GENERATE_VERIFY_MAC | AWS_KMS            | has key spec HMAC_256
            CUSTOMER | Enabled         | SYMMETRIC_DEFAULT | ENCRYPT_DECRYPT     | EXTERNAL           | has imported key material (origin EXTERNAL)
            CUSTOMER | Enabled         | SYMMETRIC_DEFAULT | ENCRYPT_DECRYPT     | AWS_CLOUDHSM       | keeps its key material in a CloudHSM key store (origin AWS_CLOUDHSM)
            CUSTOMER | Enabled         | SYMMETRIC_DEFAULT | ENCRYPT_DECRYPT     | EXTERNAL_KEY_STORE | keeps its key material in an external key store (origin EXTERNAL_KEY_STORE)
            """)
    void rotationNotApplicable(String manager, String state, String spec, String usage, String origin, String reason) {
        KeyDetails details = new KeyDetails(manager, state, spec, usage, origin, null, null);

        Finding finding = KmsChecks.rotation(key(details, null, null), findings);

        assertThat(KmsChecks.rotationNotApplicableReason(details)).isEqualTo(reason);
        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.message()).isEqualTo("KMS key k1 (alias/orders) " + reason
                + ", so automatic rotation does not apply.");
    }

    @Test
    void rotationStatusDeniedIsError() {
        KeyRecord key = new KeyRecord("k1", ARN, List.of(), Collected.ok(customer("Enabled")),
                Collected.failed(error("GetKeyRotationStatus", AwsErrorKind.ACCESS_DENIED, "AccessDeniedException")),
                null);

        Finding finding = KmsChecks.rotation(key, findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("KMS key k1 could not be checked for automatic rotation: "
                + "GetKeyRotationStatus failed with AccessDeniedException.");
        assertThat(finding.evidence()).containsEntry("operation", "GetKeyRotationStatus");
    }

    @Test
    void ownerOnlyPolicyPasses() {
        Finding finding = KmsChecks.publicAccess(key(customer("Enabled"), null, OWNER_POLICY), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.message()).isEqualTo("KMS key k1 (alias/orders) has a key policy that does not allow "
                + "public access.");
    }

    @Test
    void publicPolicyFails() {
        Finding finding = KmsChecks.publicAccess(key(customer("Enabled"), null, PUBLIC_POLICY), findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("KMS key k1 (alias/orders) allows public access in key policy "
                + "statement Everyone.");
        assertThat(finding.evidence()).containsEntry("publicStatements", List.of("Everyone"));
    }

    @Test
    void unreadablePolicyIsError() {
        KeyRecord denied = new KeyRecord("k1", ARN, List.of(), Collected.ok(customer("Enabled")), null,
                Collected.failed(error("GetKeyPolicy", AwsErrorKind.ACCESS_DENIED, "AccessDeniedException")));
        KeyRecord invalid = key(customer("Enabled"), null, "{broken");

        Finding deniedFinding = KmsChecks.publicAccess(denied, findings);
        Finding invalidFinding = KmsChecks.publicAccess(invalid, findings);

        assertThat(deniedFinding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(deniedFinding.evidence()).containsEntry("errorCode", "AccessDeniedException");
        assertThat(invalidFinding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(invalidFinding.evidence()).containsEntry("errorCode", "InvalidPolicy")
                .containsEntry("reason", "the policy is not valid JSON");
    }

    @Test
    void deniedDescribeKeyIsErrorForEveryControl() {
        KeyRecord key = new KeyRecord("k1", ARN, List.of(), Collected.failed(error("DescribeKey",
                AwsErrorKind.ACCESS_DENIED, "AccessDeniedException")), null, null);

        List<Finding> result = KmsChecks.evaluate(new KmsInventory(null, List.of(key)), ALL, findings);

        assertThat(result).hasSize(3).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.message()).isEqualTo("KMS key k1 could not be checked: DescribeKey failed with "
                    + "AccessDeniedException.");
        });
    }

    @Test
    void regionWithoutKeysIsNotApplicable() {
        List<Finding> result = KmsChecks.evaluate(new KmsInventory(null, List.of()), ALL, findings);

        assertThat(result).extracting(Finding::controlId).containsExactly("KMS.3", "KMS.4", "KMS.5");
        assertThat(result).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(finding.resourceId()).isEqualTo("arn:aws:kms:eu-west-1:123456789012:key/*");
        });
        assertThat(result.get(0).message()).isEqualTo("Region eu-west-1 has no customer managed KMS keys.");
        assertThat(result.get(1).message()).isEqualTo("Region eu-west-1 has no KMS keys.");
    }

    @Test
    void awsManagedKeysOnlyAreNotApplicable() {
        KeyDetails details = new KeyDetails("AWS", "Enabled", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", null,
                null);

        List<Finding> result = KmsChecks.evaluate(new KmsInventory(null, List.of(key(details, null, null))), ALL,
                findings);

        assertThat(result).extracting(Finding::controlId).containsExactly("KMS.4", "KMS.3", "KMS.5");
        assertThat(result.get(0).resourceId()).isEqualTo(ARN);
        assertThat(result).allSatisfy(finding -> assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE));
        assertThat(result.get(1).message()).isEqualTo("Region eu-west-1 has no customer managed KMS keys.");
    }

    @Test
    void listFailureIsErrorForEveryControl() {
        List<Finding> result = KmsChecks.evaluate(new KmsInventory(error("ListKeys", AwsErrorKind.THROTTLED,
                "ThrottlingException"), List.of()), Set.of("KMS.4"), findings);

        assertThat(result).hasSize(1);
        assertThat(result.get(0).status()).isEqualTo(FindingStatus.ERROR);
        assertThat(result.get(0).message()).isEqualTo("KMS keys in region eu-west-1 could not be listed: ListKeys "
                + "failed with ThrottlingException.");
    }
}
